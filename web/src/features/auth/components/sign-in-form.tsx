import { loginRequestSchema } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { errorMessage, hasErrorCode } from "../../../lib/errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useSignIn } from "../api/sign-in";

export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const signIn = useSignIn();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const { errors, formError, validate, showFailure } = useFormErrors();

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate(loginRequestSchema, { login: login.trim(), password });
    if (!request) return;
    signIn.mutate(request, {
      onSuccess: onSignedIn,
      onError: (error) =>
        showFailure(
          error,
          hasErrorCode(error, "invalid_credentials") ? "That username or email and password do not match." : errorMessage(error),
        ),
    });
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-label="Sign in">
      <FormErrorSummary errors={errors} shownFields={["login", "password"]} formError={formError} />
      <TextField
        label="Username or email"
        name="login"
        autoComplete="username"
        value={login}
        onChange={(e) => setLogin(e.target.value)}
        error={errorFor(errors, "login")}
        required
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errorFor(errors, "password")}
        required
      />
      <button type="submit" className="button button--primary" disabled={signIn.isPending}>
        {signIn.isPending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
