/**
 * The scheduler against local receivers: each reminder goes out once per occurrence,
 * kind and channel — across ticks, restarts and two processes ticking at once.
 */
import type { UpdateReminderSettingsRequest } from "@chorus/shared";
import { Client } from "pg";
import pino from "pino";
import { openDatabase, type Database } from "../db/database";
import { makeChore } from "../test/choreFactories";
import { addMember, createHousehold, signUp, type TestUser } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";
import { newPushSubscriber, verifyVapidAuthorization } from "../test/pushSubscriber";
import { startReceiver, type ReceivedRequest, type Receiver } from "../test/receiver";
import { webhookSignature } from "./channels";
import {
  createReminderScheduler,
  DELIVERY_RETENTION_DAYS,
  inQuietHours,
  MAX_ATTEMPTS,
  SCHEDULER_LOCK_KEY,
  type ReminderScheduler,
} from "./scheduler";

let server: TestServer;
let receiver: Receiver;
beforeAll(async () => {
  [server, receiver] = await Promise.all([startTestServer(), startReceiver()]);
});
afterAll(() => Promise.all([server.close(), receiver.close()]));
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.respond = () => 200;
});

const silent = pino({ level: "silent" });
const schedulerOn = (db: Database): ReminderScheduler => createReminderScheduler({ db, config: server.config, logger: silent });

const DUE = "2026-12-01T18:00:00.000Z";
const at = (iso: string) => new Date(iso);
const minutesAfterDue = (minutes: number) => new Date(Date.parse(DUE) + minutes * 60_000);

/** Every channel on, each to its own path on the receiver; answers the webhook secret. */
async function remindEverywhere(user: TestUser, overrides: Partial<UpdateReminderSettingsRequest> = {}) {
  const tag = user.user.username;
  await user.client.reminders.subscribePush(newPushSubscriber(`${receiver.url}/push/${tag}`).subscription);
  const { webhookSecret } = await user.client.reminders.updateSettings({
    push: { enabled: true },
    webhook: { url: `${receiver.url}/hook/${tag}` },
    ntfy: { serverUrl: receiver.url, topic: `ntfy-${tag}` },
    when: { due: true, overdue: true },
    quietHours: null,
    ...overrides,
  });
  return webhookSecret!;
}

/** Requests for `user`'s channels (factory usernames have no characters ntfy topics refuse). */
const to = (user: TestUser) => (request: ReceivedRequest) =>
  [`/hook/${user.user.username}`, `/ntfy-${user.user.username}`, `/push/${user.user.username}`].includes(request.path);
const webhookEvents = (user: TestUser) =>
  receiver.requests
    .filter((request) => request.path === `/hook/${user.user.username}`)
    .map((request) => JSON.parse(request.body.toString("utf8")) as { event: string; chore: { id: number; name: string; dueDate: string } });

describe("the reminder scheduler", () => {
  it("sends one due reminder per channel to the assignee, signed and encrypted, and never again", async () => {
    const user = await signUp(server, { timezone: "Europe/Berlin" });
    const browser = newPushSubscriber(`${receiver.url}/push/browser-${user.user.username}`);
    await user.client.reminders.subscribePush(browser.subscription);
    const secret = await remindEverywhere(user);
    const chore = await makeChore(user.client, { name: "Water the plants", nextDueDate: DUE });

    expect(await schedulerOn(server.db).runOnce(at("2026-12-01T17:59:00Z"))).toEqual({ ran: true, sent: 0, retrying: 0, failed: 0 });
    expect(receiver.requests).toEqual([]);

    const now = minutesAfterDue(1);
    expect(await schedulerOn(server.db).runOnce(now)).toEqual({ ran: true, sent: 3, retrying: 0, failed: 0 });
    expect(receiver.requests).toHaveLength(4); // two browsers, the webhook, ntfy

    const webhook = receiver.requests.find(({ path }) => path.startsWith("/hook/"))!;
    expect(webhook.headers["x-chorus-timestamp"]).toBe(String(now.getTime() / 1000));
    expect(webhook.headers["x-chorus-signature"]).toBe(
      webhookSignature(secret, String(now.getTime() / 1000), webhook.body.toString("utf8")),
    );
    expect(JSON.parse(webhook.body.toString("utf8"))).toEqual({
      event: "chore.due",
      title: "Chore due",
      message: "“Water the plants” is due (Tue 1 Dec, 19:00).",
      chore: { id: chore.id, name: "Water the plants", dueDate: DUE },
      user: { id: user.user.id, username: user.user.username },
      sentAt: now.toISOString(),
    });

    const ntfy = receiver.requests.find(({ path }) => path.startsWith("/ntfy-"))!;
    expect(ntfy.headers).toMatchObject({ title: "Chore due", priority: "3", tags: "broom" });
    expect(ntfy.body.toString("utf8")).toBe("“Water the plants” is due (Tue 1 Dec, 19:00).");

    const push = receiver.requests.find(({ path }) => path === `/push/browser-${user.user.username}`)!;
    expect(verifyVapidAuthorization(push.headers.authorization, server.config.reminders.vapid.publicKey).aud).toBe(receiver.url);
    expect(push.headers.urgency).toBe("normal");
    expect(browser.decrypt(push.body)).toEqual({
      title: "Chore due",
      body: "“Water the plants” is due (Tue 1 Dec, 19:00).",
      tag: `chore-${chore.id}`,
      url: `/chores/${chore.id}`,
    });

    // Later ticks, and a restarted scheduler, find the reminders already sent.
    await schedulerOn(server.db).runOnce(minutesAfterDue(2));
    await schedulerOn(server.db).runOnce(minutesAfterDue(30));
    expect(receiver.requests).toHaveLength(4);
    const rows = await server.db.prisma.reminderDelivery.findMany({ where: { choreId: chore.id }, orderBy: { channel: "asc" } });
    expect(rows.map(({ channel, kind, status, attempts, sentAt }) => ({ channel, kind, status, attempts, sentAt }))).toEqual(
      (["push", "webhook", "ntfy"] as const).map((channel) => ({ channel, kind: "due", status: "sent", attempts: 1, sentAt: now })),
    );
  });

  it("sends the overdue reminder once the chore is overdue, and reminds again for the next occurrence", async () => {
    const user = await signUp(server);
    await remindEverywhere(user, { push: { enabled: false } });
    const chore = await makeChore(user.client, { name: "Bins", nextDueDate: DUE, frequency: { type: "daily" } });
    const scheduler = schedulerOn(server.db);

    await scheduler.runOnce(minutesAfterDue(5));
    await scheduler.runOnce(minutesAfterDue(59));
    await scheduler.runOnce(minutesAfterDue(60));
    await scheduler.runOnce(minutesAfterDue(600));
    expect(webhookEvents(user).map(({ event }) => event)).toEqual(["chore.due", "chore.overdue"]);
    const overdueNtfy = receiver.requests.filter(({ path }) => path === `/ntfy-${user.user.username}`)[1]!;
    expect(overdueNtfy.headers).toMatchObject({ title: "Chore overdue", priority: "4", tags: "warning" });
    expect(overdueNtfy.body.toString("utf8")).toBe("“Bins” is overdue: it was due Tue 1 Dec, 18:00.");

    await user.client.chores.do(chore.id, { dueDate: chore.nextDueDate });
    // The next day at 18:00 UTC after the due date or now, whichever is later (the real clock).
    const next = (await user.client.chores.get(chore.id)).nextDueDate!;
    expect(new Date(next).getUTCHours()).toBe(18);
    expect(Date.parse(next)).toBeGreaterThan(Math.max(Date.parse(DUE), Date.now() - 86_400_000));
    await scheduler.runOnce(new Date(next));
    expect(webhookEvents(user).map(({ event, chore }) => [event, chore.dueDate])).toEqual([
      ["chore.due", DUE],
      ["chore.overdue", DUE],
      ["chore.due", next],
    ]);
  });

  it("skips the due reminder when only overdue is wanted, and a first tick after the overdue time sends only that", async () => {
    const user = await signUp(server);
    await remindEverywhere(user, { push: { enabled: false }, ntfy: null, when: { due: false, overdue: true } });
    await makeChore(user.client, { name: "Late", nextDueDate: DUE });
    await schedulerOn(server.db).runOnce(minutesAfterDue(1));
    expect(webhookEvents(user)).toEqual([]);
    await schedulerOn(server.db).runOnce(minutesAfterDue(61));
    expect(webhookEvents(user).map(({ event }) => event)).toEqual(["chore.overdue"]);

    const other = await signUp(server);
    await remindEverywhere(other, { push: { enabled: false }, ntfy: null });
    await makeChore(other.client, { name: "Found late", nextDueDate: DUE });
    await schedulerOn(server.db).runOnce(minutesAfterDue(24 * 60));
    expect(webhookEvents(other).map(({ event }) => event)).toEqual(["chore.overdue"]);
  });

  it("does not remind about a chore whose completion waits for approval (decision 0027)", async () => {
    const home = await createHousehold(server);
    await remindEverywhere(home.member, { push: { enabled: false }, ntfy: null });
    const chore = await makeChore(home.admin.client, { nextDueDate: DUE, assignees: [home.member.user.id], needsApproval: true });
    expect((await home.member.client.chores.do(chore.id, {})).approval).toMatchObject({ status: "pending" });
    await schedulerOn(server.db).runOnce(minutesAfterDue(61));
    expect(webhookEvents(home.member)).toEqual([]);
  });

  it("reminds only the current assignee, never others who can or cannot see the chore", async () => {
    const { admin, manager, member } = await createHousehold(server);
    for (const user of [admin, manager, member]) await remindEverywhere(user, { push: { enabled: false }, ntfy: null });
    const privateChore = await makeChore(admin.client, {
      name: "Secret gift",
      nextDueDate: DUE,
      isPrivate: true,
      assignees: [member.user.id],
    });
    const shared = await makeChore(admin.client, {
      name: "Hoover",
      nextDueDate: DUE,
      assignees: [manager.user.id, member.user.id],
      assignedTo: manager.user.id,
    });
    const archived = await makeChore(admin.client, { name: "Archived", nextDueDate: DUE, assignees: [admin.user.id] });
    await admin.client.chores.update(archived.id, { archived: true });
    await makeChore(admin.client, { name: "No date", assignees: [admin.user.id] });

    await schedulerOn(server.db).runOnce(minutesAfterDue(1));
    expect(webhookEvents(admin)).toEqual([]);
    expect(webhookEvents(manager).map(({ chore }) => chore.id)).toEqual([shared.id]);
    expect(webhookEvents(member).map(({ chore }) => chore.id)).toEqual([privateChore.id]);

    // A member who left the circle is not reminded of its chores.
    const leaver = await addMember(server, admin);
    await remindEverywhere(leaver, { push: { enabled: false }, ntfy: null });
    await makeChore(admin.client, { name: "Left behind", nextDueDate: DUE, assignees: [leaver.user.id] });
    await admin.client.circles.removeMember(leaver.user.id);
    await schedulerOn(server.db).runOnce(minutesAfterDue(2));
    expect(webhookEvents(leaver)).toEqual([]);
  });

  it("waits for quiet hours to end", async () => {
    const user = await signUp(server, { timezone: "Europe/Berlin" });
    await remindEverywhere(user, { push: { enabled: false }, ntfy: null, quietHours: { start: "22:00", end: "07:00" } });
    await makeChore(user.client, { name: "Late night", nextDueDate: "2026-12-01T21:30:00Z" }); // 22:30 in Berlin
    await schedulerOn(server.db).runOnce(at("2026-12-01T21:31:00Z"));
    await schedulerOn(server.db).runOnce(at("2026-12-02T05:59:00Z")); // 06:59
    expect(webhookEvents(user)).toEqual([]);
    await schedulerOn(server.db).runOnce(at("2026-12-02T06:00:00Z")); // 07:00
    expect(webhookEvents(user).map(({ event }) => event)).toEqual(["chore.overdue"]);
  });

  it("retries a failed reminder with growing waits up to the limit, recording each failure", async () => {
    const user = await signUp(server);
    await remindEverywhere(user, { push: { enabled: false }, ntfy: null });
    const chore = await makeChore(user.client, { name: "Flaky", nextDueDate: DUE });
    receiver.respond = () => 503;
    const scheduler = schedulerOn(server.db);
    const delivery = () => server.db.prisma.reminderDelivery.findFirstOrThrow({ where: { choreId: chore.id } });

    expect(await scheduler.runOnce(minutesAfterDue(0))).toMatchObject({ retrying: 1 });
    expect(await delivery()).toMatchObject({
      status: "retrying",
      attempts: 1,
      lastError: "answered 503",
      nextAttemptAt: minutesAfterDue(1),
    });
    await scheduler.runOnce(new Date(minutesAfterDue(1).getTime() - 1000));
    expect(webhookEvents(user)).toHaveLength(1);
    await scheduler.runOnce(minutesAfterDue(1));
    expect(await delivery()).toMatchObject({ status: "retrying", attempts: 2, nextAttemptAt: minutesAfterDue(3) });

    // Retries live in the database: a restarted scheduler picks them up.
    receiver.respond = () => 200;
    expect(await schedulerOn(server.db).runOnce(minutesAfterDue(3))).toMatchObject({ sent: 1 });
    expect(await delivery()).toMatchObject({ status: "sent", attempts: 3, lastError: null, sentAt: minutesAfterDue(3) });
    expect(webhookEvents(user).map(({ event }) => event)).toEqual(["chore.due", "chore.due", "chore.due"]);

    // A receiver that never recovers: given up after MAX_ATTEMPTS.
    const doomed = await makeChore(user.client, { name: "Doomed", nextDueDate: DUE });
    receiver.respond = () => 500;
    for (const minutes of [0, 1, 3, 7, 15, 31, 63, 127]) await scheduler.runOnce(minutesAfterDue(minutes));
    const row = await server.db.prisma.reminderDelivery.findFirstOrThrow({ where: { choreId: doomed.id, kind: "due" } });
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, lastError: "answered 500", nextAttemptAt: null });
    expect(webhookEvents(user).filter(({ event, chore }) => chore.id === doomed.id && event === "chore.due")).toHaveLength(MAX_ATTEMPTS);
  });

  it("does not retry a reminder whose chore was done meanwhile, and gives up at once on a 4xx", async () => {
    const user = await signUp(server);
    await remindEverywhere(user, { push: { enabled: false }, ntfy: null });
    const chore = await makeChore(user.client, { name: "Done meanwhile", nextDueDate: DUE });
    receiver.respond = () => 503;
    await schedulerOn(server.db).runOnce(minutesAfterDue(0));
    await user.client.chores.do(chore.id, { dueDate: chore.nextDueDate });
    receiver.respond = () => 200;
    await schedulerOn(server.db).runOnce(minutesAfterDue(5));
    expect(await server.db.prisma.reminderDelivery.findFirstOrThrow({ where: { choreId: chore.id } })).toMatchObject({
      status: "failed",
      lastError: "the chore is no longer due for this member",
    });
    expect(webhookEvents(user)).toHaveLength(1);

    const refused = await makeChore(user.client, { name: "Refused", nextDueDate: DUE });
    receiver.respond = () => 403;
    await schedulerOn(server.db).runOnce(minutesAfterDue(6));
    expect(await server.db.prisma.reminderDelivery.findFirstOrThrow({ where: { choreId: refused.id } })).toMatchObject({
      status: "failed",
      attempts: 1,
    });
  });

  it("removes a push subscription the push service says is gone", async () => {
    const user = await signUp(server);
    await user.client.reminders.subscribePush(newPushSubscriber(`${receiver.url}/push/gone-${user.user.username}`).subscription);
    await user.client.reminders.updateSettings({
      push: { enabled: true },
      webhook: null,
      ntfy: null,
      when: { due: true, overdue: true },
      quietHours: null,
    });
    const chore = await makeChore(user.client, { name: "Push me", nextDueDate: DUE });
    receiver.respond = () => 404;
    await schedulerOn(server.db).runOnce(minutesAfterDue(1));
    expect(await server.db.prisma.pushSubscription.count({ where: { userId: user.user.id } })).toBe(0);
    expect(await server.db.prisma.reminderDelivery.findFirstOrThrow({ where: { choreId: chore.id } })).toMatchObject({ status: "failed" });
    // No browser left: nothing more is claimed for push.
    await schedulerOn(server.db).runOnce(minutesAfterDue(90));
    expect(await server.db.prisma.reminderDelivery.count({ where: { choreId: chore.id } })).toBe(1);
  });

  it(`forgets past occurrences' deliveries after ${DELIVERY_RETENTION_DAYS} days, never one a current occurrence still needs`, async () => {
    const user = await signUp(server);
    await user.client.reminders.updateSettings({
      push: { enabled: false },
      webhook: { url: `${receiver.url}/hook/${user.user.username}` },
      ntfy: null,
      when: { due: true, overdue: false },
      quietHours: null,
    });
    const [movedOn, stillDue] = await Promise.all([
      makeChore(user.client, { name: "Moved on", nextDueDate: DUE }),
      makeChore(user.client, { name: "Still due", nextDueDate: DUE }),
    ]);
    expect(await schedulerOn(server.db).runOnce(minutesAfterDue(1))).toMatchObject({ sent: 2 });
    await server.db.prisma.chore.update({ where: { id: movedOn.id }, data: { nextDueDate: new Date("2026-12-08T18:00:00Z") } });
    const deliveries = () => server.db.prisma.reminderDelivery.findMany({ where: { userId: user.user.id }, select: { choreId: true } });
    const age = (days: number) =>
      server.db.prisma.reminderDelivery.updateMany({
        where: { userId: user.user.id },
        data: { updatedAt: new Date(minutesAfterDue(2).getTime() - days * 86_400_000) },
      });

    await age(DELIVERY_RETENTION_DAYS - 1);
    await schedulerOn(server.db).runOnce(minutesAfterDue(2));
    expect(await deliveries()).toHaveLength(2);

    await age(DELIVERY_RETENTION_DAYS + 1);
    expect(await schedulerOn(server.db).runOnce(minutesAfterDue(2))).toMatchObject({ sent: 0 });
    expect(await deliveries()).toEqual([{ choreId: stillDue.id }]);
    expect(
      webhookEvents(user)
        .map(({ chore }) => chore.name)
        .sort(),
    ).toEqual(["Moved on", "Still due"]);
  });

  it(`forgets notices sent or given up on ${DELIVERY_RETENTION_DAYS} days ago, never one still to send`, async () => {
    const h = await createHousehold(server);
    const { circleId } = h.admin.user;
    const userId = h.member.user.id;
    await h.admin.client.impersonation.start({ userId, mode: "act" });
    const session = await server.db.prisma.impersonationSession.findFirstOrThrow({ where: { targetUserId: userId } });
    const event = (subjectId: number, status: "sent" | "failed" | "retrying") =>
      ({ circleId: circleId!, event: "reward_requested", subjectId, userId, channel: "webhook", status }) as const;
    await server.db.prisma.eventNotice.createMany({ data: [event(1, "sent"), event(2, "failed"), event(3, "retrying"), event(4, "sent")] });
    const impersonation = (channel: "webhook" | "ntfy" | "discord", status: "sent" | "pending") =>
      ({ circleId: circleId!, impersonationSessionId: session.id, userId, channel, status }) as const;
    await server.db.prisma.impersonationNotice.createMany({ data: [impersonation("webhook", "sent"), impersonation("ntfy", "pending")] });
    const old = new Date(minutesAfterDue(3).getTime() - (DELIVERY_RETENTION_DAYS + 1) * 86_400_000);
    await server.db.prisma.eventNotice.updateMany({ where: { userId, subjectId: { not: 4 } }, data: { updatedAt: old } });
    await server.db.prisma.impersonationNotice.updateMany({ where: { userId }, data: { updatedAt: old } });

    // A scheduler of its own prunes at its first tick.
    await schedulerOn(server.db).runOnce(minutesAfterDue(3));
    const events = await server.db.prisma.eventNotice.findMany({ where: { userId }, orderBy: { subjectId: "asc" } });
    expect(events.map(({ subjectId }) => subjectId)).toEqual([3, 4]);
    const impersonations = await server.db.prisma.impersonationNotice.findMany({ where: { userId } });
    expect(impersonations.map(({ channel }) => channel)).toEqual(["ntfy"]);
  });

  it("sends each reminder exactly once when two scheduler processes tick at the same moment", async () => {
    // On PostgreSQL the second scheduler has its own connection pool, as another server process would.
    const second = server.databaseUrl ? await openDatabase({ databaseUrl: server.databaseUrl, poolSize: 3 }) : server.db;
    try {
      const { admin, member } = await createHousehold(server);
      await remindEverywhere(admin, { push: { enabled: false } });
      await remindEverywhere(member, { push: { enabled: false } });
      for (let i = 0; i < 4; i += 1) {
        await makeChore(admin.client, { name: `Twice ${i}`, nextDueDate: DUE, assignees: [i % 2 === 0 ? admin.user.id : member.user.id] });
      }
      const [one, two] = [schedulerOn(server.db), schedulerOn(second)];
      for (const minutes of [1, 1, 2, 61, 61, 62]) {
        const ticks = await Promise.all([one.runOnce(minutesAfterDue(minutes)), two.runOnce(minutesAfterDue(minutes))]);
        expect(ticks.some(({ ran }) => ran)).toBe(true);
      }
      // 4 chores × 2 channels × (due + overdue), each once.
      const mine = receiver.requests.filter((request) => to(admin)(request) || to(member)(request));
      expect(mine).toHaveLength(16);
      const keys = [...webhookEvents(admin), ...webhookEvents(member)].map(({ event, chore }) => `${event} ${chore.id}`);
      expect(new Set(keys).size).toBe(8);
    } finally {
      if (second !== server.db) await second.close();
    }
  });

  // PGlite is one connection in one process: there is no other session to hold the lock.
  // (The jest rules do not see a test through `it` chosen by a condition.)
  /* oxlint-disable jest/no-standalone-expect */
  (process.env.TEST_DATABASE_URL ? it : it.skip)("skips a tick while another process holds the scheduler lock", async () => {
    const user = await signUp(server);
    await remindEverywhere(user, { push: { enabled: false }, ntfy: null });
    await makeChore(user.client, { name: "Locked out", nextDueDate: DUE });
    const otherProcess = new Client({ connectionString: server.databaseUrl });
    await otherProcess.connect();
    try {
      await otherProcess.query("BEGIN");
      await otherProcess.query("SELECT pg_advisory_xact_lock($1::bigint)", [SCHEDULER_LOCK_KEY]);
      expect(await schedulerOn(server.db).runOnce(minutesAfterDue(1))).toEqual({ ran: false, sent: 0, retrying: 0, failed: 0 });
      expect(webhookEvents(user)).toEqual([]);
      await otherProcess.query("COMMIT");
      expect(await schedulerOn(server.db).runOnce(minutesAfterDue(1))).toMatchObject({ ran: true, sent: 1 });
    } finally {
      await otherProcess.end();
    }
  });
  /* oxlint-enable jest/no-standalone-expect */

  it("runs on its own every interval once started, and stops cleanly", async () => {
    const user = await signUp(server);
    await remindEverywhere(user, { push: { enabled: false }, ntfy: null });
    await makeChore(user.client, { name: "Looped", nextDueDate: new Date(Date.now() - 60_000).toISOString() });
    const looping = createReminderScheduler({
      db: server.db,
      config: { ...server.config, reminders: { ...server.config.reminders, intervalSeconds: 1 } },
      logger: silent,
    });
    looping.start();
    try {
      const deadline = Date.now() + 10_000;
      while (webhookEvents(user).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await looping.stop();
    }
    expect(webhookEvents(user).map(({ chore }) => chore.name)).toEqual(["Looped"]);
  });
});

describe("inQuietHours", () => {
  it.each([
    ["22:00", "07:00", "2026-12-01T21:59:00Z", false],
    ["22:00", "07:00", "2026-12-01T22:00:00Z", true],
    ["22:00", "07:00", "2026-12-02T06:59:00Z", true],
    ["22:00", "07:00", "2026-12-02T07:00:00Z", false],
    ["12:00", "14:00", "2026-12-01T13:00:00Z", true],
    ["12:00", "14:00", "2026-12-01T14:00:00Z", false],
    ["08:00", "08:00", "2026-12-01T08:00:00Z", false],
  ])("%s–%s at %s (UTC) is %s", (start, end, now, expected) => {
    expect(inQuietHours(new Date(now), "UTC", start, end)).toBe(expected);
  });
});
