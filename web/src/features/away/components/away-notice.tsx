/**
 * What the task list shows of away mode (decision 0034). Kept apart from the forms: the
 * tasks page is the first screen, and this needs no schema code.
 */
import type { AwayPeriod, Chore } from "@chorus/shared";
import { useTranslation } from "react-i18next";
import { i18next, locale } from "../../../lib/i18n";

/** "24 Dec 2026" for a calendar day (YYYY-MM-DD), read as that day wherever the browser is. */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

export function describePeriod(period: Pick<AwayPeriod, "startsOn" | "endsOn">): string {
  return period.startsOn === period.endsOn
    ? formatDay(period.startsOn)
    : i18next.t("away:period", { first: formatDay(period.startsOn), last: formatDay(period.endsOn) });
}

/** The period making `chore`'s current occurrence not due for its assignee, as "Away until …", or null. */
export function awayTextFor(periods: readonly AwayPeriod[], chore: Chore): string | null {
  if (chore.assignedTo === null || chore.nextDueDate === null || chore.finishedAt !== null || chore.archived) return null;
  const assignee = chore.assignedTo;
  const due = Date.parse(chore.nextDueDate);
  // A period covers [startsAt, endsAt) (decision 0034).
  const covering = periods.filter(
    (period) =>
      (period.member === null || period.member.id === assignee) && Date.parse(period.startsAt) <= due && due < Date.parse(period.endsAt),
  );
  const last = covering.reduce<AwayPeriod | null>(
    (latest, period) => (latest === null || period.endsAt > latest.endsAt ? period : latest),
    null,
  );
  if (last === null) return null;
  return i18next.t(last.member === null ? "away:circlePausedUntil" : "away:awayUntil", { day: formatDay(last.endsOn) });
}

/** Who is away now or soon, under the task list. */
export function AwayNotice({ periods }: { periods: readonly AwayPeriod[] }) {
  const { t } = useTranslation("away");
  if (periods.length === 0) return null;
  return (
    <section className="away-notice" aria-labelledby="away-notice-heading">
      <h2 id="away-notice-heading">{t("notice.heading")}</h2>
      <ul>
        {periods.map((period) => (
          <li key={period.id}>
            <strong>{period.member?.displayName ?? t("notice.wholeCircle")}</strong> {describePeriod(period)}
          </li>
        ))}
      </ul>
    </section>
  );
}
