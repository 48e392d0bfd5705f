import type { AuditEvent, Member } from "@chorus/shared";
import type { TFunction } from "i18next";
import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "../../../components/form";
import { ErrorAlert, Loading } from "../../../components/status";
import { formatDateTime } from "../../../lib/dates";
import { en } from "../../../locales/en";
import { useAuditEvents, type AuditFilters } from "../api/get-audit-events";

type Actions = typeof en.audit.actions;
type ActionKey = { [Group in keyof Actions]: `actions.${Group}.${keyof Actions[Group] & string}` }[keyof Actions];

/** "chore.completed" → "Chore done": the catalogue's label where it has one, else the action as recorded. */
function actionLabel(action: string, t: TFunction<"audit">): string {
  const [group, verb, ...rest] = action.split(".");
  const labels: Record<string, Record<string, string> | undefined> = en.audit.actions;
  const known =
    rest.length === 0 && group !== undefined && verb !== undefined && Object.hasOwn(labels, group) && Object.hasOwn(labels[group]!, verb);
  return known ? t(`actions.${group}.${verb}` as ActionKey) : action;
}

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
  const { t } = useTranslation("audit");

  return (
    <>
      <AuditFilterForm members={members} onApply={setFilters} />
      {events.isPending ? (
        <Loading label={t("log.loading")} />
      ) : events.isError ? (
        <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />
      ) : allEvents.length === 0 ? (
        <p className="empty">{t("log.empty")}</p>
      ) : (
        // A scrolling region must take focus so keyboard users can scroll it (axe: scrollable-region-focusable).
        // oxlint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t("log.region")}>
          <table className="audit-table">
            <caption className="visually-hidden">{t("log.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("log.when")}</th>
                <th scope="col">{t("log.who")}</th>
                <th scope="col">{t("log.as")}</th>
                <th scope="col">{t("log.action")}</th>
                <th scope="col">{t("log.on")}</th>
                <th scope="col">{t("log.outcome")}</th>
              </tr>
            </thead>
            <tbody>
              {allEvents.map((event) => (
                <AuditRow
                  key={event.id}
                  event={event}
                  nameOf={nameOf}
                  entity={entityLabel(event, members, choreNameOf, t)}
                  timeZone={timeZone}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {events.hasNextPage && (
        <button type="button" className="button" disabled={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
          {events.isFetchingNextPage ? t("log.loadingMore") : t("log.older")}
        </button>
      )}
      {events.isFetchNextPageError && <ErrorAlert error={events.error} />}
    </>
  );
}

/** What an event was about: the chore's or member's name while the circle still knows it, else "chore #3". */
function entityLabel(
  event: AuditEvent,
  members: readonly Member[],
  choreNameOf: (choreId: number) => string | undefined,
  t: TFunction<"audit">,
): string {
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
  if (!name && event.payload.redacted === "private_chore") return t("entity.privateChore", { id: event.entityId });
  if (name) return name;
  return event.entityType === "chore" || event.entityType === "user"
    ? t(`entity.${event.entityType}`, { id: event.entityId })
    : t("entity.other", { type: event.entityType, id: event.entityId });
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
  const { t } = useTranslation("audit");
  const label = actionLabel(event.action, t);
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
            ? t("log.scheduler")
            : t("log.anonymous")}
        {event.viaDeviceId !== null && (
          <span className="muted">
            {" "}
            {t("log.via", {
              device: typeof event.payload.deviceName === "string" ? event.payload.deviceName : t("log.tablet", { id: event.viaDeviceId }),
            })}
          </span>
        )}
      </td>
      <td>
        {actedFor === null ? <span className="muted">{t("log.themselves")}</span> : nameOf(actedFor)}
        {impersonationReason && <span className="muted audit-row__reason">{t("log.reason", { reason: impersonationReason })}</span>}
      </td>
      <td>
        {/* The recorded name stays next to its label: it is what the Action filter takes. */}
        {label !== event.action && `${label} `}
        <code>{event.action}</code>
      </td>
      <td>{entity}</td>
      <td>
        <span className={`badge badge--${event.outcome}`}>{event.outcome === "allowed" ? t("log.allowed") : t("log.denied")}</span>
      </td>
    </tr>
  );
}

function AuditFilterForm({ members, onApply }: { members: readonly Member[]; onApply: (filters: AuditFilters) => void }) {
  const [actor, setActor] = useState("");
  const [subject, setSubject] = useState("");
  const [action, setAction] = useState("");
  const { t } = useTranslation("audit");

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
    <form className="form form--inline card" onSubmit={submit} aria-label={t("filter.formLabel")}>
      <Field label={t("filter.who")}>
        {(control) => (
          <select {...control} value={actor} onChange={(e) => setActor(e.target.value)}>
            <option value="">{t("filter.anyone")}</option>
            {memberOptions}
          </select>
        )}
      </Field>
      <Field label={t("filter.actingAs")}>
        {(control) => (
          <select {...control} value={subject} onChange={(e) => setSubject(e.target.value)}>
            <option value="">{t("filter.anyone")}</option>
            {memberOptions}
          </select>
        )}
      </Field>
      <Field label={t("filter.action")} hint={t("filter.actionHint")}>
        {(control) => <input {...control} value={action} onChange={(e) => setAction(e.target.value)} pattern="[a-z_.]*" />}
      </Field>
      <button type="submit" className="button button--primary">
        {t("filter.apply")}
      </button>
    </form>
  );
}
