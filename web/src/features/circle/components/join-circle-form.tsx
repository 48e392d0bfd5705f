import { joinCircleRequestSchema } from "@chorus/shared";
import { useState, type FormEvent } from "react";
import { FormErrorSummary, TextField } from "../../../components/form";
import { errorMessage, fieldErrorsFromApi, fieldErrorsFromIssues, type FieldErrors } from "../../../lib/errors";
import { useJoinCircle } from "../api/join-circle";

export function JoinCircleForm({ currentCircleName }: { currentCircleName: string | null }) {
  const join = useJoinCircle();
  const [inviteCode, setInviteCode] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [requested, setRequested] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = joinCircleRequestSchema.safeParse({ inviteCode: inviteCode.trim() });
    if (!parsed.success) {
      setErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    setErrors({});
    join.mutate(parsed.data.inviteCode, {
      onSuccess: () => setRequested(true),
      // Every refusal (unknown code, already a member) is about the code typed.
      onError: (failure) => setErrors({ inviteCode: fieldErrorsFromApi(failure).inviteCode ?? errorMessage(failure) }),
    });
  }

  if (requested) {
    return (
      <p className="success-box" role="status">
        Request sent. An admin or manager of that circle has to accept it
        {currentCircleName ? `; until then you stay in ${currentCircleName}.` : "; this page updates once you are in."}
      </p>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-label="Join a circle">
      <FormErrorSummary errors={errors} shownFields={["inviteCode"]} />
      <TextField label="Invite code" name="inviteCode" autoComplete="off" autoCapitalize="off" value={inviteCode} onChange={(e) => setInviteCode(e.target.value)} error={errors.inviteCode} required />
      <button type="submit" className="button" disabled={join.isPending}>
        {join.isPending ? "Sending request…" : "Ask to join"}
      </button>
    </form>
  );
}
