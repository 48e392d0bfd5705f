import type { Chore } from "@chorus/shared";
import { useId, useState } from "react";
import { useNotify } from "../../../components/notices";
import { errorMessage, hasErrorCode } from "../../../lib/errors";
import { useDoChore } from "../api/do-chore";
import { usePauseChore } from "../api/pause-chore";
import { useSkipChore } from "../api/skip-chore";
import { useStartChore } from "../api/start-chore";

/** Do (with an optional note), skip, start and pause, with the outcome shown right away. */
export function ChoreActions({ chore }: { chore: Chore }) {
  const doChore = useDoChore();
  const skipChore = useSkipChore();
  const startChore = useStartChore();
  const pauseChore = usePauseChore();
  const notify = useNotify();
  const noteId = useId();
  const [noteOpen, setNoteOpen] = useState(false);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);

  const busy = doChore.isPending || skipChore.isPending || startChore.isPending || pauseChore.isPending;
  const running = chore.status === "in_progress";
  const trimmedNote = note.trim();

  const handlers = {
    onError: (failure: unknown) =>
      setError(hasErrorCode(failure, "stale_occurrence") ? "Someone already completed this. The list now shows its next occurrence." : errorMessage(failure)),
  };
  const succeeded = (message: string) => {
    setError(null);
    setNote("");
    setNoteOpen(false);
    notify("success", message);
  };

  return (
    <div className="chore-actions">
      <div className="chore-actions__buttons">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          aria-label={`Done: ${chore.name}`}
          onClick={() => doChore.mutate({ chore, note: trimmedNote }, { ...handlers, onSuccess: () => succeeded(`“${chore.name}” done.`) })}
        >
          {doChore.isPending ? "Saving…" : "Done"}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          aria-label={`Skip: ${chore.name}`}
          onClick={() => skipChore.mutate({ chore, note: trimmedNote }, { ...handlers, onSuccess: () => succeeded(`“${chore.name}” skipped.`) })}
        >
          {skipChore.isPending ? "Skipping…" : "Skip"}
        </button>
        {running ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-label={`Pause: ${chore.name}`}
            onClick={() => pauseChore.mutate(chore, { ...handlers, onSuccess: () => succeeded(`“${chore.name}” paused.`) })}
          >
            {pauseChore.isPending ? "Pausing…" : "Pause"}
          </button>
        ) : (
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-label={`${chore.status === "paused" ? "Resume" : "Start"}: ${chore.name}`}
            onClick={() => startChore.mutate(chore, { ...handlers, onSuccess: () => succeeded(`“${chore.name}” started.`) })}
          >
            {startChore.isPending ? "Starting…" : chore.status === "paused" ? "Resume" : "Start"}
          </button>
        )}
        <button type="button" className="button button--quiet" aria-expanded={noteOpen} aria-controls={noteId} onClick={() => setNoteOpen((open) => !open)}>
          {noteOpen ? "Hide note" : "Add note"}
        </button>
      </div>
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
