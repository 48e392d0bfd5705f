import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createClient } from "@chorus/shared";
import { buildServer } from "./test/builtServer";
import { startTestServer, type TestServer } from "./test/harness";
import { seedBaseUrl, seedDemoHousehold } from "./seed";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it("creates a working demo household through the API, and refuses to run twice", async () => {
  await seedDemoHousehold(server.baseUrl);
  const { token } = await createClient({ baseUrl: server.baseUrl }).auth.login({ login: "alex", password: "chorus-demo" });
  const alex = createClient({ baseUrl: server.baseUrl, token });
  const { members } = await alex.circles.members();
  expect(members.map((m) => [m.username, m.role]).sort(([a], [b]) => a!.localeCompare(b!))).toEqual([
    ["alex", "member"],
    ["jamie", "member"],
    ["morgan", "manager"],
    ["sam", "admin"],
  ]);
  const { chores } = await alex.chores.list();
  expect(chores.map((c) => c.name)).not.toContain("Pay the bills"); // Sam's private chore
  expect(chores.length).toBe(5);
  await expect(seedDemoHousehold(server.baseUrl)).rejects.toMatchObject({ code: "conflict" });
});

describe("where the seed looks for the server", () => {
  it("npm run seed finds a server started on another PORT", async () => {
    const other = await startTestServer();
    const built = buildServer();
    try {
      const { port } = new URL(other.baseUrl);
      const { CHORUS_URL: _url, HOST: _host, ...env } = process.env;
      const { stdout } = await promisify(execFile)(process.execPath, [built.mainJs.replace(/main\.js$/, "seed.js")], {
        env: { ...env, PORT: port },
      });
      expect(stdout).toContain(`Demo household created at http://127.0.0.1:${port}`);
      await expect(other.client().auth.login({ login: "sam", password: "chorus-demo" })).resolves.toMatchObject({
        user: { username: "sam" },
      });
    } finally {
      built.remove();
      await other.close();
    }
  });

  it("follows a specific HOST too; CHORUS_URL wins", () => {
    expect(seedBaseUrl({})).toBe("http://127.0.0.1:3000");
    expect(seedBaseUrl({ PORT: "4123", HOST: "0.0.0.0" })).toBe("http://127.0.0.1:4123");
    expect(seedBaseUrl({ PORT: "4123", HOST: "192.168.1.20" })).toBe("http://192.168.1.20:4123");
    expect(seedBaseUrl({ PORT: "4123", HOST: "::1" })).toBe("http://[::1]:4123");
    expect(seedBaseUrl({ PORT: "4123", CHORUS_URL: "http://chorus.lan" })).toBe("http://chorus.lan");
  });
});
