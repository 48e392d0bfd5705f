import { joinCircleRequestSchema } from "@chorus/shared";
import { useState, type FormEvent } from "react";
import { TextField } from "../../../components/form";
import { errorMessage, fieldErrorsFromApi, fieldErrorsFromIssues } from "../../../lib/errors";
import { useJoinCircle } from "../api/join-circle";

export function JoinCircleForm({ currentCircleName }: { currentCircleName: string | null }) {
  const join = useJoinCircle();
  const [inviteCode, setInviteCode] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [requested, setRequested] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = joinCircleRequestSchema.safeParse({ inviteCode: inviteCode.trim() });
    if (!parsed.success) {
      setError(fieldErrorsFromIssues(parsed.error.issues).inviteCode);
      return;
    }
    setError(undefined);
    join.mutate(parsed.data.inviteCode, {
      onSuccess: () => setRequested(true),
      onError: (failure) => setError(fieldErrorsFromApi(failure).inviteCode ?? errorMessage(failure)),
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
      <TextField label="Invite code" name="inviteCode" autoComplete="off" autoCapitalize="off" value={inviteCode} onChange={(e) => setInviteCode(e.target.value)} error={error} required />
      <button type="submit" className="button" disabled={join.isPending}>
        {join.isPending ? "Sending request…" : "Ask to join"}
      </button>
    </form>
  );
}
