import { claimAccountRequestSchema } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { Link, Navigate, useNavigate } from "react-router";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { Page } from "../../../components/page";
import { useClaimAccount } from "../../../features/auth/api/claim-account";
import { useApiSession } from "../../../lib/api-client";
import { errorMessage, hasErrorCode } from "../../../lib/errors";
import { useFormErrors } from "../../../lib/use-form-errors";

/** What a refused claim means to the person who opened the link. */
function claimFailure(error: unknown): string {
  if (hasErrorCode(error, "claim_link_invalid")) return "This link does not work any more. Ask an admin of your circle for a new one.";
  if (hasErrorCode(error, "not_awaiting_claim")) return "This account can already sign in. Sign in with your password instead.";
  return errorMessage(error);
}

/**
 * `/claim#<token>`: the person an imported account is for chooses their password with the
 * admin's one-time link (decision 0045). The token stays in the fragment, which no server sees,
 * and leaves the address bar once read.
 */
export function ClaimRoute() {
  const { token: session } = useApiSession();
  const navigate = useNavigate();
  const claim = useClaimAccount();
  const [token] = useState(() => {
    const fragment = window.location.hash.slice(1);
    if (fragment) window.history.replaceState(null, "", "/claim");
    return fragment;
  });
  const [password, setPassword] = useState("");
  const [secondStep, setSecondStep] = useState(false);
  const { errors, formError, validate, showFailure } = useFormErrors();
  if (session !== null && !claim.isSuccess) return <Navigate to="/" replace />;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate(claimAccountRequestSchema, { token, password });
    if (!request) return;
    claim.mutate(request, {
      onSuccess: ({ user }) => void navigate(user.circleId === null ? "/welcome" : "/", { replace: true }),
      onError: (error) =>
        // The password is set; the circle wants a second step first, which the sign-in page walks through.
        hasErrorCode(error, "mfa_required") || hasErrorCode(error, "mfa_enrolment_required")
          ? setSecondStep(true)
          : showFailure(error, claimFailure(error)),
    });
  }

  return (
    <main id="main" className="auth-page">
      <p className="auth-page__brand">Chorus</p>
      <Page title="Choose your password">
        {secondStep ? (
          <p role="status">
            Your password is set. <Link to="/signin">Sign in</Link> with it to set up two-step sign-in, as your circle asks.
          </p>
        ) : (
          <form onSubmit={submit} noValidate className="form" aria-label="Choose your password">
            <p>Your circle moved to this Chorus server. Choose a password for your account; you sign in with it from now on.</p>
            <FormErrorSummary errors={errors} shownFields={["password"]} formError={formError} />
            <TextField
              label="New password"
              name="password"
              type="password"
              autoComplete="new-password"
              hint="At least 8 characters."
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={errorFor(errors, "password")}
              required
            />
            <button type="submit" className="button button--primary" disabled={claim.isPending}>
              {claim.isPending ? "Saving…" : "Save and sign in"}
            </button>
          </form>
        )}
      </Page>
    </main>
  );
}
