/**
 * The audit log never shows text from an event about a private chore (its name,
 * description and labels, notes, impersonation reasons, tablet names) to an admin who cannot see
 * that chore; the events stay, marked `redacted: "private_chore"`, with their facts.
 */
import type { AuditEvent } from "@chorus/shared";
import { makeChore } from "../test/choreFactories";
import { createHousehold, uniqueName } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const aboutChore = (events: AuditEvent[], choreId: number) =>
  events.filter((event) => event.entityType === "chore" && event.entityId === String(choreId));

it("hides a member's private chore's text from the admin, keeping who did what and when", async () => {
  const { admin, member } = await createHousehold(server);
  const secret = await makeChore(member.client, {
    name: "Surprise party for Sam",
    description: "Balloons from the attic",
    labels: ["birthday-plan"],
    isPrivate: true,
  });
  await member.client.chores.update(secret.id, { name: "Surprise party for Sam, Saturday", description: "Cake too", points: 3 });
  await member.client.chores.start(secret.id);
  await member.client.chores.do(secret.id);

  const { events } = await admin.client.circles.audit();
  const about = aboutChore(events, secret.id);
  expect(about.map((event) => event.action)).toEqual(["chore.completed", "chore.started", "chore.updated", "chore.created"]);
  for (const event of about) {
    expect(event).toMatchObject({ actorUserId: member.user.id, payload: { redacted: "private_chore" } });
  }
  const text = JSON.stringify(about);
  for (const secretText of ["Surprise", "Balloons", "Cake", "birthday"]) expect(text).not.toContain(secretText);
  // What is not the chore's text stays.
  expect(about.find((event) => event.action === "chore.updated")?.payload.changes).toEqual({ points: 3 });
});

/** Every payload field an event about a hidden chore may keep: none of them is text anyone typed. */
const FACTS = [
  "dueDate",
  "nextDueDate",
  "points",
  "timerSeconds",
  "assignedTo",
  "undoneAction",
  "historyId",
  "performedAs",
  "isPrivate",
  "impersonatedUserId",
  "impersonationSessionId",
  "changes",
  "redacted",
];

it("keeps no typed text of any event about a hidden chore: notes, impersonation reasons and tablet names too", async () => {
  const { admin, manager, member } = await createHousehold(server);
  const secret = await makeChore(member.client, {
    name: "Secret gift for Sam",
    description: "Hidden in the attic",
    labels: ["gift-plan"],
    isPrivate: true,
    assignees: [member.user.id],
    points: 4,
  });
  await member.client.chores.update(secret.id, { name: "Secret gift for Sam, wrapped", labels: ["gift-wrap"], priority: 2 });

  // A manager covering for the member, with a reason, starts and pauses the timer, does it
  // with a note, takes that back and skips it with a note.
  await manager.client.impersonation.start({ userId: member.user.id, reason: "Covering the gift while Sam visits", mode: "act" });
  manager.client.setImpersonateUserId(member.user.id);
  await manager.client.chores.start(secret.id);
  await manager.client.chores.pause(secret.id);
  await manager.client.chores.do(secret.id, { note: "Wrapped the bicycle", dueDate: null });
  await manager.client.chores.undo(secret.id);
  await manager.client.chores.skip(secret.id, { note: "Sam found the bicycle", dueDate: null });
  manager.client.clearImpersonation();

  // A child's private chore done on a shared tablet: the event names the tablet.
  const { token } = await admin.client.circles.createDevice({ name: "Tablet by the gift cupboard" });
  const child = await admin.client.circles.addChild({ username: uniqueName("kid"), displayName: "Robin", pin: "2468" });
  const childs = await makeChore(manager.client, { name: "Card for Sam", isPrivate: true, assignees: [child.userId] });
  const tablet = server.client(token);
  tablet.setTabletMember(child.userId, "2468");
  await tablet.chores.do(childs.id, { note: "Glitter card", dueDate: null });

  const { events } = await admin.client.circles.audit();
  const about = [...aboutChore(events, secret.id), ...aboutChore(events, childs.id)];
  expect(about.map((event) => event.action)).toEqual([
    "chore.skipped",
    "chore.undone",
    "chore.completed",
    "chore.paused",
    "chore.started",
    "chore.updated",
    "chore.created",
    "chore.completed",
    "chore.created",
  ]);
  for (const event of about) {
    expect(event.payload.redacted).toBe("private_chore");
    for (const key of Object.keys(event.payload)) expect(FACTS).toContain(key);
  }
  const text = JSON.stringify(about);
  for (const typed of ["Secret", "attic", "gift", "Covering", "bicycle", "cupboard", "Card", "Glitter"]) expect(text).not.toContain(typed);

  // The facts stay: who it counted for, the points taken back, the edit's other fields.
  const sessionId = (await server.db.prisma.impersonationSession.findFirstOrThrow({ where: { targetUserId: member.user.id } })).id;
  expect(about.find((event) => event.action === "chore.undone")).toMatchObject({
    actorUserId: manager.user.id,
    subjectUserId: member.user.id,
    payload: {
      undoneAction: "chore.completed",
      points: 4,
      performedAs: member.user.id,
      impersonatedUserId: member.user.id,
      impersonationSessionId: sessionId,
    },
  });
  expect(about.find((event) => event.action === "chore.updated")?.payload.changes).toEqual({ priority: 2 });
  expect(aboutChore(events, childs.id)[0]).toMatchObject({ actorUserId: child.userId, payload: { points: 0 } });

  // Only events about the chore are redacted: the tablet's own event still names it.
  const [deviceCreated] = (await admin.client.circles.audit({ action: "device.created" })).events;
  expect(deviceCreated?.payload).toMatchObject({ name: "Tablet by the gift cupboard" });
});

it("shows the text of public chores, of the admin's own private chores and of private chores the admin is assigned to", async () => {
  const { admin, member } = await createHousehold(server);
  const open = await makeChore(member.client, { name: "Take out the bins" });
  const own = await makeChore(admin.client, { name: "Admin's own secret", isPrivate: true });
  const shared = await makeChore(member.client, { name: "Shared secret", isPrivate: true, assignees: [member.user.id, admin.user.id] });

  const { events } = await admin.client.circles.audit({ action: "chore.created" });
  for (const [chore, name] of [
    [open, "Take out the bins"],
    [own, "Admin's own secret"],
    [shared, "Shared secret"],
  ] as const) {
    const [created] = aboutChore(events, chore.id);
    expect(created?.payload).toEqual({ name });
  }
});

it("hides earlier events of a chore made private later", async () => {
  const { admin, member } = await createHousehold(server);
  const chore = await makeChore(member.client, { name: "Hide the gift" });
  await member.client.chores.update(chore.id, { isPrivate: true });
  const { events } = await admin.client.circles.audit();
  const [updated, created] = aboutChore(events, chore.id);
  expect(created?.payload).toEqual({ redacted: "private_chore" });
  expect(updated?.payload).toEqual({ changes: { isPrivate: true }, redacted: "private_chore" });
});

it("hides a deleted chore's text unless its deletion recorded that it was public", async () => {
  const { admin, member } = await createHousehold(server);
  const secret = await makeChore(member.client, { name: "Private and gone", isPrivate: true });
  const open = await makeChore(member.client, { name: "Public and gone" });
  await member.client.chores.remove(secret.id);
  await member.client.chores.remove(open.id);
  // A deletion recorded before deletions said whether the chore was private.
  await server.db.prisma.auditEvent.create({
    data: {
      circleId: admin.user.circleId,
      actorUserId: member.user.id,
      action: "chore.deleted",
      entityType: "chore",
      entityId: "2000000000",
      outcome: "allowed",
      payload: { name: "Legacy" },
    },
  });

  const { events } = await admin.client.circles.audit();
  expect(aboutChore(events, secret.id).map((event) => event.payload)).toEqual([
    { isPrivate: true, redacted: "private_chore" },
    { redacted: "private_chore" },
  ]);
  expect(aboutChore(events, open.id).map((event) => event.payload)).toEqual([
    { name: "Public and gone", isPrivate: false },
    { name: "Public and gone" },
  ]);
  expect(aboutChore(events, 2_000_000_000).map((event) => event.payload)).toEqual([{ redacted: "private_chore" }]);
});
