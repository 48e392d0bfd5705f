import { createClient } from "@chorus/shared";
import { startTestServer, type TestServer } from "./test/harness";
import { seedDemoHousehold } from "./seed";

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
  expect(members.map((m) => [m.username, m.role]).sort()).toEqual([
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
