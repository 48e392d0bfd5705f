/**
 * Membership changes racing each other (parallel requests, repeated). Whatever order the
 * database runs them in, no circle may end with members and no admin, nobody is active in
 * two circles, and no request fails with a 5xx. On PostgreSQL the requests really run
 * concurrently; on PGlite (one connection) they interleave between transactions.
 */
import type { ChorusClient } from "@chorus/shared";
import { makeChore } from "../test/choreFactories";
import { signUp, type TestUser } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const ROUNDS = 6;

/** Circles with active members but no active admin; users active in more than one circle. */
async function brokenInvariants() {
  const adminless = await server.db.prisma.$queryRaw<{ id: number }[]>`
    SELECT c."id" FROM "Circle" c
    WHERE EXISTS (SELECT 1 FROM "Membership" m WHERE m."circleId" = c."id" AND m."status" = 'active')
      AND NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."circleId" = c."id" AND m."status" = 'active' AND m."role" = 'admin')`;
  const twice = await server.db.prisma.$queryRaw<{ userId: number }[]>`
    SELECT "userId" FROM "Membership" WHERE "status" = 'active' GROUP BY "userId" HAVING count(*) > 1`;
  return { adminless: adminless.map((row) => row.id), activeTwice: twice.map((row) => row.userId) };
}

/** Runs the calls at once and returns each one's HTTP status (200 for success). */
async function statuses(calls: Promise<unknown>[]): Promise<number[]> {
  const settled = await Promise.allSettled(calls);
  return settled.map((result) => (result.status === "fulfilled" ? 200 : ((result.reason as { status?: number }).status ?? 0)));
}

async function inviteCode(client: ChorusClient): Promise<string> {
  return (await client.circles.current()).inviteCode!;
}

async function pendingIn(owner: TestUser, joiner: TestUser) {
  await joiner.client.circles.join({ inviteCode: await inviteCode(owner.client) });
}

it("a sole admin moving away while accepting a member into her own circle never leaves it adminless", async () => {
  for (let round = 0; round < ROUNDS; round += 1) {
    const alice = await signUp(server);
    const newcomer = await signUp(server);
    const bob = await signUp(server);
    await pendingIn(alice, newcomer);
    await pendingIn(bob, alice);
    // Her chores are handed on as she leaves: a longer move, a wider window for the race.
    await Promise.all(Array.from({ length: 30 }, () => makeChore(alice.client)));

    const results = await statuses([bob.client.circles.accept(alice.user.id), alice.client.circles.accept(newcomer.user.id)]);
    expect(results.every((status) => status < 500)).toBe(true);
    expect(await brokenInvariants()).toEqual({ adminless: [], activeTwice: [] });
  }
}, 120_000);

it("two admins demoting each other, or removing each other, keep one admin", async () => {
  for (let round = 0; round < ROUNDS; round += 1) {
    const first = await signUp(server);
    const second = await signUp(server);
    await pendingIn(first, second);
    await first.client.circles.accept(second.user.id);
    await first.client.circles.setRole(second.user.id, { role: "admin" });

    const demotions = await statuses([
      first.client.circles.setRole(second.user.id, { role: "member" }),
      second.client.circles.setRole(first.user.id, { role: "member" }),
    ]);
    // One wins; the other finds itself no longer an admin (403) or the target the last one (409).
    expect(demotions.filter((status) => status === 200)).toHaveLength(1);
    expect(demotions.every((status) => [200, 403, 409].includes(status))).toBe(true);
    expect(await brokenInvariants()).toEqual({ adminless: [], activeTwice: [] });

    const demoted = demotions[0] === 200 ? second : first;
    const admin = demoted === second ? first : second;
    await admin.client.circles.setRole(demoted.user.id, { role: "admin" });
    const removals = await statuses([
      admin.client.circles.removeMember(demoted.user.id),
      demoted.client.circles.removeMember(admin.user.id),
    ]);
    expect(removals.every((status) => status < 500)).toBe(true);
    expect(removals.filter((status) => status === 200)).toHaveLength(1);
    expect(await brokenInvariants()).toEqual({ adminless: [], activeTwice: [] });
  }
}, 120_000);

it("a demoted admin's request that waited for the lock is judged by the role she has now", async () => {
  for (let round = 0; round < ROUNDS; round += 1) {
    const first = await signUp(server);
    const second = await signUp(server);
    const third = await signUp(server);
    await pendingIn(first, second);
    await first.client.circles.accept(second.user.id);
    await first.client.circles.setRole(second.user.id, { role: "admin" });
    await pendingIn(first, third);
    await first.client.circles.accept(third.user.id);

    // `second` is demoted while promoting `third`: either order is fine, but a promotion
    // that lands after the demotion is refused.
    const [demotion, promotion] = await statuses([
      first.client.circles.setRole(second.user.id, { role: "member" }),
      second.client.circles.setRole(third.user.id, { role: "admin" }),
    ]);
    expect(demotion).toBe(200);
    expect([200, 403]).toContain(promotion);
    const { members } = await first.client.circles.members();
    const thirdRole = members.find((member) => member.userId === third.user.id)?.role;
    expect(thirdRole).toBe(promotion === 200 ? "admin" : "member");
    if (promotion === 200) {
      // It ran while `second` was still an admin: before the demotion, in the log's order too.
      const changes = await server.db.prisma.auditEvent.findMany({
        where: { circleId: first.user.circleId!, action: "member.role_changed" },
        orderBy: { id: "desc" },
        take: 2,
      });
      expect(changes.map((event) => event.entityId)).toEqual([String(second.user.id), String(third.user.id)]);
    }
    expect(await brokenInvariants()).toEqual({ adminless: [], activeTwice: [] });
  }
}, 120_000);

it("joining a circle that is being emptied is a clean 404 or a pending request, never a 5xx", async () => {
  for (let round = 0; round < ROUNDS; round += 1) {
    const leaver = await signUp(server);
    const joiner = await signUp(server);
    const host = await signUp(server);
    await pendingIn(host, leaver);
    const code = await inviteCode(leaver.client);

    const [accept, join] = await statuses([host.client.circles.accept(leaver.user.id), joiner.client.circles.join({ inviteCode: code })]);
    expect(accept).toBe(200);
    expect([200, 404]).toContain(join);
    const stillThere = await server.db.prisma.circle.findUnique({ where: { id: leaver.user.circleId! } });
    expect(stillThere).toBeNull();
    expect(await brokenInvariants()).toEqual({ adminless: [], activeTwice: [] });
  }
}, 120_000);

it("accepting a member who is being accepted elsewhere at the same time moves them once", async () => {
  for (let round = 0; round < ROUNDS; round += 1) {
    const mover = await signUp(server);
    const first = await signUp(server);
    const second = await signUp(server);
    await pendingIn(first, mover);
    await pendingIn(second, mover);

    const results = await statuses([first.client.circles.accept(mover.user.id), second.client.circles.accept(mover.user.id)]);
    expect(results.filter((status) => status === 200)).toHaveLength(1);
    expect(results.every((status) => status < 500)).toBe(true);
    expect(await brokenInvariants()).toEqual({ adminless: [], activeTwice: [] });
  }
}, 120_000);
