/**
 * The MCP server over streamable HTTP (`POST /api/v1/mcp`, decision 0038), driven by the
 * MCP SDK's own client against the real server: tools, their effects through the API,
 * tool errors, who is refused, and the audit trail.
 */
import { IMPERSONATION_HEADERS } from "@chorus/shared";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { startTestServer, readError, type TestServer } from "../test/harness";
import { createHousehold, type TestCircle, type TestUser } from "../test/factories";
import { makeChore } from "../test/choreFactories";

let server: TestServer;
let household: TestCircle;
let memberToken: string;
const clients: Client[] = [];
/** What the SDK's clients reported through onerror (a failed stream, an unexpected answer). */
const clientErrors: Error[] = [];

beforeAll(async () => {
  server = await startTestServer();
  household = await createHousehold(server);
  memberToken = (await household.member.client.users.createToken({ name: "assistant" })).token;
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await server.close();
});

const mcpUrl = () => new URL(`${server.baseUrl}/api/v1/mcp`);

async function connect(token: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: "chorus-test", version: "1.0.0" });
  // oxlint-disable-next-line unicorn/prefer-add-event-listener -- the SDK's Client is no EventTarget: this property is its error hook
  client.onerror = (error) => clientErrors.push(error);
  const transport = new StreamableHTTPClientTransport(mcpUrl(), {
    requestInit: { headers: { Authorization: `Bearer ${token}`, ...headers } },
  });
  await client.connect(transport);
  clients.push(client);
  // As MCP clients do: the tools' output schemas are then checked on every answer.
  await client.listTools();
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

const text = (result: CallToolResult) => result.content.map((part) => (part.type === "text" ? part.text : "")).join("\n");

/** A chore assigned to the member, created by the admin. */
const membersChore = (overrides: Parameters<typeof makeChore>[1] = {}) =>
  makeChore(household.admin.client, { assignees: [household.member.user.id], assignedTo: household.member.user.id, ...overrides });

/** A raw MCP initialize request, for what the SDK's client would never send. */
function initialize(headers: Record<string, string>): Promise<Response> {
  return fetch(mcpUrl(), {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json, text/event-stream", ...headers },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
    }),
  });
}

describe("MCP over streamable HTTP", () => {
  it("lists the tools, each with an input schema", async () => {
    const client = await connect(memberToken);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      ["create_chore", "do_chore", "household_summary", "list_my_chores", "skip_chore", "undo_chore"].sort(),
    );
    const doChore = tools.find((tool) => tool.name === "do_chore")!;
    expect(doChore.inputSchema.required).toEqual(["choreId"]);
    expect(Object.keys(doChore.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(["choreId", "dueDate", "note"]));
  });

  it("answers the stream request (GET) with 405 and Allow: POST, which MCP clients take as 'no stream'", async () => {
    const response = await fetch(mcpUrl(), { headers: { Authorization: `Bearer ${memberToken}`, Accept: "text/event-stream" } });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect((await readError(response)).code).toBe("method_not_allowed");
    await connect(memberToken);
    // The client opens its stream after initializing, in the background.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(clientErrors).toEqual([]);
  });

  it("lists my chores only, as text and structured content", async () => {
    const mine = await membersChore({ name: "Bins" });
    const others = await makeChore(household.admin.client, { name: "Admin's own" });
    const client = await connect(memberToken);
    const result = await call(client, "list_my_chores");
    expect(result.isError).toBeFalsy();
    const ids = (result.structuredContent as { chores: { id: number }[] }).chores.map((chore) => chore.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(others.id);
    expect(text(result)).toContain(`#${mine.id} Bins`);
  });

  it("does a chore for the token's user: history, points and audit name them, never anyone else", async () => {
    const chore = await membersChore({ name: "Dishes", points: 7 });
    const memberId = household.member.user.id;
    const pointsBefore = (await household.admin.client.circles.members()).members.find((m) => m.userId === memberId)!.points;

    const result = await call(await connect(memberToken), "do_chore", { choreId: chore.id, note: "via MCP" });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ chore: { id: chore.id, updatedBy: memberId, performedAs: memberId } });

    const { history } = await household.admin.client.chores.history(chore.id);
    expect(history[0]).toMatchObject({ action: "completed", updatedBy: memberId, performedAs: memberId, note: "via MCP", points: 7 });
    const pointsAfter = (await household.admin.client.circles.members()).members.find((m) => m.userId === memberId)!.points;
    expect(pointsAfter).toBe(pointsBefore + 7);

    const audit = await server.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "chore.completed", entityId: String(chore.id) },
    });
    expect(audit).toMatchObject({ actorUserId: memberId, subjectUserId: null, outcome: "allowed" });
    expect(audit.userAgent).toMatch(/^chorus-mcp\/.*\(http; /);
  });

  it("skips a chore, then undoes the skip", async () => {
    const chore = await membersChore({ name: "Plants", frequency: { type: "daily" } });
    const client = await connect(memberToken);
    const skipped = await call(client, "skip_chore", { choreId: chore.id });
    expect(skipped.isError).toBeFalsy();
    expect((await household.admin.client.chores.history(chore.id)).history[0]).toMatchObject({ action: "skipped" });

    const undone = await call(client, "undo_chore", { choreId: chore.id });
    expect(undone.isError).toBeFalsy();
    expect(undone.structuredContent).toMatchObject({ chore: { id: chore.id, nextDueDate: chore.nextDueDate } });
    expect((await household.admin.client.chores.history(chore.id)).history).toEqual([]);
    const events = await server.db.prisma.auditEvent.findMany({ where: { entityId: String(chore.id) }, orderBy: { id: "asc" } });
    expect(events.map((event) => [event.action, event.actorUserId])).toEqual(
      expect.arrayContaining([
        ["chore.skipped", household.member.user.id],
        ["chore.undone", household.member.user.id],
      ]),
    );
  });

  it("creates a chore with the shared request schema, assigned to me by default", async () => {
    const client = await connect(memberToken);
    const result = await call(client, "create_chore", { name: "Water the fern", points: 3, frequency: { type: "weekly", weekdays: [6] } });
    expect(result.isError).toBeFalsy();
    const created = (result.structuredContent as { chore: { id: number } }).chore;
    expect(await household.admin.client.chores.get(created.id)).toMatchObject({
      name: "Water the fern",
      createdBy: household.member.user.id,
      assignedTo: household.member.user.id,
      points: 3,
    });
    const audit = await server.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "chore.created", entityId: String(created.id) } });
    expect(audit).toMatchObject({ actorUserId: household.member.user.id, subjectUserId: null, outcome: "allowed" });
    const invalid = await call(client, "create_chore", { name: "x", frequency: { type: "weekly", weekdays: [9] } });
    expect(invalid.isError).toBe(true);
  });

  it("summarises the household: members, points, overdue and due-today counts", async () => {
    const overdue = await membersChore({ name: "Overdue", nextDueDate: new Date(Date.now() - 3_600_000).toISOString() });
    const result = await call(await connect(memberToken), "household_summary");
    expect(result.isError).toBeFalsy();
    const summary = result.structuredContent as {
      circle: { name: string };
      me: { userId: number };
      members: { userId: number; points: number; overdue: number }[];
      chores: { overdue: number };
    };
    expect(summary.me.userId).toBe(household.member.user.id);
    const { members } = await household.admin.client.circles.members();
    expect(new Map(summary.members.map((m) => [m.userId, m.points]))).toEqual(new Map(members.map((m) => [m.userId, m.points])));
    const me = summary.members.find((m) => m.userId === household.member.user.id)!;
    expect(me.overdue).toBeGreaterThanOrEqual(1);
    expect(summary.chores.overdue).toBeGreaterThanOrEqual(me.overdue);
    expect(text(result)).toContain(summary.circle.name);
    expect(overdue.assignedTo).toBe(household.member.user.id);
  });

  it("answers a refused call as a tool error with the API's code, and the session goes on", async () => {
    const client = await connect(memberToken);
    const unknown = await call(client, "do_chore", { choreId: 2_000_000_000 });
    expect(unknown.isError).toBe(true);
    expect(unknown._meta?.["chorus/error"]).toMatchObject({ code: "not_found" });
    expect(text(unknown)).toMatch(/^not_found: /);

    // Declared access and policies apply as for any client: a member acts only on chores they are assigned.
    const notMine = await makeChore(household.admin.client, { name: "Not the member's" });
    const refused = await call(client, "do_chore", { choreId: notMine.id });
    expect(refused.isError).toBe(true);
    expect((refused._meta!["chorus/error"] as { code: string }).code).toMatch(/^(forbidden|not_found)$/);
    expect((await household.admin.client.chores.history(notMine.id)).history).toEqual([]);

    expect((await call(client, "list_my_chores")).isError).toBeFalsy();
  });

  it("names the next occurrence as the API requires: an early do without dueDate is not_due_yet, with it done", async () => {
    const chore = await membersChore({ name: "Early", frequency: { type: "daily" } });
    const client = await connect(memberToken);
    expect((await call(client, "do_chore", { choreId: chore.id })).isError).toBeFalsy();
    const again = await call(client, "do_chore", { choreId: chore.id });
    expect(again._meta?.["chorus/error"]).toMatchObject({ code: "not_due_yet", details: { dueDate: expect.any(String) } });
    const { dueDate } = (again._meta!["chorus/error"] as { details: { dueDate: string } }).details;
    expect((await call(client, "do_chore", { choreId: chore.id, dueDate })).isError).toBeFalsy();
  });
});

describe("who may use the MCP endpoint", () => {
  const refusalOf = async (response: Response) => ({ status: response.status, code: (await readError(response)).code });

  it("refuses no credential with 401 and a sign-in with 403", async () => {
    expect(await refusalOf(await initialize({}))).toEqual({ status: 401, code: "unauthenticated" });
    const signIn = await refusalOf(await initialize({ Authorization: `Bearer ${household.member.token}` }));
    expect(signIn).toEqual({ status: 403, code: "forbidden" });
    await expect(connect(household.member.token)).rejects.toThrow(/"code":"forbidden"/);
  });

  it("refuses a shared tablet's token", async () => {
    const { token } = await household.admin.client.circles.createDevice({ name: "Hall tablet" });
    expect(await refusalOf(await initialize({ Authorization: `Bearer ${token}` }))).toEqual({ status: 403, code: "device_not_allowed" });
  });

  it("refuses an impersonation selector with impersonation_not_supported, even from an admin's token, and audits it", async () => {
    const admin: TestUser = household.admin;
    const { token } = await admin.client.users.createToken({ name: "admin assistant" });
    const response = await initialize({ Authorization: `Bearer ${token}`, [IMPERSONATION_HEADERS.id]: String(household.member.user.id) });
    expect(await refusalOf(response)).toEqual({ status: 403, code: "impersonation_not_supported" });
    await expect(connect(token, { [IMPERSONATION_HEADERS.email]: household.member.user.email })).rejects.toThrow(
      /"code":"impersonation_not_supported"/,
    );
    const refusals = await server.db.prisma.auditEvent.count({ where: { actorUserId: admin.user.id, outcome: "denied" } });
    expect(refusals).toBeGreaterThanOrEqual(1);
  });

  it("refuses a body that is not JSON-RPC", async () => {
    const response = await fetch(mcpUrl(), {
      method: "POST",
      headers: {
        Authorization: `Bearer ${memberToken}`,
        "Content-Type": "application/json",
        Accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({ hello: "world" }),
    });
    expect(await refusalOf(response)).toEqual({ status: 400, code: "validation_failed" });
  });
});

describe("behind a trusted proxy", () => {
  it("audits an MCP write with the caller's address, not the loopback hop", async () => {
    const proxied = await startTestServer({ trustProxy: ["loopback"] });
    try {
      const { member, admin } = await createHousehold(proxied);
      const { token } = await member.client.users.createToken({ name: "assistant" });
      const chore = await makeChore(admin.client, { name: "Proxied", assignees: [member.user.id], assignedTo: member.user.id });
      const client = new Client({ name: "chorus-test", version: "1.0.0" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${proxied.baseUrl}/api/v1/mcp`), {
          requestInit: { headers: { Authorization: `Bearer ${token}`, "X-Forwarded-For": "203.0.113.7" } },
        }),
      );
      expect((await call(client, "do_chore", { choreId: chore.id })).isError).toBeFalsy();
      await client.close();
      const audit = await proxied.db.prisma.auditEvent.findFirstOrThrow({
        where: { action: "chore.completed", entityId: String(chore.id) },
      });
      expect(audit).toMatchObject({ actorUserId: member.user.id, ip: "203.0.113.7" });
    } finally {
      await proxied.close();
    }
  });
});
