import type { Chore, ChorusClient, TabletMember } from "@chorus/shared";
import { useEffect } from "react";
import { useNotify } from "../../../components/notices";
import { ErrorAlert, Loading } from "../../../components/status";
import { formatDateTime } from "../../../lib/dates";
import { errorMessage } from "../../../lib/errors";
import { useDoMemberChore } from "../api/do-member-chore";
import { useMemberChores } from "../api/get-member-chores";
import { useSkipMemberChore } from "../api/skip-member-chore";

interface MemberChoresProps {
  tabletMember: ChorusClient;
  member: TabletMember;
  timeZone: string;
  /** The server refused the PIN, the member or the token: the screen goes back a step. */
  onRefused: (error: unknown) => void;
  onFinished: () => void;
}

/** The picked member's chores with big Done and Skip buttons. */
export function MemberChores({ tabletMember, member, timeZone, onRefused, onFinished }: MemberChoresProps) {
  const chores = useMemberChores(tabletMember, member.userId);
  const { error } = chores;
  useEffect(() => {
    if (error) onRefused(error);
  }, [error, onRefused]);

  return (
    <section className="tablet-chores" aria-labelledby="tablet-chores-heading">
      <div className="tablet-chores__header">
        <h2 id="tablet-chores-heading">{member.displayName}’s chores</h2>
        <button type="button" className="button" onClick={onFinished}>
          Finished — back to everyone
        </button>
      </div>
      {chores.isPending ? (
        <Loading label="Loading chores…" />
      ) : chores.isError ? (
        <ErrorAlert error={chores.error} onRetry={() => void chores.refetch()} />
      ) : chores.data.length === 0 ? (
        <p className="empty">Nothing to do. Well done!</p>
      ) : (
        <ul className="tablet-chore-list">
          {chores.data.map((chore) => (
            <TabletChore key={chore.id} chore={chore} tabletMember={tabletMember} memberId={member.userId} timeZone={timeZone} onRefused={onRefused} />
          ))}
        </ul>
      )}
    </section>
  );
}

function TabletChore({ chore, tabletMember, memberId, timeZone, onRefused }: { chore: Chore; tabletMember: ChorusClient; memberId: number; timeZone: string; onRefused: (error: unknown) => void }) {
  const done = useDoMemberChore(tabletMember, memberId);
  const skip = useSkipMemberChore(tabletMember, memberId);
  const notify = useNotify();
  const pending = done.isPending || skip.isPending;
  const handlers = (message: string) => ({
    onSuccess: () => notify("success", message),
    onError: (error: unknown) => {
      notify("error", errorMessage(error));
      onRefused(error);
    },
  });
  return (
    <li className="tablet-chore" aria-label={chore.name}>
      <span className="tablet-chore__name">
        <strong>{chore.name}</strong>
        {chore.nextDueDate && <span className="muted">Due {formatDateTime(chore.nextDueDate, timeZone)}</span>}
      </span>
      <span className="tablet-chore__actions">
        <button type="button" className="button button--primary tablet-chore__button" aria-label={`Done: ${chore.name}`} disabled={pending} onClick={() => done.mutate(chore.id, handlers(`${chore.name}: done!`))}>
          Done
        </button>
        <button type="button" className="button tablet-chore__button" aria-label={`Skip: ${chore.name}`} disabled={pending} onClick={() => skip.mutate(chore.id, handlers(`${chore.name}: skipped.`))}>
          Skip
        </button>
      </span>
    </li>
  );
}
