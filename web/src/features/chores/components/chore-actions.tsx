import type { Chore } from "@chorus/shared";
import type { TFunction } from "i18next";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNotify, type NoticeAction } from "../../../components/notices";
import { formatDateTime } from "../../../lib/dates";
import { errorMessage, hasErrorCode } from "../../../lib/errors";
import { useActingForName } from "../../impersonation/api/get-acting-user";
import { useDoChore } from "../api/do-chore";
import { usePauseChore } from "../api/pause-chore";
import { useSkipChore } from "../api/skip-chore";
import { useStartChore } from "../api/start-chore";
import { useUndoChore } from "../api/undo-chore";
import { isAwaitingApproval } from "./approval-notice";
import { useNow } from "../../../lib/use-now";
import { doneAheadUntil, isEarly } from "../utils/due";
import { PhotoProofInput } from "../../photos/components/photo-proof-input";
import { useSignedInUser } from "../../auth/api/get-signed-in-user";
import { dismissRefusal, queueAction, useQueueView } from "../../offline/api/queued-actions";
import { useOnline } from "../../offline/api/use-online";

type Outcome = "do" | "skip";
/** What a success message reports: each has its own sentence, for yourself and for a member. */
type Reported = "done" | "skipped" | "started" | "paused";
const REPORTED: Record<Outcome, Reported> = { do: "done", skip: "skipped" };

const doneAheadMessage = (t: TFunction<"chores">, until: string, timeZone: string) =>
  t("actions.doneAhead", { date: formatDateTime(until, timeZone) });

function failureMessage(t: TFunction<"chores">, failure: unknown): string {
  if (hasErrorCode(failure, "stale_occurrence")) return t("actions.stale");
  if (hasErrorCode(failure, "not_due_yet")) return t("actions.notDueYet");
  return errorMessage(failure);
}

/**
 * Do (with an optional note), skip, start and pause, with the outcome shown right away.
 * Doing or skipping the occurrence after the current one (early) asks first (the question
 * takes focus; Escape or Not yet goes back to the button); a chore already one ahead says
 * from when it can be done instead of asking a question the server would refuse. The
 * success message offers Undo and takes focus, since the card may move or go once the list
 * refreshes. While acting as a member every button, question and message says whom it is
 * for ("Done for Alex"). Offline, Done and Skip as yourself are queued on the device and the
 * card says so until they are sent; one the server refused once sent says why (decision 0043).
 */
export function ChoreActions({ chore, timeZone }: { chore: Chore; timeZone: string }) {
  const doChore = useDoChore();
  const skipChore = useSkipChore();
  const startChore = useStartChore();
  const pauseChore = usePauseChore();
  const undoChore = useUndoChore();
  const notify = useNotify();
  const actingFor = useActingForName();
  const { t } = useTranslation("chores");
  const name = chore.name;
  // Every button and message names the member while acting as one: `…For` keys take `member`.
  const mine = actingFor === null;
  const member = actingFor ?? "";
  /** `“Dishes” done.` for yourself, `Done for Alex: “Dishes”.` for a member. */
  const outcomeMessage = (reported: Reported) =>
    mine ? t(`actions.reported.${reported}`, { name }) : t(`actions.reportedFor.${reported}`, { name, member });
  const noteId = useId();
  const [noteOpen, setNoteOpen] = useState(false);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [confirmingEarly, setConfirmingEarly] = useState<Outcome | null>(null);
  const [photo, setPhoto] = useState<File | null>(null);
  const photoInput = useRef<HTMLInputElement>(null);
  const doButton = useRef<HTMLButtonElement>(null);
  const skipButton = useRef<HTMLButtonElement>(null);

  const online = useOnline();
  const userId = useSignedInUser().data?.id;
  const queueView = useQueueView();
  const queued = queueView.queued.find((action) => action.choreId === chore.id);
  const refused = queueView.refused.get(chore.id);
  // Whose taps are queued now: yours, offline, in a secure context (hashing, ids: as for the service worker).
  const queueFor = !online && actingFor === null && window.isSecureContext ? userId : undefined;

  const busy = doChore.isPending || skipChore.isPending || startChore.isPending || pauseChore.isPending;
  const resolving = busy || queued !== undefined;
  const running = chore.status === "in_progress";
  const startWord = chore.status === "paused" ? "resume" : "start";
  const trimmedNote = note.trim();

  const handlers = {
    // A view-only session's refusal is told once for the whole page, by the impersonation guard.
    onError: (failure: unknown) => setError(hasErrorCode(failure, "impersonation_read_only") ? null : failureMessage(t, failure)),
  };
  const succeeded = (message: string, action?: NoticeAction) => {
    setError(null);
    setNote("");
    setNoteOpen(false);
    setPhoto(null);
    if (photoInput.current) photoInput.current.value = "";
    notify("success", message, action);
  };

  const queueOffline = (outcome: Outcome, forUser: number) => {
    if (outcome === "do" && photo) {
      setError(t("actions.photoOffline"));
      return;
    }
    queueAction(forUser, chore, outcome, trimmedNote).then(
      () => succeeded(t(`actions.queuedOffline.${outcome}`, { name })),
      (failure: unknown) => setError(errorMessage(failure)),
    );
  };

  const resolve = (outcome: Outcome) => {
    setConfirmingEarly(null);
    if (queueFor !== undefined) {
      queueOffline(outcome, queueFor);
      return;
    }
    const mutation = outcome === "do" ? doChore : skipChore;
    mutation.mutate(
      { chore, note: trimmedNote, ...(outcome === "do" ? { photo } : {}) },
      {
        ...handlers,
        onSuccess: (resolved) =>
          // A member's Done of a chore that needs approval waits: nothing to undo yet (decision 0027).
          isAwaitingApproval(resolved)
            ? succeeded(t("actions.waitingApproval", { name }))
            : succeeded(outcomeMessage(REPORTED[outcome]), {
                label: mine ? t("actions.undo") : t("actions.undoFor", { member }),
                onAction: () => undoChore.mutate(chore),
                takeFocus: true,
              }),
      },
    );
  };
  // Checked again each minute, so the hint goes once the next one can be done.
  const doneAhead = doneAheadUntil(chore, new Date(useNow(60_000)));
  const request = (outcome: Outcome) => {
    const now = new Date();
    const until = doneAheadUntil(chore, now);
    if (outcome === "do" && chore.photoRequired && !photo) {
      setError(t("actions.photoNeeded"));
      photoInput.current?.focus();
    } else if (until) setError(doneAheadMessage(t, until, timeZone));
    else if (isEarly(chore, now)) setConfirmingEarly(outcome);
    else resolve(outcome);
  };
  const notYet = (outcome: Outcome) => {
    setConfirmingEarly(null);
    (outcome === "do" ? doButton : skipButton).current?.focus();
  };
  const notYetOnEscape = (outcome: Outcome) => (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    notYet(outcome);
  };

  return (
    <div className="chore-actions">
      {doneAhead && !error && <p className="muted">{doneAheadMessage(t, doneAhead, timeZone)}</p>}
      {queued && (
        <p className="chore-actions__queued" role="status">
          {t(`actions.queued.${queued.action}`)}
        </p>
      )}
      {refused && (
        <div className="chore-actions__refused" role="alert">
          <p>{refused}</p>
          <button
            type="button"
            className="button"
            aria-label={t("actions.dismissLabel", { name })}
            onClick={() => dismissRefusal(chore.id)}
          >
            {t("actions.dismiss")}
          </button>
        </div>
      )}
      <div className="chore-actions__buttons">
        {chore.abilities.canComplete && (
          <button
            ref={doButton}
            type="button"
            className="button button--primary"
            disabled={resolving}
            aria-label={mine ? t("actions.doneLabel", { name }) : t("actions.doneForLabel", { name, member })}
            onClick={() => request("do")}
          >
            {doChore.isPending ? t("actions.saving") : mine ? t("actions.done") : t("actions.doneFor", { member })}
          </button>
        )}
        {/* An everyone chore's Skip is of one's own part: gone with Done once that part is resolved (decision 0035). */}
        {(chore.assignmentMode !== "everyone" || chore.abilities.canComplete) && (
          <button
            ref={skipButton}
            type="button"
            className="button"
            disabled={resolving}
            aria-label={mine ? t("actions.skipLabel", { name }) : t("actions.skipForLabel", { name, member })}
            onClick={() => request("skip")}
          >
            {skipChore.isPending ? t("actions.skipping") : mine ? t("actions.skip") : t("actions.skipFor", { member })}
          </button>
        )}
        {chore.abilities.canSkipWhole && (
          <button
            type="button"
            className="button"
            disabled={resolving}
            aria-label={t("actions.skipWholeLabel", { name })}
            onClick={() =>
              skipChore.mutate(
                { chore, note: trimmedNote, whole: true },
                {
                  ...handlers,
                  onSuccess: () =>
                    succeeded(t("actions.skippedWhole", { name }), {
                      label: t("actions.undo"),
                      onAction: () => undoChore.mutate(chore),
                      takeFocus: true,
                    }),
                },
              )
            }
          >
            {t("actions.skipWhole")}
          </button>
        )}
        {running ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-label={mine ? t("actions.pauseLabel", { name }) : t("actions.pauseForLabel", { name, member })}
            onClick={() => pauseChore.mutate(chore, { ...handlers, onSuccess: () => succeeded(outcomeMessage("paused")) })}
          >
            {pauseChore.isPending ? t("actions.pausing") : mine ? t("actions.pause") : t("actions.pauseFor", { member })}
          </button>
        ) : (
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-label={mine ? t(`actions.${startWord}Label`, { name }) : t(`actions.${startWord}ForLabel`, { name, member })}
            onClick={() => startChore.mutate(chore, { ...handlers, onSuccess: () => succeeded(outcomeMessage("started")) })}
          >
            {startChore.isPending ? t("actions.starting") : mine ? t(`actions.${startWord}`) : t(`actions.${startWord}For`, { member })}
          </button>
        )}
        <button
          type="button"
          className="button button--quiet"
          aria-expanded={noteOpen}
          aria-controls={noteId}
          onClick={() => setNoteOpen((open) => !open)}
        >
          {noteOpen ? t("actions.hideNote") : t("actions.addNote")}
        </button>
      </div>
      {confirmingEarly && chore.nextDueDate && (
        // Escape from either button inside answers "Not yet"; the group only catches it on its way up.
        // oxlint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
        <div
          className="early-confirm"
          role="group"
          aria-label={mine ? t(`early.${confirmingEarly}.label`, { name }) : t(`early.${confirmingEarly}.labelFor`, { name, member })}
          onKeyDown={notYetOnEscape(confirmingEarly)}
        >
          <p>
            {t(mine ? `early.${confirmingEarly}.question` : `early.${confirmingEarly}.questionFor`, {
              name,
              member,
              date: formatDateTime(chore.nextDueDate, timeZone),
            })}
          </p>
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            // The question appears because of the press just made: the answer is where focus goes.
            // oxlint-disable-next-line jsx-a11y/no-autofocus
            autoFocus
            onClick={() => resolve(confirmingEarly)}
          >
            {mine ? t(`early.${confirmingEarly}.button`) : t(`early.${confirmingEarly}.buttonFor`, { member })}
          </button>
          <button type="button" className="button" onClick={() => notYet(confirmingEarly)}>
            {t("early.notYet")}
          </button>
        </div>
      )}
      {chore.photoRequired && (
        <PhotoProofInput
          ref={photoInput}
          choreName={chore.name}
          disabled={busy}
          onChange={(picked) => {
            setPhoto(picked);
            setError(null);
          }}
        />
      )}
      <div id={noteId} hidden={!noteOpen} className="field">
        <label htmlFor={`${noteId}-input`}>{t("actions.note")}</label>
        <textarea id={`${noteId}-input`} rows={2} maxLength={1000} value={note} onChange={(event) => setNote(event.target.value)} />
      </div>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
