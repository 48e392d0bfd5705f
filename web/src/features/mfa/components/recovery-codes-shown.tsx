import { Trans, useTranslation } from "react-i18next";
import { SecretShownOnce } from "../../../components/secret-shown-once";

/** The recovery codes, once: each signs in a single time when the authenticator app is not at hand. */
export function RecoveryCodesShown({ codes, onDone }: { codes: readonly string[]; onDone: () => void }) {
  const { t } = useTranslation("mfa");
  return (
    <SecretShownOnce
      label={t("recoveryCodes.label")}
      secret={codes.join("\n")}
      copyLabel={t("recoveryCodes.copy")}
      testId="recovery-codes"
      onDone={onDone}
    >
      <p>
        <Trans t={t} i18nKey="recoveryCodes.keepSafe" components={{ strong: <strong /> }} />
      </p>
    </SecretShownOnce>
  );
}
