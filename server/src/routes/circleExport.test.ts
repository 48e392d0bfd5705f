/**
 * A circle's export and import (decision 0042): exported from one instance, imported into
 * another (each its own database), exported again, equal modulo ids; bad files refused with
 * a 400 naming the field; admins only, never while acting as someone, imports never by API token.
 */
import type { CircleExport } from "@chorus/shared";
import { addMember, expectApiError, signUp, type TestUser } from "../test/factories";
import { expectInvalidField, makeChore } from "../test/choreFactories";
import { startTestServer, type TestServer } from "../test/harness";

let first: TestServer;
let second: TestServer;
let household: Awaited<ReturnType<typeof busyHousehold>>;
beforeAll(async () => {
  [first, second] = await Promise.all([startTestServer(), startTestServer()]);
  household = await busyHousehold();
});
afterAll(() => Promise.all([first.close(), second.close()]));

/** The file with every ref replaced by the row's position in its list: what must survive an import. */
function renumbered(file: CircleExport) {
  const positions = (rows: readonly { ref: number }[]) => new Map(rows.map((row, index) => [row.ref, index + 1]));
  const [people, chores, history, penalties, rewards, requests] = [
    file.people,
    file.chores,
    file.history,
    file.penalties,
    file.rewards,
    file.rewardRequests,
  ].map<Map<number, number>>(positions);
  const items = positions(file.chores.flatMap((chore) => chore.checklist));
  const at = (map: Map<number, number>, ref: number | null) => (ref === null ? null : map.get(ref));
  const person = (ref: number | null) => at(people!, ref);
  return {
    circle: file.circle,
    people: file.people.map(({ ref, ...rest }) => ({ ...rest, ref: person(ref) })),
    chores: file.chores.map((c) => ({
      ...c,
      ref: at(chores!, c.ref),
      assignedTo: person(c.assignedTo),
      assignees: c.assignees.map(person),
      createdBy: person(c.createdBy),
      updatedBy: person(c.updatedBy),
      performedAs: person(c.performedAs),
      checklist: c.checklist.map((item) => ({ ...item, ref: at(items, item.ref) })),
    })),
    history: file.history.map((h) => ({
      ...h,
      ref: at(history!, h.ref),
      chore: at(chores!, h.chore),
      updatedBy: person(h.updatedBy),
      performedAs: person(h.performedAs),
    })),
    checklistTicks: file.checklistTicks.map((t) => ({
      ...t,
      item: at(items, t.item),
      tickedBy: person(t.tickedBy),
      performedAs: person(t.performedAs),
    })),
    penalties: file.penalties.map((p) => ({ ...p, ref: at(penalties!, p.ref), chore: at(chores!, p.chore), user: person(p.user) })),
    pointsLedger: file.pointsLedger.map((e) => ({
      ...e,
      user: person(e.user),
      actor: person(e.actor),
      chore: at(chores!, e.chore),
      history: at(history!, e.history),
      rewardRequest: at(requests!, e.rewardRequest),
      penalty: at(penalties!, e.penalty),
    })),
    rewards: file.rewards.map((r) => ({
      ...r,
      ref: at(rewards!, r.ref),
      availableTo: r.availableTo.map(person),
      createdBy: person(r.createdBy),
    })),
    rewardRequests: file.rewardRequests.map((r) => ({
      ...r,
      ref: at(requests!, r.ref),
      reward: at(rewards!, r.reward),
      user: person(r.user),
      actor: person(r.actor),
      decidedBy: person(r.decidedBy),
    })),
    audit: file.audit.map((a) => ({ ...a, actor: person(a.actor), subject: person(a.subject) })),
  };
}

const exportOf = async (admin: TestUser) => JSON.parse(await admin.client.circles.exportData()) as CircleExport;

/** A household with a little of everything: rotation, a checklist, a completion, a skip, an adjustment, a reward request. */
async function busyHousehold() {
  const admin = await signUp(first, { timezone: "Europe/Berlin" });
  const manager = await addMember(first, admin, "manager");
  const member = await addMember(first, admin, "member");
  await admin.client.circles.update({ name: "The Lindqvists" });
  const dishes = await makeChore(admin.client, {
    assignees: [member.user.id, manager.user.id],
    assignmentStrategy: "round_robin",
    points: 5,
    labels: ["kitchen"],
    checklist: [{ text: "Plates" }, { text: "Pans" }],
    frequency: { type: "daily" },
  });
  const bins = await makeChore(admin.client, { assignees: [member.user.id], points: 2, frequency: { type: "weekly", weekdays: [1] } });
  await member.client.chores.tick(dishes.id, dishes.checklist[0]!.id, { ticked: true });
  await member.client.chores.do(dishes.id, { note: "all shiny" });
  await member.client.chores.skip(bins.id, {});
  await admin.client.circles.adjustPoints(member.user.id, { amount: 10, reason: "Birthday" });
  const reward = await admin.client.rewards.create({ name: "Cinema", cost: 3, availableTo: [member.user.id] });
  await member.client.rewards.request(reward.id);
  return { admin, manager, member };
}

it("round-trips: exported from one instance, imported into an empty circle on another, exported again equal modulo ids", async () => {
  const { admin, member } = household;
  const exported = await exportOf(admin);
  expect(exported).toMatchObject({ format: "chorus-circle-export", version: 1, circle: { name: "The Lindqvists" } });
  expect(exported.history.length).toBeGreaterThanOrEqual(2);
  expect(exported.checklistTicks).toHaveLength(1);
  expect(exported.pointsLedger.map((entry) => entry.kind)).toEqual(expect.arrayContaining(["earned", "adjusted", "redeemed"]));

  // On the other instance the admin has an account with the same email: they are matched, everyone else is new.
  const importer = await signUp(second, {
    username: admin.user.username,
    email: admin.user.email,
    displayName: admin.user.displayName,
    timezone: admin.user.timezone,
  });
  const result = await importer.client.circles.importData(exported);
  expect(result.people.find((person) => person.isYou)).toMatchObject({ userId: importer.user.id });
  expect(result.people.filter((person) => !person.isYou)).toHaveLength(exported.people.length - 1);
  expect(result.counts).toMatchObject({ chores: 2, history: exported.history.length, audit: exported.audit.length });

  const again = await exportOf(importer);
  // The second instance's own events (the importer's sign-up, the import, this export) come after the first export.
  const before = (file: CircleExport) => ({ ...file, audit: file.audit.filter((event) => event.createdAt <= exported.exportedAt) });
  expect(renumbered(before(again))).toEqual(renumbered(before(exported)));
  expect(again.audit.map((event) => event.action)).toContain("circle.imported");

  // The imported circle works: its members, points and chores are there, with new ids.
  const imported = result.people.find((person) => person.username === member.user.username)!;
  const { members } = await importer.client.circles.members();
  expect(members.find((m) => m.userId === imported.userId)?.points).toBe(
    exported.people.find((p) => p.ref === member.user.id)!.membership!.points,
  );
  expect((await importer.client.chores.list({})).chores.map((chore) => chore.name).sort()).toEqual(
    exported.chores.map((c) => c.name).sort(),
  );
});

it("exports CSV per kind, with names beside ids and formulas defused", async () => {
  const { admin } = household;
  const history = await admin.client.circles.exportCsv({ kind: "history" });
  const lines = history
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  expect(lines[0]).toBe("historyId,choreId,chore,action,doneBy,doneFor,points,dueDate,note,at");
  expect(lines.some((line) => line.includes("completed") && line.includes("all shiny"))).toBe(true);
  const members = await admin.client.circles.exportCsv({ kind: "members" });
  expect(members.trimEnd().split("\r\n")).toHaveLength(4);
  await expectInvalidField(admin.client.circles.exportCsv({ kind: "photos" as "members" }), "kind");
});

it("refuses a foreign, too new or inconsistent file with a 400 naming the field, and a circle that is not empty with 409", async () => {
  const { admin } = household;
  const exported = await exportOf(admin);
  const importer = await signUp(second);
  await expectInvalidField(
    importer.client.circles.importData({ ...exported, format: "something-else" as "chorus-circle-export" }),
    "format",
  );
  await expectInvalidField(importer.client.circles.importData({ ...exported, version: 2 }), "version");
  const dangling = { ...exported, history: exported.history.map((row, i) => (i === 0 ? { ...row, chore: 999_999 } : row)) };
  await expectInvalidField(importer.client.circles.importData(dangling), "history.0.chore");
  // Nothing was written by the refused imports: the circle is still empty and takes the file.
  await importer.client.circles.importData(exported);
  await expectApiError(importer.client.circles.importData(exported), 409, "conflict");
});

it("is for admins only: not members or managers, not while acting as someone; exports by API token, imports never", async () => {
  const { admin, manager, member } = household;
  for (const someone of [manager, member]) {
    await expectApiError(someone.client.circles.exportData(), 403, "forbidden");
    await expectApiError(someone.client.circles.exportCsv({ kind: "audit" }), 403, "forbidden");
  }
  const acting = first.client(admin.token);
  acting.setImpersonateUserId(member.user.id);
  await expectApiError(acting.circles.exportData(), 403, "impersonation_not_supported");
  const { token } = await admin.client.users.createToken({ name: "nightly export" });
  const byToken = first.client(token);
  const exported = JSON.parse(await byToken.circles.exportData()) as CircleExport;
  expect(exported.people.length).toBeGreaterThanOrEqual(3);
  const newcomer = await signUp(first);
  const { token: newcomerToken } = await newcomer.client.users.createToken({ name: "script" });
  await expect(first.client(newcomerToken).circles.importData(exported)).rejects.toMatchObject({ status: 403 });
  await expectApiError(member.client.circles.importData(exported), 403, "forbidden");
  // Every export is in the audit log.
  const { events } = await admin.client.circles.audit({ action: "circle.exported" });
  expect(events.length).toBeGreaterThanOrEqual(1);
});
