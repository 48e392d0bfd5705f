/**
 * A burst of writes larger than the database can start in time: each write either commits
 * or is refused whole as 503 `server_busy` with Retry-After — never a 500, never half
 * written. The wait is cut to 1 ms here so a small burst overflows the pool. PostgreSQL
 * only: PGlite's adapter queues transactions itself and starts each at once when its turn comes.
 */
import { signUp, type TestUser } from "../test/factories";
import { openTestDatabase, serveTestApp, type TestServer } from "../test/harness";

/** Even the sign-up may be refused at 1 ms on a busy machine: retried, as a client told Retry-After would. */
async function signUpWhenServed(): Promise<TestUser> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await signUp(server);
    } catch (error) {
      if (attempt >= 100 || (error as { code?: string }).code !== "server_busy") throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

const describeOnPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

let server: TestServer;
beforeAll(async () => {
  server = await serveTestApp(await openTestDatabase({ transactionMaxWaitMs: 1 }));
});
afterAll(() => server.close());

describeOnPostgres("a burst of writes", () => {
  it("refuses what it cannot start in time as 503 server_busy with Retry-After, and keeps the rest", async () => {
    const user = await signUpWhenServed();
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        server.fetch("/chores", {
          method: "POST",
          headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
          body: JSON.stringify({ name: `Burst ${index}` }),
        }),
      ),
    );
    const refused = responses.filter((response) => response.status === 503);
    const created = responses.filter((response) => response.status === 201);
    expect(refused.length + created.length).toBe(40);
    expect(refused.length).toBeGreaterThan(0);
    for (const response of refused) {
      expect(response.headers.get("retry-after")).toBe("2");
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("server_busy");
    }
    const { chores } = await user.client.chores.list();
    expect(chores.filter((chore) => chore.name.startsWith("Burst "))).toHaveLength(created.length);
  });
});
