import type { Calendar, CalendarOccurrence, CalendarState } from "@chorus/shared";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatTime } from "../../../lib/dates";
import { locale } from "../../../lib/i18n";
import { monthWeeks, weekOf, type CalendarViewKind } from "../days";

/** Each state has a symbol and a word (`states.<state>`), so none depends on colour alone. */
const SYMBOLS: Record<CalendarState, string> = { upcoming: "○", overdue: "!", done: "✓", skipped: "↷", missed: "✕" };

/** A day's format in the language on screen: one formatter per language, built when first needed. */
const dayFormat = (options: Intl.DateTimeFormatOptions) => {
  const formats = new Map<string, Intl.DateTimeFormat>();
  return (day: string) => {
    const tag = locale();
    let format = formats.get(tag);
    if (!format) {
      format = new Intl.DateTimeFormat(tag, { ...options, timeZone: "UTC" });
      formats.set(tag, format);
    }
    return format.format(new Date(`${day}T00:00:00Z`));
  };
};
const longDay = dayFormat({ weekday: "long", day: "numeric", month: "long" });
const shortWeekday = dayFormat({ weekday: "short" });
const dayOfMonth = dayFormat({ day: "numeric" });

/** "Alex", "Done by Sam for Alex", "For everyone", "Rotates", "Nobody": whose it is and who did it. */
function whoText(t: TFunction<"calendar">, occurrence: CalendarOccurrence): string {
  const { member, doneBy, shared } = occurrence;
  if (doneBy && member && doneBy.userId !== member.userId) return t("who.doneFor", { by: doneBy.displayName, member: member.displayName });
  if (member) return member.displayName;
  if (shared) return t(`who.shared.${shared}`);
  return occurrence.rotates ? t("who.rotates") : t("who.nobody");
}

function OccurrenceItem({ occurrence, timeZone }: { occurrence: CalendarOccurrence; timeZone: string }) {
  const { t } = useTranslation("calendar");
  return (
    <li className={`calendar-item calendar-item--${occurrence.state}`}>
      <span className="calendar-item__state">
        <span aria-hidden="true">{SYMBOLS[occurrence.state]}</span> {t(`states.${occurrence.state}`)}
        {occurrence.away && <span className="calendar-item__away">{t("away")}</span>}
      </span>
      <Link to={`/chores/${occurrence.choreId}`} className="calendar-item__name">
        {occurrence.choreName}
      </Link>
      <span className="calendar-item__who">{t("timeWho", { time: formatTime(occurrence.at, timeZone), who: whoText(t, occurrence) })}</span>
    </li>
  );
}

function DayOccurrences({ occurrences, timeZone }: { occurrences: CalendarOccurrence[]; timeZone: string }) {
  const { t } = useTranslation("calendar");
  if (occurrences.length === 0) return <p className="calendar-day__empty">{t("nothing")}</p>;
  return (
    <ul className="calendar-day__items">
      {occurrences.map((occurrence) => (
        <OccurrenceItem key={`${occurrence.choreId}-${occurrence.at}-${occurrence.state}`} occurrence={occurrence} timeZone={timeZone} />
      ))}
    </ul>
  );
}

function byDay(calendar: Calendar): Map<string, CalendarOccurrence[]> {
  const days = new Map<string, CalendarOccurrence[]>();
  for (const occurrence of calendar.occurrences) days.set(occurrence.day, [...(days.get(occurrence.day) ?? []), occurrence]);
  return days;
}

/**
 * A week as seven columns (a list of days on a phone), or a month as a table of weeks whose
 * days link to their week. Weeks start on the circle locale's first day (`weekStart`).
 */
export function CalendarView({
  calendar,
  view,
  day,
  today,
  weekLink,
}: {
  calendar: Calendar;
  view: CalendarViewKind;
  day: string;
  today: string;
  /** Where a month's day leads: its week. */
  weekLink: (day: string) => string;
}) {
  const { t } = useTranslation("calendar");
  const days = byDay(calendar);
  if (view === "week") {
    return (
      <ol className="calendar-week" aria-label={t("week")}>
        {weekOf(day, calendar.weekStart).map((date) => (
          <li key={date} className="calendar-day" aria-current={date === today ? "date" : undefined}>
            <h2 className="calendar-day__heading">
              {longDay(date)}
              {date === today && <span className="calendar-day__today">{t("today")}</span>}
            </h2>
            <DayOccurrences occurrences={days.get(date) ?? []} timeZone={calendar.timezone} />
          </li>
        ))}
      </ol>
    );
  }
  const weeks = monthWeeks(day, calendar.weekStart);
  const month = day.slice(0, 7);
  return (
    <table className="calendar-month">
      <thead>
        <tr>
          {weeks[0]!.map((date) => (
            <th key={date} scope="col">
              {shortWeekday(date)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week[0]}>
            {week.map((date) => {
              const occurrences = days.get(date) ?? [];
              return (
                <td
                  key={date}
                  className={date.slice(0, 7) === month ? "calendar-cell" : "calendar-cell calendar-cell--outside"}
                  aria-current={date === today ? "date" : undefined}
                >
                  <Link
                    to={weekLink(date)}
                    className="calendar-cell__day"
                    aria-label={
                      occurrences.length === 0
                        ? t("showEmptyWeek", { day: longDay(date) })
                        : t("showWeek", { day: longDay(date), count: occurrences.length })
                    }
                  >
                    {dayOfMonth(date)}
                  </Link>
                  {occurrences.length > 0 && <span className="calendar-cell__count">{occurrences.length}</span>}
                  <ul className="calendar-cell__items">
                    {occurrences.map((occurrence) => (
                      <li
                        key={`${occurrence.choreId}-${occurrence.at}-${occurrence.state}`}
                        className={`calendar-chip calendar-item--${occurrence.state}`}
                      >
                        <span aria-hidden="true">{SYMBOLS[occurrence.state]}</span>{" "}
                        <span className="visually-hidden">{t("stateLabel", { state: t(`states.${occurrence.state}`) })}</span>
                        {occurrence.choreName}
                        <span className="calendar-chip__who">{t("chipWho", { who: whoText(t, occurrence) })}</span>
                      </li>
                    ))}
                  </ul>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
