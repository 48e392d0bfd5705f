/**
 * The MCP server over stdio (`pnpm mcp`, decision 0038): the built command, spawned by the
 * MCP SDK's own client against a real test server, calling it with an API token.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@chorus/shared";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { buildServer, runChorus } from "../test/builtServer";
import { startTestServer, type TestServer } from "../test/harness";
import { createHousehold, type TestCircle } from "../test/factories";
import { makeChore } from "../test/choreFactories";

let server: TestServer;
let household: TestCircle;
let built: ReturnType<typeof buildServer>;
let mcpJs: string;
let client: Client;
let token: string;

beforeAll(async () => {
  built = buildServer();
  mcpJs = path.join(path.dirname(built.mainJs), "mcp.js");
  server = await startTestServer();
  household = await createHousehold(server);
  token = (await household.member.client.users.createToken({ name: "desktop assistant" })).token;
  client = new Client({ name: "chorus-stdio-test", version: "1.0.0" });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [mcpJs],
      env: { PATH: process.env.PATH ?? "", CHORUS_URL: server.baseUrl, CHORUS_TOKEN: token },
      stderr: "pipe",
    }),
  );
});
afterAll(async () => {
  await client?.close();
  await server?.close();
  built?.remove();
});

const call = async (name: string, args: Record<string, unknown> = {}) =>
  (await client.callTool({ name, arguments: args })) as CallToolResult;

describe("MCP over stdio", () => {
  it("lists the tools", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      ["create_chore", "do_chore", "household_summary", "list_my_chores", "skip_chore", "undo_chore"].sort(),
    );
  });

  it("lists, does, skips, undoes and creates chores as the token's user, audited with them as actor", async () => {
    const memberId = household.member.user.id;
    const chore = await makeChore(household.admin.client, { name: "Laundry", points: 4, assignees: [memberId], assignedTo: memberId });
    const plants = await makeChore(household.admin.client, { name: "Plants", frequency: { type: "daily" }, assignees: [memberId] });

    const listed = await call("list_my_chores");
    expect((listed.structuredContent as { chores: { id: number }[] }).chores.map((c) => c.id)).toEqual(
      expect.arrayContaining([chore.id, plants.id]),
    );

    expect((await call("do_chore", { choreId: chore.id })).isError).toBeFalsy();
    const { history } = await household.admin.client.chores.history(chore.id);
    expect(history[0]).toMatchObject({ action: "completed", updatedBy: memberId, performedAs: memberId, points: 4 });
    const { members } = await household.admin.client.circles.members();
    expect(members.find((m) => m.userId === memberId)!.points).toBe(4);
    const completed = await server.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "chore.completed", entityId: String(chore.id) },
    });
    expect(completed).toMatchObject({ actorUserId: memberId, subjectUserId: null });
    expect(completed.userAgent).toMatch(/^chorus-mcp\/.*\(stdio\)$/);

    expect((await call("skip_chore", { choreId: plants.id })).isError).toBeFalsy();
    expect((await call("undo_chore", { choreId: plants.id })).isError).toBeFalsy();
    expect((await household.admin.client.chores.history(plants.id)).history).toEqual([]);

    const created = await call("create_chore", { name: "Descale the kettle" });
    const createdId = (created.structuredContent as { chore: { id: number } }).chore.id;
    expect(await household.admin.client.chores.get(createdId)).toMatchObject({ createdBy: memberId, assignedTo: memberId });
  });

  it("summarises the household", async () => {
    const summary = await call("household_summary");
    expect(summary.isError).toBeFalsy();
    expect(summary.structuredContent).toMatchObject({
      me: { userId: household.member.user.id, role: "member" },
      members: expect.arrayContaining([expect.objectContaining({ userId: household.admin.user.id, role: "admin" })]),
    });
  });

  it("answers an unknown chore as a tool error with the API's code", async () => {
    const result = await call("undo_chore", { choreId: 2_000_000_000 });
    expect(result.isError).toBe(true);
    expect(result._meta?.["chorus/error"]).toMatchObject({ code: "not_found" });
  });

  it("refuses to start without CHORUS_URL and CHORUS_TOKEN, saying which is missing", () => {
    const run = spawnSync(process.execPath, [mcpJs], {
      env: { PATH: process.env.PATH ?? "", CHORUS_URL: server.baseUrl },
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/CHORUS_TOKEN/);
  });

  it("passes a revoked token's refusal on as a tool error", async () => {
    const { tokens } = await household.member.client.users.listTokens();
    await household.member.client.users.revokeToken(tokens.find((t) => t.name === "desktop assistant")!.id);
    const result = await call("list_my_chores");
    expect(result.isError).toBe(true);
    expect(result._meta?.["chorus/error"]).toMatchObject({ code: "unauthenticated" });
  });
});

describe("the built server", () => {
  it("loads the MCP SDK with the first MCP request, not at start-up", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "chorus-mcp-lazy-"));
    // Reports every module the process loads from the MCP SDK.
    const hook = path.join(dir, "hook.cjs");
    writeFileSync(
      hook,
      'const Module = require("node:module"); const load = Module._load;\n' +
        "Module._load = function (request, ...rest) {\n" +
        '  if (request.startsWith("@modelcontextprotocol/")) process.stderr.write(`loaded ${request}\\n`);\n' +
        "  return load.call(this, request, ...rest);\n};\n",
    );
    const chorus = await runChorus(built.mainJs, { DATA_DIR: path.join(dir, "data"), NODE_OPTIONS: `--require ${hook}` });
    try {
      await chorus.healthy();
      const api = createClient({ baseUrl: chorus.baseUrl });
      const { token: session } = await api.auth.signup({ username: "lazy", email: "lazy@example.test", password: "correct horse battery" });
      api.setToken(session);
      const { token } = await api.users.createToken({ name: "assistant" });
      expect(chorus.output()).not.toContain("loaded @modelcontextprotocol");

      const lazyClient = new Client({ name: "lazy", version: "1.0.0" });
      await lazyClient.connect(
        new StreamableHTTPClientTransport(new URL(`${chorus.baseUrl}/api/v1/mcp`), {
          requestInit: { headers: { Authorization: `Bearer ${token}` } },
        }),
      );
      expect((await lazyClient.listTools()).tools).toHaveLength(6);
      await lazyClient.close();
      expect(chorus.output()).toContain("loaded @modelcontextprotocol/sdk/server/mcp.js");
    } finally {
      await chorus.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
