import { waivePenaltyRequestSchema } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { useNotify } from "../../../components/notices";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useWaivePenalty } from "../api/waive-penalty";

/** "Waive…" on a penalty: asks once more, with an optional reason, then gives the points back (decision 0028). */
export function WaivePenalty({
  entryId,
  choreName,
  member,
}: {
  entryId: number;
  choreName: string;
  member: { userId: number; displayName: string };
}) {
  const waive = useWaivePenalty(member.userId);
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const { errors, formError, validate, showFailure } = useFormErrors();

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate(waivePenaltyRequestSchema, reason.trim() === "" ? {} : { reason });
    if (!request) return;
    waive.mutate(
      { entryId, request },
      {
        onSuccess: ({ points }) => {
          notify("success", `Penalty waived. ${member.displayName} now has ${points} ${points === 1 ? "point" : "points"}.`);
          setOpen(false);
        },
        onError: (error) => showFailure(error),
      },
    );
  }

  if (!open) {
    return (
      <button
        type="button"
        className="button points-history__waive"
        aria-label={`Waive penalty: ${choreName}`}
        onClick={() => setOpen(true)}
      >
        Waive…
      </button>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="form points-history__waive-form" aria-label={`Waive penalty: ${choreName}`}>
      <FormErrorSummary errors={errors} shownFields={["reason"]} formError={formError} />
      <TextField
        label="Reason (optional)"
        name="reason"
        hint={`Shown in the history, to ${member.displayName} too.`}
        autoComplete="off"
        maxLength={200}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={errorFor(errors, "reason")}
      />
      <div className="points-history__waive-actions">
        <button type="submit" className="button button--primary" disabled={waive.isPending}>
          {waive.isPending ? "Waiving…" : "Waive penalty"}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          Keep
        </button>
      </div>
    </form>
  );
}
