import { createApiTokenRequestSchema } from "@chorus/shared";
import { Trans, useTranslation } from "react-i18next";
import { CreateWithSecretForm } from "../../../components/create-with-secret-form";
import { SecretShownOnce } from "../../../components/secret-shown-once";
import { useCreateApiToken } from "../api/create-api-token";

/** Names a new token; once created, shows its secret in place of the form until dismissed. */
export function CreateApiTokenForm() {
  const { t } = useTranslation("account");
  return (
    <CreateWithSecretForm
      formLabel={t("createToken.formLabel")}
      fieldLabel={t("createToken.name")}
      hint={t("createToken.hint")}
      submitLabel={t("createToken.submit")}
      pendingLabel={t("createToken.pending")}
      schema={createApiTokenRequestSchema}
      create={useCreateApiToken()}
      renderCreated={(created, done) => (
        <SecretShownOnce
          label={t("createToken.secretLabel")}
          secret={created.token}
          copyLabel={t("createToken.copy")}
          testId="new-token-secret"
          onDone={done}
        >
          <p>
            <Trans t={t} i18nKey="createToken.created" values={{ name: created.name }} components={{ strong: <strong /> }} />
          </p>
        </SecretShownOnce>
      )}
    />
  );
}
