/**
 * The SQL budget of chore writes (issue 15.2, decision 0017), counted by the server
 * (X-SQL-Statements): every statement of the request, identity and BEGIN/COMMIT included.
 * A write holds a pooled connection for its whole transaction, so each statement in it is
 * a round trip during which that connection serves nobody else.
 */
import { MAX_ID } from "@chorus/shared";
import { makeChore, pointsByUser, rawRequest } from "../test/choreFactories";
import { addMember, createHousehold, signUp, type TestCircle } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
let home: TestCircle;
beforeAll(async () => {
  server = await startTestServer();
  home = await createHousehold(server, "Europe/Berlin");
});
afterAll(() => server.close());

/**
 * Identity (1), BEGIN, the lock, the read (chore, assignees and — for least-completed
 * rotation — completions), for a completion that rotates the assignees away at the next
 * occurrence (decision 0034), one statement for every write (points ledger included), COMMIT:
 * 4 statements inside the transaction (the budget: 4).
 */
const RESOLVE_BUDGET = 7;
/** The same plus the timer rate check, before the transaction (3 inside it; budget: 3). */
const TIMER_BUDGET = 7;

const DAILY = { type: "daily" } as const;
const LONG_AGO = "2024-05-01T09:00:00+02:00";

describe("statements per chore write", () => {
  it.each([
    ["round_robin", 5],
    ["least_completed", 3],
    ["random", 0],
    ["keep", 1],
  ] as const)("do (%s, %i points) stays within the budget, and credits the points", async (assignmentStrategy, points) => {
    const chore = await makeChore(home.admin.client, {
      frequency: DAILY,
      nextDueDate: LONG_AGO,
      assignees: [home.member.user.id, home.manager.user.id],
      assignmentStrategy,
      points,
    });
    const before = (await pointsByUser(home.admin.client)).get(home.member.user.id)!;
    const done = await rawRequest(server, home.member, "POST", `/chores/${chore.id}/do`, {});
    expect(done.status).toBe(200);
    expect(done.sqlStatements).toBeLessThanOrEqual(RESOLVE_BUDGET);
    expect((await pointsByUser(home.admin.client)).get(home.member.user.id)).toBe(before + points);
    // The ledger row is part of the same statement (decision 0025).
    const earned = await server.db.prisma.pointsEntry.findMany({ where: { choreId: chore.id } });
    expect(earned.map((row) => [row.kind, row.amount, row.balance])).toEqual(points > 0 ? [["earned", points, before + points]] : []);
  });

  it("skip stays within the budget", async () => {
    const chore = await makeChore(home.admin.client, {
      frequency: DAILY,
      nextDueDate: LONG_AGO,
      assignees: [home.member.user.id],
      points: 2,
    });
    const skipped = await rawRequest(server, home.member, "POST", `/chores/${chore.id}/skip`, {});
    expect(skipped.status).toBe(200);
    expect(skipped.sqlStatements).toBeLessThanOrEqual(RESOLVE_BUDGET);
  });

  it("impersonated do costs the same statements as a plain one", async () => {
    const plainChore = await makeChore(home.admin.client, {
      frequency: DAILY,
      nextDueDate: LONG_AGO,
      assignees: [home.member.user.id],
      points: 1,
    });
    const actingChore = await makeChore(home.admin.client, {
      frequency: DAILY,
      nextDueDate: LONG_AGO,
      assignees: [home.member.user.id],
      points: 1,
    });
    const plain = await rawRequest(server, home.member, "POST", `/chores/${plainChore.id}/do`, {});
    // The first impersonated request opens the impersonation session; measure the next one.
    const asMember = {
      "X-Impersonate-User-ID": String(home.member.user.id),
      Authorization: `Bearer ${home.admin.token}`,
      "Content-Type": "application/json",
    };
    await server.fetch("/users/me", { headers: asMember });
    const acting = await server.fetch(`/chores/${actingChore.id}/do`, { method: "POST", headers: asMember, body: "{}" });
    expect(acting.status).toBe(200);
    expect(Number(acting.headers.get("x-sql-statements"))).toBe(plain.sqlStatements);
  });

  it.each(["start", "pause"] as const)("%s stays within the budget", async (action) => {
    const chore = await makeChore(home.admin.client, { frequency: DAILY, nextDueDate: LONG_AGO, assignees: [home.member.user.id] });
    if (action === "pause") await home.member.client.chores.start(chore.id);
    const timer = await rawRequest(server, home.member, "PUT", `/chores/${chore.id}/${action}`);
    expect(timer.status).toBe(200);
    expect(timer.sqlStatements).toBeLessThanOrEqual(TIMER_BUDGET);
  });

  it("writes nothing — chore, history, audit, points — when the points would overflow the member's total", async () => {
    const owner = await signUp(server);
    const helper = await addMember(server, owner);
    const chore = await makeChore(owner.client, { frequency: DAILY, nextDueDate: LONG_AGO, assignees: [helper.user.id], points: 4 });
    await server.db.prisma.membership.updateMany({ where: { userId: helper.user.id }, data: { points: MAX_ID - 3 } });
    const refused = await rawRequest(server, helper, "POST", `/chores/${chore.id}/do`, {});
    expect(refused).toMatchObject({ status: 409, error: { code: "invalid_state" } });
    expect(await owner.client.chores.get(chore.id)).toEqual(chore);
    expect((await owner.client.chores.history(chore.id)).history).toEqual([]);
    expect((await pointsByUser(owner.client)).get(helper.user.id)).toBe(MAX_ID - 3);
    const audit = await server.db.prisma.auditEvent.findMany({
      where: { entityType: "chore", entityId: String(chore.id), action: "chore.completed" },
    });
    expect(audit).toEqual([]);
  });
});
