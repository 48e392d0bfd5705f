import { Writable } from "node:stream";
import { createLogger } from "./logger";
import { signUp } from "./test/factories";
import { startTestServer } from "./test/harness";
import { openRawRequest } from "./test/rawHttp";

function sink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe("the logger", () => {
  it("writes one readable line per entry for a person at a terminal", () => {
    const { lines, stream } = sink();
    const logger = createLogger("info", { pretty: true, destination: stream });
    logger.info(
      { req: { id: "r-1", method: "GET", path: "/api/v1/chores" }, res: { statusCode: 200 }, responseTime: 3 },
      "GET /api/v1/chores 200 3ms",
    );
    logger.debug("not at info");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO.*: GET \/api\/v1\/chores 200 3ms/);
    expect(lines[0]).toContain('"id":"r-1"');
    expect(lines[0]).not.toContain("pid");
    expect(() => JSON.parse(lines[0]!)).toThrow(SyntaxError);
  });

  it("writes JSON for collectors otherwise", () => {
    const { lines, stream } = sink();
    createLogger("info", { destination: stream }).info({ requestId: "r-2" }, "hello");
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, msg: "hello", requestId: "r-2", service: "chorus" });
  });
});

describe("request lines", () => {
  it("at info: failures and slow requests, one line each; everything else at debug", async () => {
    const { lines, stream } = sink();
    const server = await startTestServer({ slowRequestMs: 2_000 }, createLogger("info", { destination: stream }));
    try {
      const person = await signUp(server);
      await person.client.users.me();
      await server.fetch("/nothing-here");
      await server.fetch("/chores", { headers: { Authorization: "Bearer not-a-real-token" } });
      expect(lines).toEqual([]);

      // A request whose body takes 2.5 s to arrive is slow, whatever its answer.
      const body = JSON.stringify({ login: person.user.username, password: "wrong password" });
      const slow = openRawRequest(
        server.baseUrl,
        Buffer.from(
          "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" +
            `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      slow.send(Buffer.from(body));
      expect((await slow.response).status).toBe(401);
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, msg: expect.stringMatching(/^POST \/api\/v1\/auth\/login 401 \d+ms$/) });

      // A table the request needs is gone: the request fails, and is one error line.
      lines.length = 0;
      await server.db.prisma.$executeRawUnsafe('ALTER TABLE "Session" RENAME TO "SessionGone"');
      expect((await server.fetch("/users/me", { headers: { Authorization: `Bearer ${person.token}` } })).status).toBe(500);
      const failures = lines.map((line) => JSON.parse(line) as { level: number; msg: string; req?: unknown });
      const requestLine = failures.find((entry) => entry.req);
      expect(requestLine).toMatchObject({
        level: 50,
        msg: "GET /api/v1/users/me 500 failed",
        req: { method: "GET", path: "/api/v1/users/me" },
      });
      expect(failures.filter((entry) => entry.req)).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
