/**
 * Property test: whatever JSON a signed-in admin sends to any route — valid bodies with
 * fields swapped for random values — the answer is never a 5xx, and always the error
 * shape when it is not a success. Deterministic; FUZZ_SEED=<n> explores other inputs.
 */
import { apiRoutes, routeKey } from "../test/routeTable";
import { createHousehold } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

let seed = Number(process.env.FUZZ_SEED ?? 20261121);
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const strange: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 31,
  2 ** 53 + 1,
  -0,
  1e308,
  "",
  " ",
  "x".repeat(5000),
  "\u0000",
  "\ud800",
  "😀",
  "2026-02-30T10:00:00Z",
  "2026-11-21T10:00:00+14:00",
  "1969-12-31T23:59:59Z",
  "Europe/Berlin",
  "me",
  "admin",
  [],
  [1, 1],
  [null],
  {},
  { type: "weekly", weekdays: [7, 1] },
  { type: "monthly", dayOfMonth: 31 },
  { type: "interval", every: 366, unit: "months" },
  JSON.parse("[".repeat(500) + "]".repeat(500)),
  JSON.parse('{"a":'.repeat(500) + "{}" + "}".repeat(500)),
  { __proto__: { admin: true } },
  { constructor: { prototype: {} } },
];

function mutate(template: Record<string, unknown>): unknown {
  const roll = random();
  if (roll < 0.1) return pick(strange);
  const body: Record<string, unknown> = { ...template };
  const keys = Object.keys(body);
  for (let i = 0; i < 1 + Math.floor(random() * 3); i += 1) {
    const key = keys.length > 0 && random() < 0.8 ? pick(keys) : pick(["extra", "__proto__", "id", "circleId"]);
    body[key] = pick(strange);
  }
  return body;
}

it("never answers 5xx to random bodies on any route", async () => {
  const { admin, member } = await createHousehold(server, "America/New_York");
  const chore = await admin.client.chores.create({
    name: "Fuzzed",
    frequency: { type: "daily" },
    assignees: [member.user.id],
    nextDueDate: "2026-11-22T09:00:00Z",
  });
  const { id: tokenId } = await admin.client.users.createToken({ name: "fuzz" });
  const templates: Record<string, Record<string, unknown>> = {
    "POST /auth/signup": {
      username: "fuzz_user",
      email: "fuzz@example.test",
      password: "long enough password",
      timezone: "UTC",
      phone: "+14155550199",
    },
    "POST /auth/login": { login: admin.user.username, password: admin.password },
    "POST /users/me/tokens": { name: "t" },
    "POST /circles": { name: "c" },
    "PATCH /circles/current": { name: "n", timezone: "Asia/Tokyo", impersonationEnabled: true },
    "POST /circles/join": { inviteCode: "ABCDEFGHJKLM" },
    "PUT /circles/current/members/:userId/role": { role: "manager" },
    "PUT /circles/current/members/:userId/impersonator": { impersonator: true },
    "POST /chores": {
      name: "n",
      frequency: { type: "weekly", weekdays: [1] },
      scheduleMode: "rolling",
      nextDueDate: "2026-12-01T08:00:00Z",
      assignees: [member.user.id],
      assignedTo: member.user.id,
      assignmentStrategy: "round_robin",
      points: 3,
      priority: 2,
      labels: ["l"],
      isPrivate: false,
    },
    "PUT /chores/:id": { name: "n", frequency: { type: "monthly", dayOfMonth: 31 }, archived: false, nextDueDate: "2026-12-01T08:00:00Z" },
    "POST /chores/:id/do": { note: "n", completedAt: "2026-11-20T08:00:00Z", dueDate: chore.nextDueDate },
    "POST /chores/:id/skip": { note: "n", dueDate: null },
    // Port 9 (discard) on loopback: nothing listens, so a fuzzed "Send test" fails fast.
    "PUT /users/me/reminders": {
      push: { enabled: true },
      webhook: { url: "http://127.0.0.1:9/hook" },
      ntfy: { serverUrl: "http://127.0.0.1:9", topic: "fuzz" },
      gotify: { serverUrl: "http://127.0.0.1:9", token: "fuzz" },
      discord: { url: "http://127.0.0.1:9/discord" },
      slack: { url: "http://127.0.0.1:9/slack" },
      telegram: { chatId: "42", botToken: "123:ABCDEFGHIJKLMNOPQRSTUVWXYZ" },
      when: { due: true, overdue: false },
      events: { approvalNeeded: true, rewardRequested: false },
      quietHours: { start: "22:00", end: "07:00" },
    },
    "POST /users/me/push-subscriptions": {
      endpoint: "http://127.0.0.1:9/push",
      keys: {
        p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
        auth: "tBHItJI5svbpez7KI4CCXg",
      },
    },
  };
  const routes = apiRoutes(server.deps).filter(
    // GET /events takes no input and never ends: nothing to fuzz (events.test.ts covers it).
    (route) => route.method !== "DELETE" && routeKey(route) !== "POST /auth/logout" && routeKey(route) !== "GET /events",
  );
  const failures: string[] = [];
  for (const route of routes) {
    const key = routeKey(route);
    const path = route.path
      .replace(":userId", String(member.user.id))
      .replace(":id", key.includes("tokens") ? String(tokenId) : String(chore.id));
    // A GET sends no body, so one request says all there is; the others get 25 random bodies.
    for (let i = 0; i < (route.method === "GET" ? 1 : 25); i += 1) {
      const body = mutate(templates[key] ?? {});
      const response = await server.fetch(path, {
        method: route.method,
        headers: { Authorization: `Bearer ${admin.token}`, "Content-Type": "application/json" },
        ...(route.method === "GET" ? {} : { body: JSON.stringify(body) }),
      });
      if (response.status >= 500) failures.push(`${key} ${JSON.stringify(body).slice(0, 200)} → ${response.status}`);
      if (response.status >= 400) {
        const error = ((await response.json()) as { error?: { code?: unknown; message?: unknown } }).error;
        if (typeof error?.code !== "string" || typeof error.message !== "string")
          failures.push(`${key} → ${response.status} without the error shape`);
      } else {
        await response.arrayBuffer();
      }
    }
  }
  expect(failures).toEqual([]);
  // 25 requests for each route that takes a body: about 2,000 in all, 30 s on a quiet machine, far more at load.
}, 360_000);
