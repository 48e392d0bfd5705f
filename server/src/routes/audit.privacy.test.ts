/**
 * The audit log never shows a private chore's text (name, description, labels) to an
 * admin who cannot see that chore; the events stay, marked `redacted: "private_chore"`.
 */
import type { AuditEvent } from "@chorus/shared";
import { makeChore } from "../test/choreFactories";
import { createHousehold } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const aboutChore = (events: AuditEvent[], choreId: number) => events.filter((event) => event.entityType === "chore" && event.entityId === String(choreId));

it("hides a member's private chore's text from the admin, keeping who did what and when", async () => {
  const { admin, member } = await createHousehold(server);
  const secret = await makeChore(member.client, { name: "Surprise party for Sam", description: "Balloons from the attic", labels: ["birthday-plan"], isPrivate: true });
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
    data: { circleId: admin.user.circleId, actorUserId: member.user.id, action: "chore.deleted", entityType: "chore", entityId: "2000000000", outcome: "allowed", payload: { name: "Legacy" } },
  });

  const { events } = await admin.client.circles.audit();
  expect(aboutChore(events, secret.id).map((event) => event.payload)).toEqual([
    { isPrivate: true, redacted: "private_chore" },
    { redacted: "private_chore" },
  ]);
  expect(aboutChore(events, open.id).map((event) => event.payload)).toEqual([{ name: "Public and gone", isPrivate: false }, { name: "Public and gone" }]);
  expect(aboutChore(events, 2_000_000_000).map((event) => event.payload)).toEqual([{ redacted: "private_chore" }]);
});
