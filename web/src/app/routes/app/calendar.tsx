import type { CalendarMember } from "@chorus/shared";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Field } from "../../../components/form";
import { Page } from "../../../components/page";
import { ErrorAlert, Loading } from "../../../components/status";
import { useCircle } from "../../../features/circle/api/get-circle";
import { useMembers } from "../../../features/circle/api/get-members";
import { useCalendar } from "../../../features/calendar/api/get-calendar";
import { CalendarView } from "../../../features/calendar/components/calendar-view";
import { fetchRange, step, weekOf, type CalendarViewKind } from "../../../features/calendar/days";
import "../../../features/calendar/calendar.css";
import { calendarDay } from "../../../lib/dates";
import { locale } from "../../../lib/i18n";
import { useNow } from "../../../lib/use-now";
import { useViewer } from "./viewer";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[1-9][0-9]{0,9}$/;

/** `?view=`, `?day=` and `?member=` as the page's state, so a calendar can be linked and the back button steps back. */
function useCalendarParams(today: string) {
  const [params, setParams] = useSearchParams();
  const view: CalendarViewKind = params.get("view") === "month" ? "month" : "week";
  const requestedDay = params.get("day") ?? "";
  const day = DAY.test(requestedDay) && !Number.isNaN(Date.parse(requestedDay)) ? requestedDay : today;
  const requestedMember = params.get("member") ?? "";
  const member: CalendarMember = requestedMember === "everyone" ? "everyone" : ID.test(requestedMember) ? Number(requestedMember) : "me";
  const href = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) next.delete(name);
      else next.set(name, value);
    }
    return `/calendar?${next.toString()}`;
  };
  const set = (changes: Record<string, string | null>) => setParams(new URLSearchParams(href(changes).slice("/calendar?".length)));
  return { view, day, member, href, set };
}

/** `/calendar` (decision 0036): a week or a month of occurrences, ahead and behind, for you, a member or everyone. */
export function CalendarRoute() {
  const { t } = useTranslation("app");
  const viewer = useViewer();
  const circle = useCircle();
  const members = useMembers();
  // A page left open past midnight moves "today" along.
  const now = useNow(60_000);
  const today = calendarDay(new Date(now), circle.data?.timezone ?? "UTC");
  const params = useCalendarParams(today);
  // While viewing as a member the server shows only their calendar.
  const member = viewer.impersonating ? "me" : params.member;
  const calendar = useCalendar(fetchRange(params.view, params.day), member);
  const active = (members.data ?? []).filter((candidate) => candidate.status === "active");
  const title = viewer.impersonating ? t("calendar.titleActing", { name: viewer.acting.displayName }) : t("calendar.title");

  return (
    <Page
      title={title}
      actions={
        <Link to="/" className="button">
          {t("calendar.list")}
        </Link>
      }
    >
      <form
        className="form form--inline card calendar-controls"
        aria-label={t("calendar.controls")}
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="segmented" role="group" aria-label={t("calendar.view")}>
          {(["week", "month"] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={params.view === option}
              onClick={() => params.set({ view: option === "week" ? null : option })}
            >
              {t(`calendar.views.${option}`)}
            </button>
          ))}
        </div>
        <div className="calendar-controls__steps" role="group" aria-label={t(`calendar.steps.${params.view}`)}>
          <button type="button" className="button" onClick={() => params.set({ day: step(params.view, params.day, -1) })}>
            <span aria-hidden="true">‹</span> {t("calendar.previous")}
          </button>
          <button type="button" className="button" onClick={() => params.set({ day: null })} disabled={params.day === today}>
            {t("calendar.today")}
          </button>
          <button type="button" className="button" onClick={() => params.set({ day: step(params.view, params.day, 1) })}>
            {t("calendar.next")} <span aria-hidden="true">›</span>
          </button>
        </div>
        {!viewer.impersonating && (
          <Field label={t("calendar.whose")}>
            {(control) => (
              <select
                {...control}
                value={String(params.member)}
                onChange={(event) => params.set({ member: event.target.value === "me" ? null : event.target.value })}
              >
                <option value="me">{t("calendar.mine")}</option>
                <option value="everyone">{t("shared.everyone")}</option>
                {active
                  .filter((candidate) => candidate.userId !== viewer.self.id)
                  .map((candidate) => (
                    <option key={candidate.userId} value={candidate.userId}>
                      {candidate.displayName}
                    </option>
                  ))}
              </select>
            )}
          </Field>
        )}
      </form>
      <p className="muted calendar-caption" aria-live="polite">
        {params.view === "month"
          ? monthFormat().format(utcDate(params.day))
          : calendar.data && t("calendar.weekOf", { date: dateFormat().format(utcDate(weekOf(params.day, calendar.data.weekStart)[0]!)) })}
        {calendar.isFetching && ` · ${t("status.loading", { ns: "common" })}`}
      </p>
      {calendar.isPending || circle.isPending ? (
        <Loading label={t("calendar.loading")} />
      ) : calendar.isError ? (
        <ErrorAlert title={t("calendar.loadFailed")} error={calendar.error} onRetry={() => void calendar.refetch()} />
      ) : (
        <CalendarView
          calendar={calendar.data}
          view={params.view}
          day={params.day}
          today={today}
          weekLink={(date) => params.href({ view: null, day: date })}
        />
      )}
    </Page>
  );
}

// Made when drawn: the language can change while the page is open.
const monthFormat = () => new Intl.DateTimeFormat(locale(), { month: "long", year: "numeric", timeZone: "UTC" });
const dateFormat = () => new Intl.DateTimeFormat(locale(), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const utcDate = (day: string) => new Date(`${day}T00:00:00Z`);
