import { useState } from "react";
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

  function makeLink() {
    create.mutate(undefined, {
      onSuccess: (created) => setNewLink(new URL(created.path, window.location.origin).toString()),
      onError: (error) => notify("error", errorMessage(error)),
    });
  }

  if (feed.isPending) return <Loading label="Loading your calendar link…" />;
  if (feed.isError) return <ErrorAlert title="Could not load your calendar link." error={feed.error} onRetry={() => void feed.refetch()} />;

  if (!feed.data) {
    return (
      <div className="calendar-feed">
        <p>You have no calendar link.</p>
        <button type="button" className="button button--primary" disabled={create.isPending} onClick={makeLink}>
          {create.isPending ? "Creating…" : "Create calendar link"}
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
          Your calendar link was made on <time dateTime={feed.data.createdAt}>{formatDateTime(feed.data.createdAt, timeZone)}</time>. It is
          shown only when it is made: regenerate it to copy it again (the old link then stops working).
        </p>
      )}
      <div className="calendar-feed__actions">
        <ConfirmAction
          label="Regenerate link…"
          confirmLabel="Regenerate: the old link stops working"
          pending={create.isPending}
          onConfirm={makeLink}
        />
        <ConfirmAction
          label="Revoke link…"
          confirmLabel="Revoke the calendar link"
          pending={revoke.isPending}
          onConfirm={() => {
            setNewLink(null);
            revoke.mutate(undefined, outcome("info", "Your calendar link no longer works."));
          }}
        />
      </div>
    </div>
  );
}

function NewCalendarLink({ link, onDone }: { link: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="success-box" role="status" aria-label="New calendar link">
      <p>
        <strong>Your calendar link is ready.</strong> Copy it now and add it to your calendar app (“Subscribe to calendar” or “From URL”).
        Anyone with the link can see your upcoming chores, so keep it to yourself.
      </p>
      <TextField
        label="Calendar link"
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
            {copied ? "Copied" : "Copy link"}
          </button>
        )}
      </p>
      <button type="button" className="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
