import { adjustPointsRequestSchema } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { useNotify } from "../../../components/notices";
import { typedNumber } from "../../../lib/typed-number";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAdjustPoints } from "../api/adjust-points";

/** "Adjust points": an admin adds (or, with a minus sign, takes away) points with a reason. */
export function AdjustPointsForm({ member }: { member: { userId: number; displayName: string } }) {
  const adjust = useAdjustPoints(member.userId);
  const notify = useNotify();
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const { errors, formError, validate, showFailure } = useFormErrors();

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate(adjustPointsRequestSchema, { amount: typedNumber(amount), reason });
    if (!request) return;
    adjust.mutate(request, {
      onSuccess: ({ points }) => {
        notify("success", `${member.displayName} now has ${points} ${points === 1 ? "point" : "points"}.`);
        setAmount("");
        setReason("");
      },
      onError: (error) => showFailure(error),
    });
  }

  return (
    <section className="card" aria-labelledby="adjust-points-heading">
      <h2 id="adjust-points-heading">Adjust points</h2>
      <form onSubmit={submit} noValidate className="form" aria-label={`Adjust ${member.displayName}’s points`}>
        <FormErrorSummary errors={errors} shownFields={["amount", "reason"]} formError={formError} />
        <TextField
          label="Amount"
          name="amount"
          inputMode="numeric"
          hint="Points to add. Start with a minus sign to take points away, e.g. -5."
          autoComplete="off"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={errorFor(errors, "amount")}
          required
        />
        <TextField
          label="Reason"
          name="reason"
          hint="Shown in the history, to them too."
          autoComplete="off"
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={errorFor(errors, "reason")}
          required
        />
        <button type="submit" className="button button--primary" disabled={adjust.isPending}>
          {adjust.isPending ? "Saving…" : "Adjust points"}
        </button>
      </form>
    </section>
  );
}
