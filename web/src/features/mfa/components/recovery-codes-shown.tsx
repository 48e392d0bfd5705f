import { SecretShownOnce } from "../../../components/secret-shown-once";

/** The recovery codes, once: each signs in a single time when the authenticator app is not at hand. */
export function RecoveryCodesShown({ codes, onDone }: { codes: readonly string[]; onDone: () => void }) {
  return (
    <SecretShownOnce label="Recovery codes" secret={codes.join("\n")} copyLabel="Copy codes" testId="recovery-codes" onDone={onDone}>
      <p>
        <strong>Keep these recovery codes somewhere safe</strong>, such as a password manager or on paper. Each works once, in place of a
        code from your app. You won’t see them again.
      </p>
    </SecretShownOnce>
  );
}
