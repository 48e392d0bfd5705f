/**
 * The request pipeline's guarantees for any route: permissions are decided on the
 * complete request, and input PostgreSQL cannot take is a 400, never a 500.
 */
import { createHousehold, expectApiError, signUp } from "../test/factories";
import { readError, startTestServer, type TestServer } from "../test/harness";
import { openRawRequest } from "../test/rawHttp";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const json = (token: string | null, method: string, body: unknown) => ({
  method,
  headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

describe("a slow request", () => {
  it("is judged on who the caller is when it has fully arrived", async () => {
    const { admin, manager, member } = await createHousehold(server);
    await admin.client.circles.setRole(manager.user.id, { role: "admin" });
    const body = JSON.stringify({ role: "admin" });
    const host = new URL(server.baseUrl).host;
    const arrived = server.nextRequest();
    const slow = openRawRequest(
      server.baseUrl,
      Buffer.from(
        `PUT /api/v1/circles/current/members/${member.user.id}/role HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n` +
          `Authorization: Bearer ${manager.token}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n` +
          body.slice(0, 3),
      ),
    );
    await arrived;
    await admin.client.circles.removeMember(manager.user.id);
    await manager.client.auth.logout();
    slow.send(Buffer.from(body.slice(3)));
    const result = await slow.response;
    expect(result.status).toBe(401);
    const { members } = await admin.client.circles.members();
    expect(members.find((m) => m.userId === member.user.id)!.role).toBe("member");
  });
});

describe("input PostgreSQL cannot store", () => {
  it.each([
    ["a NUL in a public login", "/auth/login", null, "POST", { login: "al\u0000ice", password: "x" }, "login"],
    [
      "a lone surrogate in a display name",
      "/auth/signup",
      null,
      "POST",
      { username: "lone_s", email: "lone@x.test", password: "long enough", displayName: "\ud800" },
      "displayName",
    ],
    ["a NUL in a chore name", "/chores", "member", "POST", { name: "nul\u0000x" }, "name"],
    ["a NUL in a label", "/chores", "member", "POST", { name: "ok", labels: ["a\u0000"] }, "labels.0"],
    ["a NUL in a key", "/chores", "member", "POST", { ["na\u0000me"]: "x" }, "body"],
    ["an assignee id past PostgreSQL's integer", "/chores", "member", "POST", { name: "big", assignees: [2147483648] }, "assignees.0"],
    ["a due date in year 0", "/chores", "member", "POST", { name: "old", nextDueDate: "0000-01-01T00:00:00Z" }, "nextDueDate"],
    ["a due date in year 9999", "/chores", "member", "POST", { name: "late", nextDueDate: "9999-12-31T23:00:00Z" }, "nextDueDate"],
  ])("answers 400 for %s", async (_label, path, who, method, body, field) => {
    const token = who ? (await signUp(server)).token : null;
    const response = await server.fetch(path, json(token, method, body));
    expect(response.status).toBe(400);
    const error = await readError(response);
    expect(error.code).toBe("validation_failed");
    expect(Object.keys(error.details!.fields!)).toContain(field);
  });

  it.each([
    ["/circles/current/audit?actorUserId=2147483648", "actorUserId"],
    ["/circles/current/audit?before=9999999999", "before"],
    ["/chores?assignedTo=9999999999", "assignedTo"],
    ["/circles/current/members?search=%00", "search"],
  ])("answers 400 for the query %s", async (path, field) => {
    const admin = await signUp(server);
    const response = await server.fetch(path, { headers: { Authorization: `Bearer ${admin.token}` } });
    expect(response.status).toBe(400);
    expect(Object.keys((await readError(response)).details!.fields!)).toContain(field);
  });

  it("refuses a completedAt out of range", async () => {
    const { admin } = await createHousehold(server);
    const chore = await admin.client.chores.create({ name: "Dishes", frequency: { type: "daily" } });
    await expectApiError(admin.client.chores.do(chore.id, { completedAt: "0000-06-01T00:00:00Z" }), 400, "validation_failed");
  });

  it("refuses bodies in another charset with 415", async () => {
    const admin = await signUp(server);
    const response = await server.fetch("/users/me/tokens", {
      method: "POST",
      headers: { Authorization: `Bearer ${admin.token}`, "Content-Type": "application/json; charset=latin1" },
      body: JSON.stringify({ name: "x" }),
    });
    expect(response.status).toBe(415);
  });

  it("answers 401 before looking at a malformed body", async () => {
    const response = await server.fetch("/chores", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{oops" });
    expect(response.status).toBe(401);
  });
});

describe("request ids", () => {
  it("are the server's own, whatever the client sends", async () => {
    const response = await server.fetch("/health", { headers: { "X-Request-ID": "forged-request-id-123" } });
    expect(response.headers.get("x-request-id")).not.toBe("forged-request-id-123");
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
