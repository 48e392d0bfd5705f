import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { ChorusApiError, createClient } from "./client";

/** A tiny real HTTP server that records what the SDK sends. */
async function recordingServer(reply: { status: number; body: unknown }) {
  const seen: { method?: string; url?: string; headers?: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, headers: req.headers });
    res.writeHead(reply.status, { "Content-Type": "application/json" });
    res.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { baseUrl, seen, close: () => new Promise((resolve) => server.close(resolve)) };
}

const me = {
  id: 2,
  username: "sam",
  email: "s@x.test",
  phone: null,
  displayName: "Sam",
  timezone: "UTC",
  circleId: 1,
  role: "member",
  impersonatorUserId: 1,
  impersonationExpiresAt: "2026-12-01T11:00:00.000Z",
  impersonationMode: "act",
  impersonationExtensionsLeft: 3,
};

describe("SDK impersonation", () => {
  it("sends exactly one selector header, replaced by each setter and removed by clearImpersonation", async () => {
    const server = await recordingServer({ status: 200, body: me });
    try {
      const client = createClient({ baseUrl: server.baseUrl, token: "tok" });
      client.setImpersonateUserEmail("a@x.test");
      client.setImpersonateUserPhone("+14155550100");
      await client.users.me();
      client.setImpersonateUserId(7);
      await client.users.me();
      client.clearImpersonation();
      await client.users.me();
      const selectors = server.seen.map((request) =>
        Object.keys(request.headers!)
          .filter((name) => name.startsWith("x-impersonate-"))
          .map((name) => `${name}=${String(request.headers![name])}`),
      );
      expect(selectors).toEqual([["x-impersonate-user-phone=+14155550100"], ["x-impersonate-user-id=7"], []]);
      expect(server.seen[0]!.headers!.authorization).toBe("Bearer tok");
    } finally {
      await server.close();
    }
  });

  it("sends the tablet member headers with a device token until clearTabletMember", async () => {
    const server = await recordingServer({ status: 200, body: { chores: [] } });
    try {
      const client = createClient({ baseUrl: server.baseUrl, token: "chorus_dev_x" });
      client.setTabletMember(5, "2468");
      await client.chores.list();
      client.setTabletMember(6);
      await client.chores.list();
      client.clearTabletMember();
      await client.chores.list();
      const sent = server.seen.map((request) =>
        Object.keys(request.headers!)
          .filter((name) => name.startsWith("x-chorus-member-"))
          .map((name) => `${name}=${String(request.headers![name])}`),
      );
      expect(sent).toEqual([["x-chorus-member-id=5", "x-chorus-member-pin=2468"], ["x-chorus-member-id=6"], []]);
    } finally {
      await server.close();
    }
  });

  it("starts an impersonation session with POST /impersonation, without a selector header", async () => {
    const server = await recordingServer({
      status: 201,
      body: {
        userId: 7,
        reason: "ill",
        mode: "act",
        startedAt: "2026-12-01T10:00:00Z",
        expiresAt: "2026-12-01T11:00:00Z",
        extensionsLeft: 3,
      },
    });
    try {
      const client = createClient({ baseUrl: server.baseUrl, token: "tok" });
      expect(await client.impersonation.start({ userId: 7, reason: "ill", mode: "act" })).toMatchObject({ userId: 7, reason: "ill" });
      expect(server.seen.map((request) => `${request.method} ${request.url}`)).toEqual(["POST /api/v1/impersonation"]);
      expect(Object.keys(server.seen[0]!.headers!).some((name) => name.startsWith("x-impersonate-"))).toBe(false);
    } finally {
      await server.close();
    }
  });

  it("raises ChorusApiError with the server's code, message and details", async () => {
    const server = await recordingServer({
      status: 400,
      body: { error: { code: "validation_failed", message: "Invalid body: name: required", details: { fields: { name: "required" } } } },
    });
    try {
      const error = await createClient({ baseUrl: server.baseUrl })
        .chores.create({ name: "" })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChorusApiError);
      expect(error).toMatchObject({ status: 400, code: "validation_failed", details: { fields: { name: "required" } } });
    } finally {
      await server.close();
    }
  });

  it("refuses a response that does not match the contract", async () => {
    const server = await recordingServer({ status: 200, body: { id: "not a number" } });
    try {
      await expect(createClient({ baseUrl: server.baseUrl }).users.me()).rejects.toMatchObject({ code: "unexpected_response" });
    } finally {
      await server.close();
    }
  });
});
