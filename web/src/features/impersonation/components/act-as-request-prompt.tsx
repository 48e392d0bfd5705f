import type { ActAsRequest } from "@chorus/shared";
import { useNotifyOutcome } from "../../../components/notices";
import { formatTime } from "../../../lib/dates";
import { useActAsRequests, useAnswerActAsRequest } from "../api/act-as-requests";

const MODE_WORDS = { view: "view your tasks", act: "view and do your tasks" } as const;

/**
 * The requests of admins and managers who want to act as the signed-in member ("ask me
 * first", decision 0023), above every page until answered or expired. Shown only to the
 * person themselves: never while someone views as them.
 */
export function ActAsRequestPrompt({ timeZone }: { timeZone: string }) {
  const requests = useActAsRequests();
  const incoming = requests.data?.incoming ?? [];
  if (incoming.length === 0) return null;
  return (
    <section aria-label="Requests to act for you">
      {incoming.map((request) => (
        <RequestCard key={request.id} request={request} timeZone={timeZone} />
      ))}
    </section>
  );
}

function RequestCard({ request, timeZone }: { request: ActAsRequest; timeZone: string }) {
  const answer = useAnswerActAsRequest();
  const outcome = useNotifyOutcome();
  const who = request.actor.displayName;
  return (
    <article className="card act-as-request" aria-label={`${who} asks to act for you`}>
      <p>
        <strong>{who}</strong> asks to {MODE_WORDS[request.mode]}
        {request.reason ? ` — reason: “${request.reason}”` : ""}.
      </p>
      <p className="muted">
        If you allow it, {who} can do this for a limited time, and everything is listed under Done for you. The request expires at{" "}
        <time dateTime={request.expiresAt}>{formatTime(request.expiresAt, timeZone)}</time>.
      </p>
      <div className="act-as-request__buttons">
        <button
          type="button"
          className="button button--primary"
          disabled={answer.isPending}
          onClick={() => answer.mutate({ id: request.id, answer: "grant" }, outcome("success", `${who} can now act for you for a while.`))}
        >
          Allow {who}
        </button>
        <button
          type="button"
          className="button"
          disabled={answer.isPending}
          onClick={() => answer.mutate({ id: request.id, answer: "decline" }, outcome("info", `You declined ${who}'s request.`))}
        >
          Decline
        </button>
      </div>
    </article>
  );
}
