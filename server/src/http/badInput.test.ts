/**
 * Bad input of every kind, signed in or not, is a 4xx in the error shape — never a 500 —
 * and no client error leaves a stack trace in the log (the log is captured and checked).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { answerClientErrorsAsJson } from "./clientError";
import { createHousehold } from "../test/factories";
import { makeChore } from "../test/choreFactories";
import { startTestServer, type TestServer } from "../test/harness";
import { openRawRequest, rawGet, rawRequest } from "../test/rawHttp";

let server: TestServer;
const logLines: string[] = [];
beforeAll(async () => {
  const logger = pino({ level: "info" }, { write: (line: string) => void logLines.push(line) });
  server = await startTestServer({}, logger);
});
afterAll(() => server.close());

/** Log lines that carry an error object or a stack trace. */
const errorLogs = () => logLines.filter((line) => line.includes('"err"') || line.includes('"stack"') || line.includes('"level":50'));
beforeEach(() => {
  logLines.length = 0;
});
afterEach(() => {
  expect(errorLogs()).toEqual([]);
});

async function expectClientError(response: Response, status: number, code: string) {
  const text = await response.text();
  expect({ status: response.status, body: JSON.parse(text) as unknown }).toEqual({
    status,
    body: { error: expect.objectContaining({ code, message: expect.any(String) }) },
  });
}

const json = (token?: string) => ({ "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) });

describe("paths", () => {
  it.each([
    ["/chores/%ZZ", true],
    ["/chores/%ZZ", false],
    ["/chores/%E0%A4%A", true],
    ["/circles/current/members/%/role", true],
  ])("answers 400 bad_request to the bad %% escape in %s (signed in: %s)", async (path, signedIn) => {
    const { admin } = await createHousehold(server);
    await expectClientError(await server.fetch(path, { headers: signedIn ? json(admin.token) : {} }), 400, "bad_request");
  });
});

describe("bodies", () => {
  const deepArray = "[".repeat(50_000) + "]".repeat(50_000);
  const deepObject = '{"a":'.repeat(15_000) + "1" + "}".repeat(15_000);
  const deepUnderField = `{"name":"x","labels":${"[".repeat(40_000)}${"]".repeat(40_000)}}`;

  it.each([
    ["POST", "/chores", deepArray],
    ["POST", "/chores", deepObject],
    ["POST", "/chores", deepUnderField],
    ["PUT", "/chores/1", deepObject],
    ["PATCH", "/circles/current", deepObject],
  ])("refuses deeply nested JSON on %s %s with 400 naming the field", async (method, path, body) => {
    const { admin } = await createHousehold(server);
    const chore = await makeChore(admin.client);
    const response = await server.fetch(path.replace("/1", `/${chore.id}`), { method, headers: json(admin.token), body });
    await expectClientError(response, 400, "validation_failed");
  });

  it.each(["/auth/login", "/auth/signup"])("refuses deeply nested JSON on %s without signing in", async (path) => {
    await expectClientError(await server.fetch(path, { method: "POST", headers: json(), body: deepObject }), 400, "validation_failed");
  });

  it.each([
    ["gzip", 400, "bad_request"],
    ["deflate", 400, "bad_request"],
    ["br", 400, "bad_request"],
    ["x-unknown", 415, "unsupported_media_type"],
    ["gzip, compress", 415, "unsupported_media_type"],
  ])("answers a plain body sent as Content-Encoding %s with %d %s", async (encoding, status, code) => {
    const { admin } = await createHousehold(server);
    const body = JSON.stringify({ name: "Encoded" });
    const signedIn = await server.fetch("/chores", {
      method: "POST",
      headers: { ...json(admin.token), "Content-Encoding": encoding },
      body,
    });
    await expectClientError(signedIn, status, code);
    const anonymous = await server.fetch("/auth/login", { method: "POST", headers: { ...json(), "Content-Encoding": encoding }, body });
    await expectClientError(anonymous, status, code);
  });

  it("still reads a body that really is gzip-compressed", async () => {
    const { gzipSync } = await import("node:zlib");
    const { admin } = await createHousehold(server);
    const response = await server.fetch("/chores", {
      method: "POST",
      headers: { ...json(admin.token), "Content-Encoding": "gzip" },
      body: gzipSync(JSON.stringify({ name: "Compressed" })),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ name: "Compressed" });
  });
});

describe("schedules, cursors and points at their limits", () => {
  it("refuses with 409 to push an interval chore's next due date past the API's dates, and changes nothing", async () => {
    const { admin } = await createHousehold(server);
    const chore = await makeChore(admin.client, {
      frequency: { type: "interval", every: 366, unit: "months" },
      nextDueDate: "2199-06-01T09:00:00Z",
      points: 5,
    });
    for (const action of ["do", "skip"] as const) {
      const body = JSON.stringify({ dueDate: chore.nextDueDate });
      const response = await server.fetch(`/chores/${chore.id}/${action}`, { method: "POST", headers: json(admin.token), body });
      await expectClientError(response, 409, "invalid_state");
    }
    // Far beyond year 9999 (stored by an older version, say): a clean refusal too — the
    // occurrence is current, but the one after it cannot be stored, and no request can
    // name an occurrence that far out.
    await server.db.prisma.chore.update({
      where: { id: chore.id },
      data: { nextDueDate: new Date("9990-01-01T00:00:00Z"), scheduleAnchor: null },
    });
    await expectClientError(
      await server.fetch(`/chores/${chore.id}/do`, { method: "POST", headers: json(admin.token), body: "{}" }),
      409,
      "invalid_state",
    );
    const farBody = JSON.stringify({ dueDate: "9990-01-01T00:00:00.000Z" });
    await expectClientError(
      await server.fetch(`/chores/${chore.id}/do`, { method: "POST", headers: json(admin.token), body: farBody }),
      400,
      "validation_failed",
    );
    const after = await server.db.prisma.chore.findUniqueOrThrow({ where: { id: chore.id } });
    expect(after).toMatchObject({ version: chore.version, nextDueDate: new Date("9990-01-01T00:00:00Z") });
    expect((await admin.client.chores.history(chore.id)).history).toEqual([]);
  });

  it.each([
    ["time past 9999", "999999999999999.1"],
    ["id past int4", "1700000000000.9999999999"],
    ["time past 2199", "7258118400000.1"],
  ])("answers a history cursor with its %s with 400 naming before", async (_what, position) => {
    const { admin } = await createHousehold(server);
    const chore = await makeChore(admin.client);
    const response = await server.fetch(`/chores/${chore.id}/history?before=${Buffer.from(position).toString("base64url")}`, {
      headers: json(admin.token),
    });
    await expectClientError(response, 400, "validation_failed");
  });

  it("refuses with 409 a completion whose points would overflow the member's total, and keeps the total", async () => {
    const { admin, member } = await createHousehold(server);
    const chore = await makeChore(admin.client, { frequency: { type: "daily" }, points: 10_000, assignees: [member.user.id] });
    const nearMax = 2_147_483_647 - 9_999;
    await server.db.prisma.membership.updateMany({ where: { userId: member.user.id, status: "active" }, data: { points: nearMax } });
    const body = JSON.stringify({ dueDate: chore.nextDueDate });
    await expectClientError(
      await server.fetch(`/chores/${chore.id}/do`, { method: "POST", headers: json(member.token), body }),
      409,
      "invalid_state",
    );
    const { members } = await admin.client.circles.members();
    expect(members.find((m) => m.userId === member.user.id)?.points).toBe(nearMax);
    expect((await admin.client.chores.history(chore.id)).history).toEqual([]);
  });

  it.each([10_001, -1, 2 ** 31, 1.5])("refuses chore points %j with 400 naming points", async (points) => {
    const { admin } = await createHousehold(server);
    const response = await server.fetch("/chores", {
      method: "POST",
      headers: json(admin.token),
      body: JSON.stringify({ name: "p", points }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { details: { fields: object } } }).error.details.fields).toHaveProperty("points");
  });
});

describe("Node's own replies carry the error shape", () => {
  it("answers a malformed request line with 400 bad_request JSON", async () => {
    const reply = await rawRequest(server.baseUrl, Buffer.from("GARBAGE\r\n\r\n"));
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({ error: { code: "bad_request", message: expect.any(String) } });
  });

  it("answers oversized headers with 431 headers_too_large JSON", async () => {
    const reply = await rawGet(server.baseUrl, "/health", [Buffer.from(`X-Big: ${"a".repeat(20_000)}`)]);
    expect(reply.status).toBe(431);
    expect(JSON.parse(reply.body)).toEqual({ error: { code: "headers_too_large", message: expect.any(String) } });
  });

  it("answers a request that does not arrive in time with 408 request_timeout JSON", async () => {
    // A server of its own: Node checks timeouts only every `connectionsCheckingInterval`.
    const slow: Server = createServer({ headersTimeout: 200, requestTimeout: 300, connectionsCheckingInterval: 50 }, (_req, res) =>
      res.end(),
    );
    answerClientErrorsAsJson(slow);
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = slow.address() as AddressInfo;
      const pending = openRawRequest(`http://127.0.0.1:${port}`, Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n"));
      const reply = await pending.response;
      expect(reply.status).toBe(408);
      expect(JSON.parse(reply.body)).toEqual({ error: { code: "request_timeout", message: expect.any(String) } });
    } finally {
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });
});
