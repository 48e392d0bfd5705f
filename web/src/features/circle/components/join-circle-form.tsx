import { joinCircleRequestSchema } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormErrorSummary, TextField } from "../../../components/form";
import { useNotify } from "../../../components/notices";
import { errorMessage } from "../../../lib/errors";
import { fieldErrorsFromApi } from "../../../lib/field-errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useJoinCircle } from "../api/join-circle";

/**
 * Asks to join a circle by invite code. The form stays for further requests; the pending
 * ones are listed (and withdrawn) by PendingJoinRequests.
 */
export function JoinCircleForm() {
  const join = useJoinCircle();
  const notify = useNotify();
  const [inviteCode, setInviteCode] = useState("");
  const { t } = useTranslation("circle");
  const { errors, validate, showErrors } = useFormErrors();

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate(joinCircleRequestSchema, { inviteCode: inviteCode.trim() });
    if (!request) return;
    join.mutate(request.inviteCode, {
      onSuccess: () => {
        setInviteCode("");
        notify("success", t("join.sent"));
      },
      // Every refusal (unknown code, already a member) is about the code typed.
      onError: (failure) => showErrors({ inviteCode: fieldErrorsFromApi(failure).inviteCode ?? errorMessage(failure) }),
    });
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-label={t("join.formLabel")}>
      <FormErrorSummary errors={errors} shownFields={["inviteCode"]} />
      <TextField
        label={t("join.inviteCode")}
        name="inviteCode"
        autoComplete="off"
        autoCapitalize="off"
        value={inviteCode}
        onChange={(e) => setInviteCode(e.target.value)}
        error={errors.inviteCode}
        required
      />
      <button type="submit" className="button" disabled={join.isPending}>
        {join.isPending ? t("join.sending") : t("join.ask")}
      </button>
    </form>
  );
}
