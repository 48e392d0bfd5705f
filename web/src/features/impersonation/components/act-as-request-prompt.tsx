import type { ActAsRequest } from "@chorus/shared";
import { Trans, useTranslation } from "react-i18next";
import { useNotifyOutcome } from "../../../components/notices";
import { formatTime } from "../../../lib/dates";
import { useActAsRequests, useAnswerActAsRequest } from "../api/act-as-requests";

/**
 * The requests of admins and managers who want to act as the signed-in member ("ask me
 * first", decision 0023), above every page until answered or expired. Shown only to the
 * person themselves: never while someone views as them.
 */
export function ActAsRequestPrompt({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation("impersonation");
  const requests = useActAsRequests();
  const incoming = requests.data?.incoming ?? [];
  if (incoming.length === 0) return null;
  return (
    <section aria-label={t("request.label")}>
      {incoming.map((request) => (
        <RequestCard key={request.id} request={request} timeZone={timeZone} />
      ))}
    </section>
  );
}

function RequestCard({ request, timeZone }: { request: ActAsRequest; timeZone: string }) {
  const answer = useAnswerActAsRequest();
  const outcome = useNotifyOutcome();
  const { t } = useTranslation("impersonation");
  const who = request.actor.displayName;
  return (
    <article className="card act-as-request" aria-label={t("request.cardLabel", { name: who })}>
      <p>
        <Trans
          t={t}
          i18nKey={request.reason ? `request.asksWithReason.${request.mode}` : `request.asks.${request.mode}`}
          values={{ name: who, reason: request.reason }}
          components={{ strong: <strong /> }}
        />
      </p>
      <p className="muted">
        <Trans
          t={t}
          i18nKey="request.explain"
          values={{ name: who, time: formatTime(request.expiresAt, timeZone) }}
          components={{ time: <time dateTime={request.expiresAt} /> }}
        />
      </p>
      <div className="act-as-request__buttons">
        <button
          type="button"
          className="button button--primary"
          disabled={answer.isPending}
          onClick={() => answer.mutate({ id: request.id, answer: "grant" }, outcome("success", t("request.granted", { name: who })))}
        >
          {t("request.allow", { name: who })}
        </button>
        <button
          type="button"
          className="button"
          disabled={answer.isPending}
          onClick={() => answer.mutate({ id: request.id, answer: "decline" }, outcome("info", t("request.declined", { name: who })))}
        >
          {t("request.decline")}
        </button>
      </div>
    </article>
  );
}
