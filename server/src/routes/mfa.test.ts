/**
 * Two-step sign-in (decision 0041) over HTTP, with real TOTP codes from the same library the
 * server checks them with: enrolment, the second step, replay, recovery codes, the lock,
 * turning it off, and a circle that requires it of admins.
 */
import { ChorusApiError, type ChorusClient } from "@chorus/shared";
import { Secret, TOTP } from "otpauth";
import { addMember, createHousehold, expectApiError, signUp, type TestUser } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";
import { MFA_MAX_FAILURES } from "../services/mfa";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** The code of the 30-second step `stepsAhead` from now (the server accepts one step either side). */
const codeFor = (secret: string, stepsAhead = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });

/** A code that is not the current one. */
const wrongCode = (secret: string) => (codeFor(secret) === "000000" ? "111111" : "000000");

async function enrol(client: ChorusClient) {
  const { secret, uri } = await client.users.startTotp();
  expect(uri).toMatch(/^otpauth:\/\/totp\/Chorus:.+\?.*secret=/);
  const { recoveryCodes } = await client.users.confirmTotp({ code: codeFor(secret) });
  return { secret, recoveryCodes };
}

/** The first step's refusal: its code and details. */
async function passwordStep(person: TestUser) {
  const error = await server
    .client()
    .auth.login({ login: person.user.username, password: person.password })
    .then(
      () => null,
      (failure: unknown) => failure,
    );
  if (!(error instanceof ChorusApiError)) throw new Error("the password step signed in without a second step");
  return { status: error.status, code: error.code, ...(error.details as { mfaToken: string; methods?: string[] }) };
}

it("enrols with a first code, then a password sign-in needs a current code, each code once", async () => {
  const person = await signUp(server);
  const { secret: wrongSecret } = await person.client.users.startTotp();
  await expectApiError(person.client.users.confirmTotp({ code: wrongCode(wrongSecret) }), 403, "invalid_mfa_code");
  const { secret, recoveryCodes } = await enrol(person.client);
  expect(secret).not.toBe(wrongSecret);
  expect(recoveryCodes).toHaveLength(10);
  expect(new Set(recoveryCodes).size).toBe(10);
  expect(recoveryCodes[0]).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
  expect(await person.client.users.mfa()).toMatchObject({
    totpEnabled: true,
    recoveryCodesLeft: 10,
    passkeys: [],
    requiredByCircle: false,
  });
  await expectApiError(person.client.users.startTotp(), 409, "conflict");

  const first = await passwordStep(person);
  expect(first).toMatchObject({ status: 401, code: "mfa_required", methods: ["totp", "recovery_code"] });
  // The code that confirmed enrolment is used up.
  await expectApiError(server.client().auth.mfaLogin({ mfaToken: first.mfaToken, code: codeFor(secret) }), 403, "invalid_mfa_code");
  const next = codeFor(secret, 1);
  const { token, user } = await server.client().auth.mfaLogin({ mfaToken: first.mfaToken, code: next });
  expect(user.id).toBe(person.user.id);
  expect((await server.client(token).users.me()).id).toBe(person.user.id);
  // The token is single-use, and the same code is refused with a fresh one.
  await expectApiError(server.client().auth.mfaLogin({ mfaToken: first.mfaToken, code: next }), 401, "mfa_token_invalid");
  const second = await passwordStep(person);
  await expectApiError(server.client().auth.mfaLogin({ mfaToken: second.mfaToken, code: next }), 403, "invalid_mfa_code");
  await expectApiError(server.client().auth.mfaLogin({ mfaToken: "made-up", code: next }), 401, "mfa_token_invalid");

  const { events } = await person.client.circles.audit({ action: "auth.mfa_enrolled" });
  expect(events).toEqual([expect.objectContaining({ actorUserId: person.user.id, payload: { factor: "totp" } })]);
});

it("a recovery code signs in once, in any case and without its dash, and regenerating replaces them all", async () => {
  const person = await signUp(server);
  const { secret, recoveryCodes } = await enrol(person.client);
  const [code, other] = recoveryCodes as [string, string];
  const loose = code.replace("-", "").toLowerCase();
  await server.client().auth.mfaLogin({ mfaToken: (await passwordStep(person)).mfaToken, recoveryCode: loose });
  await expectApiError(
    server.client().auth.mfaLogin({ mfaToken: (await passwordStep(person)).mfaToken, recoveryCode: code }),
    403,
    "invalid_mfa_code",
  );
  expect((await person.client.users.mfa()).recoveryCodesLeft).toBe(9);
  const { events } = await person.client.circles.audit({ action: "auth.recovery_code_used" });
  expect(events).toEqual([expect.objectContaining({ actorUserId: person.user.id, payload: { left: 9 } })]);

  await expectApiError(person.client.users.regenerateRecoveryCodes({ code: wrongCode(secret) }), 403, "invalid_mfa_code");
  const fresh = await person.client.users.regenerateRecoveryCodes({ code: codeFor(secret, 1) });
  expect(fresh.recoveryCodes).toHaveLength(10);
  await expectApiError(
    server.client().auth.mfaLogin({ mfaToken: (await passwordStep(person)).mfaToken, recoveryCode: other }),
    403,
    "invalid_mfa_code",
  );
  await server.client().auth.mfaLogin({ mfaToken: (await passwordStep(person)).mfaToken, recoveryCode: fresh.recoveryCodes[0]! });
});

it("locks the second step after five wrong codes in a row, right ones included, and audits the lock", async () => {
  const person = await signUp(server);
  const { recoveryCodes } = await enrol(person.client);
  const { mfaToken } = await passwordStep(person);
  for (let attempt = 1; attempt <= MFA_MAX_FAILURES; attempt += 1) {
    await expectApiError(server.client().auth.mfaLogin({ mfaToken, recoveryCode: "AAAAA-AAAAA" }), 403, "invalid_mfa_code");
  }
  const locked = server.client().auth.mfaLogin({ mfaToken, recoveryCode: recoveryCodes[0]! });
  await expect(locked).rejects.toMatchObject({ status: 423, code: "mfa_locked", details: { retryAfterSeconds: expect.any(Number) } });
  // The lock holds for the signed-in person's own changes too.
  await expectApiError(person.client.users.disableTotp({ recoveryCode: recoveryCodes[0]! }), 423, "mfa_locked");
  const { events } = await person.client.circles.audit({ action: "auth.mfa_locked" });
  expect(events).toEqual([expect.objectContaining({ entityId: String(person.user.id), outcome: "denied" })]);
});

it("turning TOTP off needs a proof and takes the recovery codes with it; then a password is enough again", async () => {
  const person = await signUp(server);
  const { recoveryCodes } = await enrol(person.client);
  await expectApiError(person.client.users.disableTotp({ recoveryCode: "BBBBB-BBBBB" }), 403, "invalid_mfa_code");
  await person.client.users.disableTotp({ recoveryCode: recoveryCodes[1]! });
  expect(await person.client.users.mfa()).toMatchObject({ totpEnabled: false, recoveryCodesLeft: 0 });
  await server.client().auth.login({ login: person.user.username, password: person.password });
  await expectApiError(person.client.users.disableTotp({ recoveryCode: recoveryCodes[2]! }), 409, "invalid_state");
  const { events } = await person.client.circles.audit({ action: "auth.mfa_disabled" });
  expect(events).toEqual([expect.objectContaining({ payload: { factor: "totp", via: "recovery_code" } })]);
});

it("requiring it of admins: only an admin who has it may turn it on; other admins enrol at their next sign-in", async () => {
  const h = await createHousehold(server);
  const coAdmin = await addMember(server, h.admin, "admin");
  await expectApiError(h.admin.client.circles.update({ mfaRequiredForAdmins: true }), 409, "mfa_not_enrolled");
  await expectApiError(h.manager.client.circles.update({ mfaRequiredForAdmins: true }), 403, "forbidden");
  const { recoveryCodes } = await enrol(h.admin.client);
  expect(await h.admin.client.circles.update({ mfaRequiredForAdmins: true })).toMatchObject({ mfaRequiredForAdmins: true });

  // The admin without a second step is signed out everywhere; members and managers are not asked.
  await expectApiError(coAdmin.client.users.me(), 401, "unauthenticated");
  await h.manager.client.users.me();
  await server.client().auth.login({ login: h.member.user.username, password: h.member.password });
  const required = await passwordStep(coAdmin);
  expect(required).toMatchObject({ status: 403, code: "mfa_enrolment_required" });
  // That token enrols and nothing else.
  await expectApiError(server.client().auth.mfaLogin({ mfaToken: required.mfaToken, code: "123456" }), 401, "mfa_token_invalid");
  const { secret } = await server.client().auth.mfaEnrol({ mfaToken: required.mfaToken });
  const enrolled = await server.client().auth.mfaEnrolConfirm({ mfaToken: required.mfaToken, code: codeFor(secret) });
  expect(enrolled.recoveryCodes).toHaveLength(10);
  expect(await server.client(enrolled.token).users.mfa()).toMatchObject({ totpEnabled: true, requiredByCircle: true });
  await expectApiError(
    server.client().auth.mfaEnrolConfirm({ mfaToken: required.mfaToken, code: codeFor(secret, 1) }),
    401,
    "mfa_token_invalid",
  );

  // Nor can an admin there drop their last factor.
  await expectApiError(h.admin.client.users.disableTotp({ recoveryCode: recoveryCodes[0]! }), 409, "mfa_required_by_circle");
  expect((await passwordStep(h.admin)).code).toBe("mfa_required");
  const { events } = await h.admin.client.circles.audit({ action: "circle.updated" });
  expect(events[0]).toMatchObject({ payload: { changes: { mfaRequiredForAdmins: true }, adminSessionsEnded: 1 } });
});

it("is the real person's sign-in only: no API token, no impersonation; bad input is a 400 naming the field", async () => {
  const h = await createHousehold(server);
  const { token } = await h.member.client.users.createToken({ name: "script" });
  await expectApiError(server.client(token).users.mfa(), 403, "forbidden");
  await expectApiError(server.client(token).users.startTotp(), 403, "forbidden");
  const acting = server.client(h.admin.token);
  acting.setImpersonateUserId(h.member.user.id);
  await expectApiError(acting.users.mfa(), 403, "impersonation_not_supported");
  await expectApiError(acting.users.disableTotp({ code: "123456" }), 403, "impersonation_not_supported");

  for (const [body, field] of [
    [{ code: "12ab56" }, "code"],
    [{ code: "123456", recoveryCode: "AAAAA-AAAAA" }, ""],
    [{}, ""],
  ] as const) {
    const response = await server.fetch("/users/me/mfa/totp/disable", {
      method: "POST",
      headers: { Authorization: `Bearer ${h.member.token}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("validation_failed");
    if (field) expect(error.message).toContain(field);
  }
  await expectApiError(h.member.client.users.passkeyRegistrationOptions(), 409, "passkeys_unavailable");
});
