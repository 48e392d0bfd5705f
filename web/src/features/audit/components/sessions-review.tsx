import { impersonationSessionsExportQuerySchema, type ImpersonationMode, type ImpersonationSessionReview } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { ErrorAlert, Loading } from "../../../components/status";
import { calendarDay, formatDateTime } from "../../../lib/dates";
import { errorMessage } from "../../../lib/errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useExportImpersonationSessions, useImpersonationSessions } from "../api/get-impersonation-sessions";

export const MODE_LABELS: Record<ImpersonationMode, string> = { view: "View only", act: "View and act" };

/** "ended …", "expired …" or "open until …": an expired session reads as ended at this render's clock, which each refetch brings. */
function sessionEnd(session: Pick<ImpersonationSessionReview, "endedAt" | "expiresAt">, timeZone: string, now: number): string {
  if (session.endedAt) return formatDateTime(session.endedAt, timeZone);
  if (Date.parse(session.expiresAt) <= now) return `Expired ${formatDateTime(session.expiresAt, timeZone)}`;
  return `Open until ${formatDateTime(session.expiresAt, timeZone)}`;
}

/** The audit page's Sessions view (decision 0022): one row per "View tasks as" session, and its CSV export. */
export function SessionsReview({ timeZone }: { timeZone: string }) {
  const sessions = useImpersonationSessions();
  const all = sessions.data?.pages.flatMap((page) => page.sessions) ?? [];
  // oxlint-disable-next-line react/purity -- see sessionEnd
  const now = Date.now();

  return (
    <>
      <SessionsExportForm timeZone={timeZone} />
      {sessions.isPending ? (
        <Loading label="Loading sessions…" />
      ) : sessions.isError ? (
        <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : all.length === 0 ? (
        <p className="empty">Nobody has viewed tasks as anyone yet.</p>
      ) : (
        // oxlint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must take focus (axe)
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Sessions">
          <table className="audit-table sessions-table">
            <caption className="visually-hidden">“View tasks as” sessions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Who</th>
                <th scope="col">For</th>
                <th scope="col">Mode</th>
                <th scope="col">Reason</th>
                <th scope="col">Started</th>
                <th scope="col">Ended</th>
                <th scope="col">Actions</th>
                <th scope="col">Refusals</th>
              </tr>
            </thead>
            <tbody>
              {all.map((session) => (
                <tr key={session.id} className={session.refusalCount > 0 ? "audit-row--denied" : undefined}>
                  <td data-label="Who">{session.actor.displayName}</td>
                  <td data-label="For">{session.target.displayName}</td>
                  <td data-label="Mode">{MODE_LABELS[session.mode]}</td>
                  <td data-label="Reason">{session.reason ?? <span className="muted">No reason given</span>}</td>
                  <td data-label="Started">
                    <time dateTime={session.startedAt}>{formatDateTime(session.startedAt, timeZone)}</time>
                  </td>
                  <td data-label="Ended">{sessionEnd(session, timeZone, now)}</td>
                  <td data-label="Actions">{session.actionCount}</td>
                  <td data-label="Refusals">{session.refusalCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {sessions.hasNextPage && (
        <button type="button" className="button" disabled={sessions.isFetchingNextPage} onClick={() => void sessions.fetchNextPage()}>
          {sessions.isFetchingNextPage ? "Loading…" : "Show older sessions"}
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

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const range = validate(impersonationSessionsExportQuerySchema, { from, to });
    if (!range) return;
    exportCsv.mutate(range, { onError: (error) => showFailure(error, errorMessage(error)) });
  }

  return (
    <form onSubmit={submit} noValidate className="card sessions-export" aria-label="Export sessions">
      <FormErrorSummary errors={errors} shownFields={["from", "to"]} formError={formError} />
      <TextField
        label="From"
        name="from"
        type="date"
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        error={errorFor(errors, "from")}
      />
      <TextField label="To" name="to" type="date" value={to} onChange={(e) => setTo(e.target.value)} error={errorFor(errors, "to")} />
      <button type="submit" className="button" disabled={exportCsv.isPending}>
        {exportCsv.isPending ? "Preparing…" : "Download CSV"}
      </button>
    </form>
  );
}
