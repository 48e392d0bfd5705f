import { loginRequestSchema } from "@chorus/shared";
import { useState, type FormEvent } from "react";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { errorMessage, fieldErrorsFromApi, fieldErrorsFromIssues, hasErrorCode, type FieldErrors } from "../../../lib/errors";
import { useSignIn } from "../api/sign-in";

export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const signIn = useSignIn();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const parsed = loginRequestSchema.safeParse({ login: login.trim(), password });
    if (!parsed.success) {
      setErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    setErrors({});
    signIn.mutate(parsed.data, {
      onSuccess: onSignedIn,
      onError: (error) => {
        setErrors(fieldErrorsFromApi(error));
        setFormError(hasErrorCode(error, "invalid_credentials") ? "That username or email and password do not match." : errorMessage(error));
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-label="Sign in">
      <FormErrorSummary errors={errors} shownFields={["login", "password"]} formError={formError} />
      <TextField label="Username or email" name="login" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} error={errorFor(errors, "login")} required />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errorFor(errors, "password")} required />
      <button type="submit" className="button button--primary" disabled={signIn.isPending}>
        {signIn.isPending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
