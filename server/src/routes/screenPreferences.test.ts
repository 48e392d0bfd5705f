/**
 * The colour-scheme (decision 0037) and language (decision 0047) choices, over HTTP on PGlite
 * (and PostgreSQL with TEST_DATABASE_URL): each person's own, audited, and never the member acted as.
 */
import { createHousehold, expectApiError } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it("follows the device until the person chooses; the choice is kept and audited once", async () => {
  const h = await createHousehold(server);
  expect(await h.member.client.users.theme()).toEqual({ theme: "system" });
  expect(await h.member.client.users.setTheme({ theme: "dark" })).toEqual({ theme: "dark" });
  expect(await h.member.client.users.setTheme({ theme: "dark" })).toEqual({ theme: "dark" });
  expect(await h.member.client.users.theme()).toEqual({ theme: "dark" });
  // Another sign-in of the same person (another device) sees it.
  const { token } = await server.client().auth.login({ login: h.member.user.username, password: h.member.password });
  expect(await server.client(token).users.theme()).toEqual({ theme: "dark" });
  const { events } = await h.admin.client.circles.audit({ action: "user.theme_changed" });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ actorUserId: h.member.user.id, subjectUserId: null, payload: { from: "system", to: "dark" } });
  expect(await h.admin.client.users.theme()).toEqual({ theme: "system" });
});

it("is never the member acted as: the impersonation header is refused, and neither setting moves", async () => {
  const h = await createHousehold(server);
  await h.member.client.users.setTheme({ theme: "light" });
  const acting = server.client(h.admin.token);
  acting.setImpersonateUserId(h.member.user.id);
  await expectApiError(acting.users.theme(), 403, "impersonation_not_supported");
  await expectApiError(acting.users.setTheme({ theme: "dark" }), 403, "impersonation_not_supported");
  expect(await h.member.client.users.theme()).toEqual({ theme: "light" });
  expect(await h.admin.client.users.theme()).toEqual({ theme: "system" });
});

it("a script's API token may read and set it (a display preference, nothing it could misuse)", async () => {
  const h = await createHousehold(server);
  const { token } = await h.member.client.users.createToken({ name: "script" });
  expect(await server.client(token).users.setTheme({ theme: "light" })).toEqual({ theme: "light" });
  expect(await h.member.client.users.theme()).toEqual({ theme: "light" });
});

it("rejects a scheme that does not exist, or none, with a clear 400 naming the field", async () => {
  const h = await createHousehold(server);
  for (const body of [{ theme: "sepia" }, {}, { theme: "dark", extra: 1 }]) {
    const response = await server.fetch("/users/me/theme", {
      method: "PUT",
      headers: { Authorization: `Bearer ${h.member.token}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
  }
  await expectApiError(server.client().users.theme(), 401, "unauthenticated");
});

it("the language: follows the browser until chosen, kept per person, audited, never the member acted as", async () => {
  const h = await createHousehold(server);
  expect(await h.member.client.users.language()).toEqual({ language: "system" });
  expect(await h.member.client.users.setLanguage({ language: "de" })).toEqual({ language: "de" });
  expect(await h.member.client.users.setLanguage({ language: "de" })).toEqual({ language: "de" });
  const { token } = await server.client().auth.login({ login: h.member.user.username, password: h.member.password });
  expect(await server.client(token).users.language()).toEqual({ language: "de" });
  const { events } = await h.admin.client.circles.audit({ action: "user.language_changed" });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ actorUserId: h.member.user.id, payload: { from: "system", to: "de" } });
  // The theme is a separate choice: unchanged.
  expect(await h.member.client.users.theme()).toEqual({ theme: "system" });

  const acting = server.client(h.admin.token);
  acting.setImpersonateUserId(h.member.user.id);
  await expectApiError(acting.users.setLanguage({ language: "fr" }), 403, "impersonation_not_supported");
  expect(await h.member.client.users.language()).toEqual({ language: "de" });
  expect(await h.admin.client.users.language()).toEqual({ language: "system" });

  for (const body of [{ language: "klingon" }, { language: "de-DE" }, {}]) {
    const response = await server.fetch("/users/me/language", {
      method: "PUT",
      headers: { Authorization: `Bearer ${h.member.token}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
  }
});
