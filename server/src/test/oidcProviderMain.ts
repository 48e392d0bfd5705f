/**
 * The test provider (oidcProvider.ts) as its own process, for the browser tests, whose Jest
 * cannot load ES modules (`node server/dist/test-oidc-provider.js`): OIDC_TEST_REDIRECT_URI
 * and OIDC_TEST_ACCOUNTS (`{subject: account}` JSON) in, one JSON line with the issuer and
 * the client's credentials out; it runs until it is stopped.
 */
import { startTestProvider, type ProviderAccount } from "./oidcProvider";

async function main() {
  const provider = await startTestProvider(process.env.OIDC_TEST_REDIRECT_URI!);
  const accounts = JSON.parse(process.env.OIDC_TEST_ACCOUNTS ?? "{}") as Record<string, ProviderAccount>;
  for (const [subject, account] of Object.entries(accounts)) provider.addAccount(subject, account);
  process.stdout.write(
    `${JSON.stringify({ issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret })}\n`,
  );
  process.once("SIGTERM", () => void provider.close().then(() => process.exit(0)));
}

void main();
