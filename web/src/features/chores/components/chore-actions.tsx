import type { Chore } from "@chorus/shared";
import { useId, useRef, useState, type KeyboardEvent } from "react";
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

const OUTCOME_WORDS: Record<Outcome, { verb: string; past: string; Past: string }> = {
  do: { verb: "Done", past: "done", Past: "Done" },
  skip: { verb: "Skip", past: "skipped", Past: "Skipped" },
};

const doneAheadMessage = (until: string, timeZone: string) =>
  `Already done ahead of time. The next one can be done from ${formatDateTime(until, timeZone)}.`;

function failureMessage(failure: unknown): string {
  if (hasErrorCode(failure, "stale_occurrence")) return "Someone already completed this. The list now shows its next occurrence.";
  if (hasErrorCode(failure, "not_due_yet"))
    return "This chore is already done ahead of time. The next one can be done once the last one is due.";
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
  const forWhom = actingFor === null ? "" : ` for ${actingFor}`;
  /** `“Dishes” done.` for yourself, `Done for Alex: “Dishes”.` for a member. */
  const outcomeMessage = (past: string, Past: string) =>
    actingFor === null ? `“${chore.name}” ${past}.` : `${Past}${forWhom}: “${chore.name}”.`;
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
  const startWord = chore.status === "paused" ? "Resume" : "Start";
  const trimmedNote = note.trim();

  const handlers = {
    // A view-only session's refusal is told once for the whole page, by the impersonation guard.
    onError: (failure: unknown) => setError(hasErrorCode(failure, "impersonation_read_only") ? null : failureMessage(failure)),
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
      setError("A photo needs the connection: press Done again once you’re back online.");
      return;
    }
    queueAction(forUser, chore, outcome, trimmedNote).then(
      () => succeeded(`“${chore.name}” ${OUTCOME_WORDS[outcome].past} on this device: it will be sent when you’re back online.`),
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
            ? succeeded(`“${chore.name}” is waiting for approval.`)
            : succeeded(outcomeMessage(OUTCOME_WORDS[outcome].past, OUTCOME_WORDS[outcome].Past), {
                label: `Undo${forWhom}`,
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
      setError("This chore needs a photo: add one, then press Done.");
      photoInput.current?.focus();
    } else if (until) setError(doneAheadMessage(until, timeZone));
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
      {doneAhead && !error && <p className="muted">{doneAheadMessage(doneAhead, timeZone)}</p>}
      {queued && (
        <p className="chore-actions__queued" role="status">
          {OUTCOME_WORDS[queued.action].Past} on this device — waiting to send
        </p>
      )}
      {refused && (
        <div className="chore-actions__refused" role="alert">
          <p>{refused}</p>
          <button type="button" className="button" aria-label={`Dismiss: ${chore.name}`} onClick={() => dismissRefusal(chore.id)}>
            Dismiss
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
            aria-label={`Done${forWhom}: ${chore.name}`}
            onClick={() => request("do")}
          >
            {doChore.isPending ? "Saving…" : `Done${forWhom}`}
          </button>
        )}
        {/* An everyone chore's Skip is of one's own part: gone with Done once that part is resolved (decision 0035). */}
        {(chore.assignmentMode !== "everyone" || chore.abilities.canComplete) && (
          <button
            ref={skipButton}
            type="button"
            className="button"
            disabled={resolving}
            aria-label={`Skip${forWhom}: ${chore.name}`}
            onClick={() => request("skip")}
          >
            {skipChore.isPending ? "Skipping…" : `Skip${forWhom}`}
          </button>
        )}
        {chore.abilities.canSkipWhole && (
          <button
            type="button"
            className="button"
            disabled={resolving}
            aria-label={`Skip for everyone: ${chore.name}`}
            onClick={() =>
              skipChore.mutate(
                { chore, note: trimmedNote, whole: true },
                {
                  ...handlers,
                  onSuccess: () =>
                    succeeded(`“${chore.name}” skipped for everyone.`, {
                      label: "Undo",
                      onAction: () => undoChore.mutate(chore),
                      takeFocus: true,
                    }),
                },
              )
            }
          >
            Skip for everyone
          </button>
        )}
        {running ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-label={`Pause${forWhom}: ${chore.name}`}
            onClick={() => pauseChore.mutate(chore, { ...handlers, onSuccess: () => succeeded(outcomeMessage("paused", "Paused")) })}
          >
            {pauseChore.isPending ? "Pausing…" : `Pause${forWhom}`}
          </button>
        ) : (
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-label={`${startWord}${forWhom}: ${chore.name}`}
            onClick={() => startChore.mutate(chore, { ...handlers, onSuccess: () => succeeded(outcomeMessage("started", "Started")) })}
          >
            {startChore.isPending ? "Starting…" : `${startWord}${forWhom}`}
          </button>
        )}
        <button
          type="button"
          className="button button--quiet"
          aria-expanded={noteOpen}
          aria-controls={noteId}
          onClick={() => setNoteOpen((open) => !open)}
        >
          {noteOpen ? "Hide note" : "Add note"}
        </button>
      </div>
      {confirmingEarly && chore.nextDueDate && (
        // Escape from either button inside answers "Not yet"; the group only catches it on its way up.
        // oxlint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
        <div
          className="early-confirm"
          role="group"
          aria-label={`${OUTCOME_WORDS[confirmingEarly].verb} early${forWhom}: ${chore.name}`}
          onKeyDown={notYetOnEscape(confirmingEarly)}
        >
          <p>
            “{chore.name}” is not due until {formatDateTime(chore.nextDueDate, timeZone)}. {OUTCOME_WORDS[confirmingEarly].verb} it early
            {forWhom}?
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
            {OUTCOME_WORDS[confirmingEarly].verb} early{forWhom}
          </button>
          <button type="button" className="button" onClick={() => notYet(confirmingEarly)}>
            Not yet
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
        <label htmlFor={`${noteId}-input`}>Note for Done or Skip (optional)</label>
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
