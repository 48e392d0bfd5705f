/**
 * Single sign-on with OpenID Connect (decision 0040) against a real provider on loopback
 * (oidc-provider, src/test/oidcProvider.ts): the authorization code flow driven over HTTP
 * through the provider's own sign-in page, and ID tokens it would never issue itself.
 */
import type { ChorusClient } from "@chorus/shared";
import { expectApiError, signUp, uniqueName } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";
import { signInAtProvider, startTestProvider, type TestProvider } from "../test/oidcProvider";

let server: TestServer;
let provider: TestProvider;
let redirectUri: string;
let anonymous: ChorusClient;

beforeAll(async () => {
  server = await startTestServer();
  redirectUri = `${server.baseUrl}/sso/callback`;
  provider = await startTestProvider(redirectUri);
  server.config.sso = {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    redirectUri,
    name: "Authentik",
    scopes: "openid email profile",
  };
  anonymous = server.client();
});
afterAll(async () => {
  await provider.close();
  await server.close();
});

/** The provider's answer to Chorus's callback page, as the web app forwards it. */
function callbackBody(answer: URL) {
  return { code: answer.searchParams.get("code")!, state: answer.searchParams.get("state")!, iss: answer.searchParams.get("iss")! };
}

async function signInThroughProvider(subject: string, start: { inviteCode?: string } = {}) {
  const { authorizationUrl } = await anonymous.auth.ssoStart(start);
  return callbackBody(await signInAtProvider(authorizationUrl, subject, redirectUri));
}

/** A started sign-in whose token response the test writes: the nonce the provider would echo, and a callback body. */
async function startCrafted() {
  const { authorizationUrl } = await anonymous.auth.ssoStart({});
  const url = new URL(authorizationUrl);
  return {
    nonce: url.searchParams.get("nonce")!,
    body: { code: "crafted", state: url.searchParams.get("state")!, iss: provider.issuer },
  };
}

it("tells the sign-in page what it offers", async () => {
  expect(await anonymous.auth.options()).toEqual({ passwordLogin: true, sso: { name: "Authentik" }, passkeys: false });
});

it("a new person gets an account with their own circle; the next sign-in finds it by its link", async () => {
  const subject = uniqueName("sub");
  const email = `${subject}@provider.test`;
  provider.addAccount(subject, { email, emailVerified: true, name: "Robin Provider", preferredUsername: "Robin.P" });
  const first = await anonymous.auth.ssoCallback(await signInThroughProvider(subject));
  expect(first.user).toMatchObject({ email, displayName: "Robin Provider", role: "admin" });
  expect(first.user.username).toMatch(/^robin\.p[0-9]*$/);
  const me = server.client(first.token);
  expect((await me.users.ssoIdentities()).identities).toEqual([expect.objectContaining({ issuer: provider.issuer, email })]);

  const again = await anonymous.auth.ssoCallback(await signInThroughProvider(subject));
  expect(again.user.id).toBe(first.user.id);
  const { events } = await server.client(again.token).circles.audit({ action: "user.sso_linked" });
  expect(events).toEqual([expect.objectContaining({ actorUserId: first.user.id, payload: { issuer: provider.issuer } })]);
  // A single sign-on has no password to ask for again: acting later needs a new sign-in there.
  const session = await server.db.prisma.session.findMany({ where: { userId: first.user.id }, select: { signInMethod: true } });
  expect(session.map((row) => row.signInMethod)).toEqual(["oidc", "oidc"]);
});

it("from an invite link, a new person asks to join that circle as signing up there would", async () => {
  const admin = await signUp(server);
  const circle = await admin.client.circles.current();
  const subject = uniqueName("sub");
  provider.addAccount(subject, { email: `${subject}@provider.test`, emailVerified: true });
  const joined = await anonymous.auth.ssoCallback(await signInThroughProvider(subject, { inviteCode: circle.inviteCode! }));
  expect(joined.user).toMatchObject({ circleId: null, role: null });
  expect((await server.client(joined.token).circles.joinRequests()).requests).toEqual([expect.objectContaining({ circleId: circle.id })]);
});

it("links an existing account by an email the provider verified, and the member can unlink it", async () => {
  const member = await signUp(server);
  const subject = uniqueName("sub");
  provider.addAccount(subject, { email: member.user.email.toUpperCase(), emailVerified: true });
  const signedIn = await anonymous.auth.ssoCallback(await signInThroughProvider(subject));
  expect(signedIn.user.id).toBe(member.user.id);
  const [identity] = (await member.client.users.ssoIdentities()).identities;
  await member.client.users.unlinkSsoIdentity(identity!.id);
  expect((await member.client.users.ssoIdentities()).identities).toEqual([]);
  await expectApiError(member.client.users.unlinkSsoIdentity(identity!.id), 404, "not_found");
});

it("never links by an email the provider did not verify", async () => {
  const member = await signUp(server);
  const subject = uniqueName("sub");
  provider.addAccount(subject, { email: member.user.email, emailVerified: false });
  await expectApiError(anonymous.auth.ssoCallback(await signInThroughProvider(subject)), 403, "sso_email_unverified");
  expect((await member.client.users.ssoIdentities()).identities).toEqual([]);
  expect(await server.db.prisma.oidcIdentity.count({ where: { subject } })).toBe(0);
});

it("a state works once: the same answer again, or a state never sent, is refused", async () => {
  const subject = uniqueName("sub");
  provider.addAccount(subject, { email: `${subject}@provider.test`, emailVerified: true });
  const answer = await signInThroughProvider(subject);
  await anonymous.auth.ssoCallback(answer);
  await expectApiError(anonymous.auth.ssoCallback(answer), 400, "sso_state_invalid");
  await expectApiError(anonymous.auth.ssoCallback({ ...answer, state: "never-sent" }), 400, "sso_state_invalid");
});

describe("an ID token the provider did not issue for this sign-in is refused", () => {
  it.each([
    ["signed by another key", { forged: true }, /signature/],
    ["from another issuer", { claims: { iss: "http://127.0.0.1:9/elsewhere" } }, /"iss"/],
    ["for another client", { claims: { aud: "someone-else" } }, /"aud"/],
    ["expired", { claims: { iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 } }, /"exp"/],
    ["for another sign-in (nonce)", { claims: { nonce: "another-sign-in" } }, /"nonce"/],
  ])("%s", async (_case, token, reason) => {
    const crafted = await startCrafted();
    provider.issueIdToken({ nonce: crafted.nonce, ...token });
    await expect(anonymous.auth.ssoCallback(crafted.body)).rejects.toMatchObject({
      status: 401,
      code: "sso_failed",
      details: { reason: expect.stringMatching(reason) },
    });
    expect(await server.db.prisma.oidcIdentity.count({ where: { subject: "crafted-subject" } })).toBe(0);
  });

  it("while the same crafted token, rightly signed and addressed, would sign in", async () => {
    const crafted = await startCrafted();
    const email = `${uniqueName("crafted")}@provider.test`;
    provider.issueIdToken({ nonce: crafted.nonce, claims: { email, email_verified: true } });
    expect((await anonymous.auth.ssoCallback(crafted.body)).user.email).toBe(email);
  });
});

it("with PASSWORD_LOGIN=off, password sign-in and sign-up are refused and single sign-on still works", async () => {
  const member = await signUp(server);
  server.config.passwordLogin = false;
  try {
    expect(await anonymous.auth.options()).toEqual({ passwordLogin: false, sso: { name: "Authentik" }, passkeys: false });
    await expectApiError(anonymous.auth.login({ login: member.user.username, password: member.password }), 403, "password_login_disabled");
    const username = uniqueName();
    await expectApiError(
      anonymous.auth.signup({ username, email: `${username}@example.test`, password: "correct horse battery" }),
      403,
      "password_login_disabled",
    );
    const subject = uniqueName("sub");
    provider.addAccount(subject, { email: member.user.email, emailVerified: true });
    expect((await anonymous.auth.ssoCallback(await signInThroughProvider(subject))).user.id).toBe(member.user.id);
  } finally {
    server.config.passwordLogin = true;
  }
});
