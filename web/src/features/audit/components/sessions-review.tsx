import { impersonationSessionsExportQuerySchema, type ImpersonationSessionReview } from "@chorus/shared";
import type { TFunction } from "i18next";
import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { ErrorAlert, Loading } from "../../../components/status";
import { calendarDay, formatDateTime } from "../../../lib/dates";
import { errorMessage } from "../../../lib/errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useExportImpersonationSessions, useImpersonationSessions } from "../api/get-impersonation-sessions";

/** "ended …", "expired …" or "open until …": an expired session reads as ended at this render's clock, which each refetch brings. */
function sessionEnd(
  session: Pick<ImpersonationSessionReview, "endedAt" | "expiresAt">,
  timeZone: string,
  now: number,
  t: TFunction<"audit">,
): string {
  if (session.endedAt) return formatDateTime(session.endedAt, timeZone);
  if (Date.parse(session.expiresAt) <= now) return t("sessions.expired", { when: formatDateTime(session.expiresAt, timeZone) });
  return t("sessions.openUntil", { when: formatDateTime(session.expiresAt, timeZone) });
}

/** The audit page's Sessions view (decision 0022): one row per "View tasks as" session, and its CSV export. */
export function SessionsReview({ timeZone }: { timeZone: string }) {
  const sessions = useImpersonationSessions();
  const all = sessions.data?.pages.flatMap((page) => page.sessions) ?? [];
  // oxlint-disable-next-line react/purity -- see sessionEnd
  const now = Date.now();
  const { t } = useTranslation("audit");

  return (
    <>
      <SessionsExportForm timeZone={timeZone} />
      {sessions.isPending ? (
        <Loading label={t("sessions.loading")} />
      ) : sessions.isError ? (
        <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : all.length === 0 ? (
        <p className="empty">{t("sessions.empty")}</p>
      ) : (
        // oxlint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must take focus (axe)
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t("sessions.region")}>
          <table className="audit-table sessions-table">
            <caption className="visually-hidden">{t("sessions.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("sessions.who")}</th>
                <th scope="col">{t("sessions.for")}</th>
                <th scope="col">{t("sessions.mode")}</th>
                <th scope="col">{t("sessions.reason")}</th>
                <th scope="col">{t("sessions.started")}</th>
                <th scope="col">{t("sessions.ended")}</th>
                <th scope="col">{t("sessions.actions")}</th>
                <th scope="col">{t("sessions.refusals")}</th>
              </tr>
            </thead>
            <tbody>
              {all.map((session) => (
                <tr key={session.id} className={session.refusalCount > 0 ? "audit-row--denied" : undefined}>
                  <td data-label={t("sessions.who")}>{session.actor.displayName}</td>
                  <td data-label={t("sessions.for")}>{session.target.displayName}</td>
                  <td data-label={t("sessions.mode")}>{t(`sessions.modes.${session.mode}`)}</td>
                  <td data-label={t("sessions.reason")}>{session.reason ?? <span className="muted">{t("sessions.noReason")}</span>}</td>
                  <td data-label={t("sessions.started")}>
                    <time dateTime={session.startedAt}>{formatDateTime(session.startedAt, timeZone)}</time>
                  </td>
                  <td data-label={t("sessions.ended")}>{sessionEnd(session, timeZone, now, t)}</td>
                  <td data-label={t("sessions.actions")}>{session.actionCount}</td>
                  <td data-label={t("sessions.refusals")}>{session.refusalCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {sessions.hasNextPage && (
        <button type="button" className="button" disabled={sessions.isFetchingNextPage} onClick={() => void sessions.fetchNextPage()}>
          {sessions.isFetchingNextPage ? t("sessions.loadingMore") : t("sessions.older")}
        </button>
      )}
      {sessions.isFetchNextPageError && <ErrorAlert error={sessions.error} />}
    </>
  );
}

/** From 30 days ago to today, in the circle's time zone, unless changed. */
function SessionsExportForm({ timeZone }: { timeZone: string }) {
  const exportCsv = useExportImpersonationSessions();
  const [from, setFrom] = useState(() => calendarDay(new Date(Date.now() - 30 * 86_400_000), timeZone));
  const [to, setTo] = useState(() => calendarDay(new Date(), timeZone));
  const { errors, formError, validate, showFailure } = useFormErrors();
  const { t } = useTranslation("audit");

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const range = validate(impersonationSessionsExportQuerySchema, { from, to });
    if (!range) return;
    exportCsv.mutate(range, { onError: (error) => showFailure(error, errorMessage(error)) });
  }

  return (
    <form onSubmit={submit} noValidate className="card sessions-export" aria-label={t("sessionsExport.formLabel")}>
      <FormErrorSummary errors={errors} shownFields={["from", "to"]} formError={formError} />
      <TextField
        label={t("sessionsExport.from")}
        name="from"
        type="date"
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        error={errorFor(errors, "from")}
      />
      <TextField
        label={t("sessionsExport.to")}
        name="to"
        type="date"
        value={to}
        onChange={(e) => setTo(e.target.value)}
        error={errorFor(errors, "to")}
      />
      <button type="submit" className="button" disabled={exportCsv.isPending}>
        {exportCsv.isPending ? t("sessionsExport.preparing") : t("sessionsExport.download")}
      </button>
    </form>
  );
}
