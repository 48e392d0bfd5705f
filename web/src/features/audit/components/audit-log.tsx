import type { AuditEvent, Member } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { Field } from "../../../components/form";
import { ErrorAlert, Loading } from "../../../components/status";
import { formatDateTime } from "../../../lib/dates";
import { useAuditEvents, type AuditFilters } from "../api/get-audit-events";

export interface AuditLogProps {
  members: readonly Member[];
  nameOf: (userId: number | null) => string;
  /** Undefined for a chore the caller cannot see (deleted, or someone else's private one). */
  choreNameOf: (choreId: number) => string | undefined;
  timeZone: string;
}

/** Who did what as whom: filter by the real actor and by the member acted for. */
export function AuditLog({ members, nameOf, choreNameOf, timeZone }: AuditLogProps) {
  const [filters, setFilters] = useState<AuditFilters>({});
  const events = useAuditEvents(filters);
  const allEvents = events.data?.pages.flatMap((page) => page.events) ?? [];

  return (
    <>
      <AuditFilterForm members={members} onApply={setFilters} />
      {events.isPending ? (
        <Loading label="Loading audit log…" />
      ) : events.isError ? (
        <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />
      ) : allEvents.length === 0 ? (
        <p className="empty">No events match.</p>
      ) : (
        // A scrolling region must take focus so keyboard users can scroll it (axe: scrollable-region-focusable).
        // oxlint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Audit events">
          <table className="audit-table">
            <caption className="visually-hidden">Audit events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">As</th>
                <th scope="col">Action</th>
                <th scope="col">On</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {allEvents.map((event) => (
                <AuditRow
                  key={event.id}
                  event={event}
                  nameOf={nameOf}
                  entity={entityLabel(event, members, choreNameOf)}
                  timeZone={timeZone}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {events.hasNextPage && (
        <button type="button" className="button" disabled={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
          {events.isFetchingNextPage ? "Loading…" : "Show older events"}
        </button>
      )}
      {events.isFetchNextPageError && <ErrorAlert error={events.error} />}
    </>
  );
}

/** What an event was about: the chore's or member's name while the circle still knows it, else "chore #3". */
function entityLabel(event: AuditEvent, members: readonly Member[], choreNameOf: (choreId: number) => string | undefined): string {
  if (!event.entityType) return "";
  if (!event.entityId) return event.entityType;
  const id = Number(event.entityId);
  const name =
    event.entityType === "chore"
      ? choreNameOf(id)
      : event.entityType === "user"
        ? members.find((member) => member.userId === id)?.displayName
        : undefined;
  // The server leaves out the text of private chores the reader cannot see.
  if (!name && event.payload.redacted === "private_chore") return `private chore #${event.entityId}`;
  return name ?? `${event.entityType} #${event.entityId}`;
}

interface AuditRowProps {
  event: AuditEvent;
  nameOf: (userId: number | null) => string;
  /** What the event was about, for the "On" column. */
  entity: string;
  timeZone: string;
}

function AuditRow({ event, nameOf, entity, timeZone }: AuditRowProps) {
  const impersonated = typeof event.payload.impersonatedUserId === "number" ? event.payload.impersonatedUserId : null;
  const actedFor = event.subjectUserId ?? impersonated;
  const impersonationReason = typeof event.payload.impersonationReason === "string" ? event.payload.impersonationReason : null;
  return (
    <tr className={event.outcome === "denied" ? "audit-row--denied" : undefined}>
      <td>
        <time dateTime={event.createdAt}>{formatDateTime(event.createdAt, timeZone)}</time>
      </td>
      <td>
        {/* A penalty is applied by the scheduler, not by a person (decision 0028). */}
        {event.actorUserId !== null
          ? nameOf(event.actorUserId)
          : event.payload.appliedBy === "scheduler"
            ? "Chorus (scheduler)"
            : "Anonymous"}
        {event.viaDeviceId !== null && (
          <span className="muted">
            {" "}
            via {typeof event.payload.deviceName === "string" ? event.payload.deviceName : `tablet #${event.viaDeviceId}`}
          </span>
        )}
      </td>
      <td>
        {actedFor === null ? <span className="muted">themselves</span> : nameOf(actedFor)}
        {impersonationReason && <span className="muted audit-row__reason">Reason: “{impersonationReason}”</span>}
      </td>
      <td>
        <code>{event.action}</code>
      </td>
      <td>{entity}</td>
      <td>
        <span className={`badge badge--${event.outcome}`}>{event.outcome === "allowed" ? "Allowed" : "Denied"}</span>
      </td>
    </tr>
  );
}

function AuditFilterForm({ members, onApply }: { members: readonly Member[]; onApply: (filters: AuditFilters) => void }) {
  const [actor, setActor] = useState("");
  const [subject, setSubject] = useState("");
  const [action, setAction] = useState("");

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply({
      ...(actor ? { actorUserId: Number(actor) } : {}),
      ...(subject ? { subjectUserId: Number(subject) } : {}),
      ...(action.trim() ? { action: action.trim() } : {}),
    });
  }

  const memberOptions = members.map((member) => (
    <option key={member.userId} value={member.userId}>
      {member.displayName}
    </option>
  ));

  return (
    <form className="form form--inline card" onSubmit={submit} aria-label="Filter audit events">
      <Field label="Who (real person)">
        {(control) => (
          <select {...control} value={actor} onChange={(e) => setActor(e.target.value)}>
            <option value="">Anyone</option>
            {memberOptions}
          </select>
        )}
      </Field>
      <Field label="Acting as">
        {(control) => (
          <select {...control} value={subject} onChange={(e) => setSubject(e.target.value)}>
            <option value="">Anyone</option>
            {memberOptions}
          </select>
        )}
      </Field>
      <Field label="Action" hint="Like chore.completed">
        {(control) => <input {...control} value={action} onChange={(e) => setAction(e.target.value)} pattern="[a-z_.]*" />}
      </Field>
      <button type="submit" className="button button--primary">
        Filter
      </button>
    </form>
  );
}
