import type { WebAuthnCredential, WebAuthnOptions } from "@chorus/shared";
import { startAuthentication, startRegistration } from "@simplewebauthn/browser";

type AuthenticationOptions = Parameters<typeof startAuthentication>[0]["optionsJSON"];
type RegistrationOptions = Parameters<typeof startRegistration>[0]["optionsJSON"];

/** The browser's passkey answer to a challenge the server made, as the server's proof takes it. */
export async function passkeyAnswer({ challengeToken, options }: WebAuthnOptions) {
  const credential = await startAuthentication({ optionsJSON: options as unknown as AuthenticationOptions }).catch((error: unknown) => {
    throw browserRefusal(error);
  });
  return { challengeToken, credential: asCredential(credential) };
}

/** The browser's refusal in words: closing its prompt (or its timing out) is the usual one. */
function browserRefusal(error: unknown): Error {
  if (error instanceof Error && error.name === "NotAllowedError") {
    return new Error("No passkey was used: the browser’s prompt was closed or timed out. Try again, or cancel.", { cause: error });
  }
  return new Error(`Your passkey could not be used: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

/** A new passkey made by the browser (and its authenticator) for the server's registration challenge. */
export async function newPasskey({ challengeToken, options }: WebAuthnOptions) {
  const credential = await startRegistration({ optionsJSON: options as unknown as RegistrationOptions });
  return { challengeToken, credential: asCredential(credential) };
}

/** The library's JSON types name each field; the contract's schema is looser (the server's library checks the rest). */
const asCredential = (credential: object) => credential as WebAuthnCredential;
