import { waivePenaltyRequestSchema } from "@chorus/shared";
import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation("points");
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
          notify("success", t("waive.done", { name: member.displayName, count: points }));
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
        aria-label={t("waive.label", { chore: choreName })}
        onClick={() => setOpen(true)}
      >
        {t("waive.open")}
      </button>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="form points-history__waive-form" aria-label={t("waive.label", { chore: choreName })}>
      <FormErrorSummary errors={errors} shownFields={["reason"]} formError={formError} />
      <TextField
        label={t("waive.reason")}
        name="reason"
        hint={t("waive.reasonHint", { name: member.displayName })}
        autoComplete="off"
        maxLength={200}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={errorFor(errors, "reason")}
      />
      <div className="points-history__waive-actions">
        <button type="submit" className="button button--primary" disabled={waive.isPending}>
          {waive.isPending ? t("waive.waiving") : t("waive.submit")}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          {t("waive.keep")}
        </button>
      </div>
    </form>
  );
}
