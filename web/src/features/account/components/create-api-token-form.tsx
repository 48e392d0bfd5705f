import { createApiTokenRequestSchema } from "@chorus/shared";
import { CreateWithSecretForm } from "../../../components/create-with-secret-form";
import { SecretShownOnce } from "../../../components/secret-shown-once";
import { useCreateApiToken } from "../api/create-api-token";

/** Names a new token; once created, shows its secret in place of the form until dismissed. */
export function CreateApiTokenForm() {
  return (
    <CreateWithSecretForm
      formLabel="Create an API token"
      fieldLabel="Token name"
      hint="What will use it, for example “Home Assistant”."
      submitLabel="Create token"
      pendingLabel="Creating…"
      schema={createApiTokenRequestSchema}
      create={useCreateApiToken()}
      renderCreated={(created, done) => (
        <SecretShownOnce label="New API token" secret={created.token} copyLabel="Copy token" testId="new-token-secret" onDone={done}>
          <p>
            <strong>Token “{created.name}” created.</strong> Copy it now: you won’t see this token again. Anyone who has it can act as you
            (except viewing tasks as others), so keep it secret.
          </p>
        </SecretShownOnce>
      )}
    />
  );
}
