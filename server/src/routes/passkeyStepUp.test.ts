/**
 * A passkey as the step-up before acting as a member (decision 0046), over HTTP with real
 * WebAuthn answers (src/test/softAuthenticator.ts): it steps up an older password sign-in
 * and a single sign-on, only with the caller's own passkey and a challenge issued to them,
 * once; wrong answers are audited and counted by the MFA lock.
 */
import type { ChorusClient, PasskeyProof } from "@chorus/shared";
import { createHousehold, expectApiError, addMember, type TestUser } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";
import { signInAtProvider, startTestProvider, type TestProvider } from "../test/oidcProvider";
import { SoftAuthenticator } from "../test/softAuthenticator";
import { MFA_MAX_FAILURES } from "../services/mfa";

const webauthn = { origin: "http://localhost:5173", rpId: "localhost", rpName: "Chorus" };

let server: TestServer;
let provider: TestProvider;
beforeAll(async () => {
  server = await startTestServer({ webauthn });
  const redirectUri = `${server.baseUrl}/sso/callback`;
  provider = await startTestProvider(redirectUri);
  server.config.sso = {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    redirectUri,
    name: "Authentik",
    scopes: "openid email profile",
  };
});
afterAll(async () => {
  await provider.close();
  await server.close();
});

/** Moves this person's sign-ins 11 minutes back, past STEP_UP_MINUTES: the test's way to let time pass. */
async function ageSignIn(userId: number) {
  await server.db.prisma.$executeRaw`
    UPDATE "Session" SET "createdAt" = "createdAt" - interval '11 minutes', "steppedUpAt" = "steppedUpAt" - interval '11 minutes'
    WHERE "userId" = ${userId}`;
}

/** A passkey registered to the person signed in on `client`. */
async function addPasskey(client: ChorusClient) {
  const authenticator = new SoftAuthenticator(webauthn.origin, webauthn.rpId);
  const options = await client.users.passkeyRegistrationOptions();
  await client.users.addPasskey({ name: "Laptop", challengeToken: options.challengeToken, credential: authenticator.register(options) });
  return authenticator;
}

/** `authenticator`'s answer to a step-up challenge issued to the person signed in on `client`. */
async function proofFor(client: ChorusClient, authenticator: SoftAuthenticator): Promise<PasskeyProof> {
  const options = await client.users.stepUpPasskeyOptions();
  return { challengeToken: options.challengeToken, credential: authenticator.assert(options) };
}

const stepUpAudit = async (person: TestUser) =>
  (await person.client.circles.audit({ action: "auth.step_up" })).events.map((event) => [event.outcome, event.actorUserId, event.payload]);

it("steps up an older password sign-in, once per challenge, says when a passkey would do, and audits both", async () => {
  const h = await createHousehold(server);
  const passkey = await addPasskey(h.admin.client);
  await ageSignIn(h.admin.user.id);
  await ageSignIn(h.manager.user.id);
  const start = (person: TestUser, extra: { passkey?: PasskeyProof } = {}) =>
    person.client.impersonation.start({ userId: h.member.user.id, ...extra });
  await expect(start(h.admin)).rejects.toMatchObject({ status: 403, details: { signInMethod: "password", passkey: true } });
  // No passkey, or passkeys off on the server: only the password.
  await expect(start(h.manager)).rejects.toMatchObject({ status: 403, details: { signInMethod: "password", passkey: false } });
  server.config.webauthn = null;
  try {
    await expect(start(h.admin)).rejects.toMatchObject({ code: "step_up_required", details: { passkey: false } });
  } finally {
    server.config.webauthn = webauthn;
  }

  const proof = await proofFor(h.admin.client, passkey);
  expect((await start(h.admin, { passkey: proof })).userId).toBe(h.member.user.id);
  // Fresh again, as after a right password.
  await h.admin.client.impersonation.start({ userId: h.member.user.id, mode: "act" });
  await ageSignIn(h.admin.user.id);
  // The challenge was used up: the same answer again is refused.
  await expect(start(h.admin, { passkey: proof })).rejects.toMatchObject({
    status: 403,
    code: "step_up_failed",
    details: { via: "passkey" },
  });
  expect(await stepUpAudit(h.admin)).toEqual([
    ["denied", h.admin.user.id, { signInMethod: "password", via: "passkey", for: "impersonation.start" }],
    ["allowed", h.admin.user.id, { signInMethod: "password", via: "passkey", for: "impersonation.start" }],
  ]);
});

it("refuses another person's passkey, and an answer to a challenge issued to someone else", async () => {
  const h = await createHousehold(server);
  const own = await addPasskey(h.admin.client);
  const managers = await addPasskey(h.manager.client);
  await ageSignIn(h.admin.user.id);
  const start = (passkey: PasskeyProof) => h.admin.client.impersonation.start({ userId: h.member.user.id, passkey });

  await expectApiError(start(await proofFor(h.admin.client, managers)), 403, "step_up_failed");
  // The manager's own challenge answered by the admin's own passkey.
  await expectApiError(start(await proofFor(h.manager.client, own)), 403, "step_up_failed");
  expect(await server.db.prisma.impersonationSession.count({ where: { actorUserId: h.admin.user.id } })).toBe(0);
  expect((await stepUpAudit(h.admin)).map(([outcome]) => outcome)).toEqual(["denied", "denied"]);
  // Switching a view-only session to act takes the passkey too.
  await start(await proofFor(h.admin.client, own));
  await ageSignIn(h.admin.user.id);
  const acting = server.client(h.admin.token);
  acting.setImpersonateUserId(h.member.user.id);
  await expectApiError(acting.impersonation.setMode({ mode: "act" }), 403, "step_up_required");
  expect((await acting.impersonation.setMode({ mode: "act", passkey: await proofFor(h.admin.client, own) })).mode).toBe("act");
});

it("counts wrong answers with the person's MFA lock", async () => {
  const h = await createHousehold(server);
  await addPasskey(h.admin.client);
  const stranger = await addPasskey(h.manager.client);
  await ageSignIn(h.admin.user.id);
  const start = async () =>
    h.admin.client.impersonation.start({ userId: h.member.user.id, passkey: await proofFor(h.admin.client, stranger) });
  for (let attempt = 1; attempt <= MFA_MAX_FAILURES; attempt += 1) await expectApiError(start(), 403, "step_up_failed");
  await expectApiError(start(), 423, "mfa_locked");
});

it("steps up a single sign-on, which has no secret to ask for", async () => {
  const subject = `sso${Date.now()}`;
  provider.addAccount(subject, { email: `${subject}@provider.test`, emailVerified: true, name: "Sam Provider" });
  const { authorizationUrl } = await server.client().auth.ssoStart({});
  const answer = await signInAtProvider(authorizationUrl, subject, `${server.baseUrl}/sso/callback`);
  const { token, user } = await server.client().auth.ssoCallback({
    code: answer.searchParams.get("code")!,
    state: answer.searchParams.get("state")!,
    iss: answer.searchParams.get("iss")!,
  });
  const admin = { client: server.client(token) } as TestUser;
  const member = await addMember(server, admin);
  const start = (passkey?: PasskeyProof) => admin.client.impersonation.start({ userId: member.user.id, ...(passkey ? { passkey } : {}) });
  await ageSignIn(user.id);
  await expect(start()).rejects.toMatchObject({ code: "step_up_required", details: { signInMethod: "oidc", passkey: false } });

  const passkey = await addPasskey(admin.client);
  await ageSignIn(user.id);
  await expect(start()).rejects.toMatchObject({ code: "step_up_required", details: { signInMethod: "oidc", passkey: true } });
  expect((await start(await proofFor(admin.client, passkey))).userId).toBe(member.user.id);
  const { events } = await admin.client.circles.audit({ action: "auth.step_up" });
  expect(events.map((event) => [event.outcome, event.payload])).toEqual([
    ["allowed", { signInMethod: "oidc", via: "passkey", for: "impersonation.start" }],
  ]);
});
