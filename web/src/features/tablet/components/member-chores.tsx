import type { Chore, ChorusClient, TabletMember } from "@chorus/shared";
import { useTranslation } from "react-i18next";
import { useEffect, useRef, useState } from "react";
import { useNotify } from "../../../components/notices";
import { ErrorAlert, Loading } from "../../../components/status";
import { formatDateTime } from "../../../lib/dates";
import { errorMessage, hasErrorCode } from "../../../lib/errors";
import { doneAheadUntil, isEarly } from "../../chores/utils/due";
import { isAwaitingApproval } from "../../chores/components/approval-notice";
import { useDoMemberChore } from "../api/do-member-chore";
import { useMemberChores } from "../api/get-member-chores";
import { useSkipMemberChore } from "../api/skip-member-chore";
import { PhotoProofInput } from "../../photos/components/photo-proof-input";
import { ChoreChecklist } from "../../chores/components/chore-checklist";
import { useTickMemberChecklistItem } from "../api/tick-member-checklist-item";
import { useClaimMemberChore } from "../api/claim-member-chore";
import { SharedStatus, claimFailureMessage } from "../../chores/components/shared-status";

interface MemberChoresProps {
  tabletMember: ChorusClient;
  member: TabletMember;
  /** The members on the tablet, to name who claimed a shared chore or whose part is left. */
  members: readonly TabletMember[];
  timeZone: string;
  /** The server refused the PIN, the member or the token: the screen goes back a step. */
  onRefused: (error: unknown) => void;
  onFinished: () => void;
}

/**
 * The picked member's chores with big Done and Skip buttons. After a chore is done or
 * skipped, focus moves on to the next chore's Done (or to Finished when none is left)
 * instead of dropping to the page while the list refreshes.
 */
export function MemberChores({ tabletMember, member, members, timeZone, onRefused, onFinished }: MemberChoresProps) {
  const { t } = useTranslation("tablet");
  const nameOf = (userId: number | null) =>
    userId === member.userId
      ? t("chores.you")
      : (members.find((candidate) => candidate.userId === userId)?.displayName ?? t("chores.someoneElse"));
  const chores = useMemberChores(tabletMember, member.userId);
  const { error } = chores;
  const section = useRef<HTMLElement>(null);
  const finished = useRef<HTMLButtonElement>(null);
  // The chore just done or skipped: focus moves once the list has refreshed after it.
  const resolvedId = useRef<number | null>(null);
  useEffect(() => {
    if (error) onRefused(error);
  }, [error, onRefused]);
  useEffect(() => {
    const resolved = resolvedId.current;
    if (resolved === null || !chores.data) return;
    resolvedId.current = null;
    const next = section.current?.querySelector<HTMLButtonElement>(
      `.tablet-chore:not([data-chore-id="${resolved}"]) .tablet-chore__button:not(:disabled)`,
    );
    (next ?? finished.current)?.focus();
  }, [chores.data]);

  return (
    <section ref={section} className="tablet-chores" aria-labelledby="tablet-chores-heading">
      <div className="tablet-chores__header">
        <h2 id="tablet-chores-heading">{t("chores.heading", { name: member.displayName })}</h2>
        <button ref={finished} type="button" className="button" onClick={onFinished}>
          {t("chores.finished")}
        </button>
      </div>
      {chores.isPending ? (
        <Loading label={t("chores.loading")} />
      ) : chores.isError ? (
        <ErrorAlert error={chores.error} onRetry={() => void chores.refetch()} />
      ) : chores.data.length === 0 ? (
        <p className="empty">{t("chores.nothing")}</p>
      ) : (
        <ul className="tablet-chore-list">
          {chores.data.map((chore) => (
            <TabletChore
              key={chore.id}
              chore={chore}
              tabletMember={tabletMember}
              memberId={member.userId}
              nameOf={nameOf}
              timeZone={timeZone}
              onRefused={onRefused}
              onResolved={(choreId) => {
                resolvedId.current = choreId;
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

type Outcome = "do" | "skip";

function TabletChore({
  chore,
  tabletMember,
  memberId,
  nameOf,
  timeZone,
  onRefused,
  onResolved,
}: {
  chore: Chore;
  tabletMember: ChorusClient;
  memberId: number;
  nameOf: (userId: number | null) => string;
  timeZone: string;
  onRefused: (error: unknown) => void;
  onResolved: (choreId: number) => void;
}) {
  const done = useDoMemberChore(tabletMember, memberId);
  const tick = useTickMemberChecklistItem(tabletMember, memberId);
  const skip = useSkipMemberChore(tabletMember, memberId);
  const claim = useClaimMemberChore(tabletMember, memberId);
  const notify = useNotify();
  const { t } = useTranslation("tablet");
  const [confirmingEarly, setConfirmingEarly] = useState<Outcome | null>(null);
  const pending = done.isPending || skip.isPending;
  const [aheadMessage, setAheadMessage] = useState<string | null>(null);
  const [photo, setPhoto] = useState<File | null>(null);
  const photoInput = useRef<HTMLInputElement>(null);
  const handlers = (message: string) => ({
    onSuccess: (resolved: Chore) => {
      notify("success", isAwaitingApproval(resolved) ? t("chores.waitingForApproval", { chore: chore.name }) : message);
      onResolved(chore.id);
    },
    onError: (error: unknown) => {
      notify("error", hasErrorCode(error, "not_due_yet") ? t("chores.doneAheadRefused") : errorMessage(error));
      onRefused(error);
    },
  });
  const resolve = (outcome: Outcome) => {
    setConfirmingEarly(null);
    if (outcome === "do") done.mutate({ chore, photo }, handlers(t("chores.doneNotice", { chore: chore.name })));
    else skip.mutate(chore, handlers(t("chores.skippedNotice", { chore: chore.name })));
  };
  // Only the occurrence after a done one is early: ask first, as the web app does; one
  // already done ahead cannot be done again yet, so say from when instead of asking.
  const request = (outcome: Outcome) => {
    const now = new Date();
    const until = doneAheadUntil(chore, now);
    if (outcome === "do" && chore.photoRequired && !photo) {
      setAheadMessage(t("chores.photoFirst"));
      photoInput.current?.focus();
    } else if (until) setAheadMessage(t("chores.doneAhead", { when: formatDateTime(until, timeZone) }));
    else if (isEarly(chore, now)) setConfirmingEarly(outcome);
    else resolve(outcome);
  };
  return (
    <li className="tablet-chore" aria-label={chore.name} data-chore-id={chore.id}>
      <span className="tablet-chore__name">
        <strong>{chore.name}</strong>
        {chore.nextDueDate && <span className="muted">{t("chores.due", { when: formatDateTime(chore.nextDueDate, timeZone) })}</span>}
        {aheadMessage && <span role="alert">{aheadMessage}</span>}
        <SharedStatus
          chore={chore}
          nameOf={nameOf}
          buttonClassName="button tablet-chore__button"
          busy={pending || claim.isPending}
          onClaim={(claiming) =>
            claim.mutate(
              { chore, claim: claiming },
              {
                onSuccess: () => notify("success", t(claiming ? "chores.claimed" : "chores.released", { chore: chore.name })),
                onError: (error) => {
                  notify("error", claimFailureMessage(error, errorMessage(error)));
                  onRefused(error);
                },
              },
            )
          }
        />
        {chore.photoRequired && (
          <PhotoProofInput
            ref={photoInput}
            choreName={chore.name}
            disabled={pending}
            onChange={(picked) => {
              setPhoto(picked);
              setAheadMessage(null);
            }}
          />
        )}
        <ChoreChecklist
          chore={chore}
          variant="tablet"
          disabled={pending || tick.isPending}
          onToggle={
            isAwaitingApproval(chore)
              ? null
              : (item, ticked) =>
                  tick.mutate(
                    { chore, item, ticked },
                    {
                      onError: (error) => {
                        notify("error", errorMessage(error));
                        onRefused(error);
                      },
                    },
                  )
          }
        />
        {chore.approval?.status === "rejected" && (
          <span className="approval-notice approval-notice--rejected">{t("chores.rejected", { note: chore.approval.note })}</span>
        )}
      </span>
      {isAwaitingApproval(chore) ? (
        <span className="tablet-chore__actions approval-notice approval-notice--pending">{t("chores.waiting")}</span>
      ) : confirmingEarly && chore.nextDueDate ? (
        <span className="tablet-chore__actions" role="group" aria-label={t(`chores.earlyGroup.${confirmingEarly}`, { chore: chore.name })}>
          <span>{t(`chores.earlyQuestion.${confirmingEarly}`, { when: formatDateTime(chore.nextDueDate, timeZone) })}</span>
          <button
            type="button"
            className="button button--primary tablet-chore__button"
            disabled={pending}
            // The question appears because of the tap just made: the answer is where focus goes.
            // oxlint-disable-next-line jsx-a11y/no-autofocus
            autoFocus
            onClick={() => resolve(confirmingEarly)}
          >
            {t(`chores.early.${confirmingEarly}`)}
          </button>
          <button type="button" className="button tablet-chore__button" onClick={() => setConfirmingEarly(null)}>
            {t("chores.notYet")}
          </button>
        </span>
      ) : (
        <span className="tablet-chore__actions">
          {chore.abilities.canComplete && (
            <button
              type="button"
              className="button button--primary tablet-chore__button"
              aria-label={t("chores.doneLabel", { chore: chore.name })}
              disabled={pending}
              onClick={() => request("do")}
            >
              {t("chores.done")}
            </button>
          )}
          <button
            type="button"
            className="button tablet-chore__button"
            aria-label={t("chores.skipLabel", { chore: chore.name })}
            disabled={pending}
            onClick={() => request("skip")}
          >
            {t("chores.skip")}
          </button>
        </span>
      )}
    </li>
  );
}
