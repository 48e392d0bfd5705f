import { adjustPointsRequestSchema } from "@chorus/shared";
import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation("points");
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const { errors, formError, validate, showFailure } = useFormErrors();

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate(adjustPointsRequestSchema, { amount: typedNumber(amount), reason });
    if (!request) return;
    adjust.mutate(request, {
      onSuccess: ({ points }) => {
        notify("success", t("adjust.nowHas", { name: member.displayName, count: points }));
        setAmount("");
        setReason("");
      },
      onError: (error) => showFailure(error),
    });
  }

  return (
    <section className="card" aria-labelledby="adjust-points-heading">
      <h2 id="adjust-points-heading">{t("adjust.heading")}</h2>
      <form onSubmit={submit} noValidate className="form" aria-label={t("adjust.label", { name: member.displayName })}>
        <FormErrorSummary errors={errors} shownFields={["amount", "reason"]} formError={formError} />
        <TextField
          label={t("adjust.amount")}
          name="amount"
          inputMode="numeric"
          hint={t("adjust.amountHint")}
          autoComplete="off"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={errorFor(errors, "amount")}
          required
        />
        <TextField
          label={t("adjust.reason")}
          name="reason"
          hint={t("adjust.reasonHint")}
          autoComplete="off"
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={errorFor(errors, "reason")}
          required
        />
        <button type="submit" className="button button--primary" disabled={adjust.isPending}>
          {adjust.isPending ? t("adjust.saving") : t("adjust.submit")}
        </button>
      </form>
    </section>
  );
}
