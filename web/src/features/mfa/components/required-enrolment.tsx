import type { AuthResponse } from "@chorus/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert, Loading } from "../../../components/status";
import { useStartSession } from "../../auth/api/sign-in";
import { useConfirmRequiredEnrolment, useStartRequiredEnrolment } from "../api/required-enrolment";
import { RecoveryCodesShown } from "./recovery-codes-shown";
import { TotpSetup } from "./totp-setup";

/**
 * An admin whose circle requires a second step and who has none sets up the app before
 * signing in; the session starts once the recovery codes have been seen.
 */
export function RequiredEnrolment({ mfaToken, onSignedIn }: { mfaToken: string; onSignedIn: () => void }) {
  const { t } = useTranslation("mfa");
  const start = useStartRequiredEnrolment();
  const confirm = useConfirmRequiredEnrolment();
  const startSession = useStartSession();
  const [enrolled, setEnrolled] = useState<(AuthResponse & { recoveryCodes: string[] }) | null>(null);
  const { mutate } = start;
  useEffect(() => mutate(mfaToken), [mutate, mfaToken]);

  if (enrolled) {
    return (
      <RecoveryCodesShown
        codes={enrolled.recoveryCodes}
        onDone={() => {
          startSession(enrolled);
          onSignedIn();
        }}
      />
    );
  }
  return (
    <>
      <p>{t("requiredEnrolment.intro")}</p>
      {start.isError ? (
        <ErrorAlert error={start.error} />
      ) : start.data ? (
        <TotpSetup
          enrolment={start.data}
          pending={confirm.isPending}
          confirm={async (code) => setEnrolled(await confirm.mutateAsync({ mfaToken, code }))}
        />
      ) : (
        <Loading label={t("requiredEnrolment.preparing")} />
      )}
    </>
  );
}
