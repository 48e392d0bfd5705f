import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { ConfirmAction } from "../../../components/confirm-action";
import { TextField } from "../../../components/form";
import { useNotify, useNotifyOutcome } from "../../../components/notices";
import { ErrorAlert, Loading } from "../../../components/status";
import { formatDateTime } from "../../../lib/dates";
import { errorMessage } from "../../../lib/errors";
import { useCreateCalendarFeed } from "../api/create-calendar-feed";
import { useCalendarFeed } from "../api/get-calendar-feed";
import { useRevokeCalendarFeed } from "../api/revoke-calendar-feed";

/**
 * Create, copy, regenerate and revoke your calendar link. The server keeps only a hash,
 * so the link can be shown (and copied) just once, right after it is made.
 */
export function CalendarFeedSettings({ timeZone }: { timeZone: string }) {
  const feed = useCalendarFeed();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const outcome = useNotifyOutcome();
  const notify = useNotify();
  const [newLink, setNewLink] = useState<string | null>(null);
  const { t } = useTranslation("calendar-feed");

  function makeLink() {
    create.mutate(undefined, {
      onSuccess: (created) => setNewLink(new URL(created.path, window.location.origin).toString()),
      onError: (error) => notify("error", errorMessage(error)),
    });
  }

  if (feed.isPending) return <Loading label={t("loading")} />;
  if (feed.isError) return <ErrorAlert title={t("loadFailed")} error={feed.error} onRetry={() => void feed.refetch()} />;

  if (!feed.data) {
    return (
      <div className="calendar-feed">
        <p>{t("none")}</p>
        <button type="button" className="button button--primary" disabled={create.isPending} onClick={makeLink}>
          {create.isPending ? t("creating") : t("create")}
        </button>
      </div>
    );
  }

  return (
    <div className="calendar-feed">
      {newLink ? (
        <NewCalendarLink link={newLink} onDone={() => setNewLink(null)} />
      ) : (
        <p>
          <Trans
            t={t}
            i18nKey="made"
            values={{ date: formatDateTime(feed.data.createdAt, timeZone) }}
            components={{ time: <time dateTime={feed.data.createdAt} /> }}
          />
        </p>
      )}
      <div className="calendar-feed__actions">
        <ConfirmAction label={t("regenerate")} confirmLabel={t("regenerateConfirm")} pending={create.isPending} onConfirm={makeLink} />
        <ConfirmAction
          label={t("revoke")}
          confirmLabel={t("revokeConfirm")}
          pending={revoke.isPending}
          onConfirm={() => {
            setNewLink(null);
            revoke.mutate(undefined, outcome("info", t("revoked")));
          }}
        />
      </div>
    </div>
  );
}

function NewCalendarLink({ link, onDone }: { link: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const { t } = useTranslation("calendar-feed");
  return (
    <div className="success-box" role="status" aria-label={t("newLink.label")}>
      <p>
        <Trans t={t} i18nKey="newLink.ready" components={{ strong: <strong /> }} />
      </p>
      <TextField
        label={t("newLink.field")}
        name="calendar-link"
        className="calendar-feed__link"
        readOnly
        value={link}
        onFocus={(event) => event.target.select()}
      />
      <p>
        {navigator.clipboard && (
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              void navigator.clipboard.writeText(link).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? t("newLink.copied") : t("newLink.copy")}
          </button>
        )}
      </p>
      <button type="button" className="button" onClick={onDone}>
        {t("newLink.done")}
      </button>
    </div>
  );
}
