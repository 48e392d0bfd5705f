import { claimAccountRequestSchema } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate } from "react-router";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { PRODUCT_NAME, Page } from "../../../components/page";
import { useClaimAccount } from "../../../features/auth/api/claim-account";
import { useApiSession } from "../../../lib/api-client";
import { errorMessage, hasErrorCode } from "../../../lib/errors";
import { i18next } from "../../../lib/i18n";
import { useFormErrors } from "../../../lib/use-form-errors";

/** What a refused claim means to the person who opened the link. */
function claimFailure(error: unknown): string {
  if (hasErrorCode(error, "claim_link_invalid")) return i18next.t("app:claim.linkInvalid");
  if (hasErrorCode(error, "not_awaiting_claim")) return i18next.t("app:claim.alreadyClaimed");
  return errorMessage(error);
}

/**
 * `/claim#<token>`: the person an imported account is for chooses their password with the
 * admin's one-time link (decision 0045). The token stays in the fragment, which no server sees,
 * and leaves the address bar once read.
 */
export function ClaimRoute() {
  const { t } = useTranslation("app");
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
      <p className="auth-page__brand">{PRODUCT_NAME}</p>
      <Page title={t("claim.title")}>
        {secondStep ? (
          <p role="status">
            <Trans t={t} i18nKey="claim.passwordSet" components={{ signIn: <Link to="/signin" /> }} />
          </p>
        ) : (
          <form onSubmit={submit} noValidate className="form" aria-label={t("claim.title")}>
            <p>{t("claim.intro")}</p>
            <FormErrorSummary errors={errors} shownFields={["password"]} formError={formError} />
            <TextField
              label={t("claim.newPassword")}
              name="password"
              type="password"
              autoComplete="new-password"
              hint={t("claim.passwordHint")}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={errorFor(errors, "password")}
              required
            />
            <button type="submit" className="button button--primary" disabled={claim.isPending}>
              {claim.isPending ? t("claim.saving") : t("claim.submit")}
            </button>
          </form>
        )}
      </Page>
    </main>
  );
}
