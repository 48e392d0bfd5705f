/**
 * The member is told (decision 0022): starting a session on a member sends them one notice
 * per reminder channel they turned on — to real local receivers — once, without the request
 * waiting for it; children only while their circle allows it, adults always.
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DateTime } from "luxon";
import pino from "pino";
import { openDatabase } from "../db/database";
import { webhookSignature } from "../reminders/channels";
import { createImpersonationNotices } from "../reminders/impersonationNotices";
import { addMember, createHousehold, signUp, uniqueName, type TestUser } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";
import { openStream } from "../test/liveEvents";
import { newPushSubscriber } from "../test/pushSubscriber";
import { startReceiver, type ReceivedRequest, type Receiver } from "../test/receiver";

let server: TestServer;
let receiver: Receiver;
beforeAll(async () => {
  [server, receiver] = await Promise.all([startTestServer(), startReceiver()]);
});
afterAll(() => Promise.all([server.close(), receiver.close()]));
beforeEach(() => {
  receiver.respond = () => 200;
});

/** Webhook and ntfy on, each to its own path; answers the webhook secret. */
async function noticesTo(client: TestUser["client"], tag: string, quietHours: { start: string; end: string } | null = null, push = false) {
  const { webhookSecret } = await client.reminders.updateSettings({
    push: { enabled: push },
    webhook: { url: `${receiver.url}/hook/${tag}` },
    ntfy: { serverUrl: receiver.url, topic: `ntfy-${tag}` },
    // Chore reminders off: the notice is not a chore reminder and goes anyway.
    when: { due: false, overdue: false },
    quietHours,
  });
  return webhookSecret!;
}

const requestsFor = (tag: string) =>
  receiver.requests.filter((request) => [`/hook/${tag}`, `/ntfy-${tag}`, `/push/${tag}`].includes(request.path));

/** Waits until the background sends of the member's notices have all settled (none pending or being sent). */
async function noticesSettled(userId: number) {
  for (let i = 0; i < 200; i += 1) {
    const open = await server.db.prisma.impersonationNotice.count({ where: { userId, status: { in: ["pending", "sending"] } } });
    if (open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("notices still pending");
}

const webhookBody = (request: ReceivedRequest) => JSON.parse(request.body.toString("utf8")) as Record<string, unknown>;

/** A child's account (no email) in `admin`'s circle, signed in with its PIN. */
async function addChild(admin: TestUser) {
  const username = uniqueName("kid");
  const child = await admin.client.circles.addChild({ username, displayName: "Alex", pin: "4821" });
  const { token } = await server.client().auth.pinLogin({ username, pin: "4821" });
  return { userId: child.userId, username, client: server.client(token) };
}

describe("the notice when someone starts acting as a member", () => {
  it("goes once to every channel the member turned on, signed, naming who, the mode and the reason", async () => {
    const h = await createHousehold(server);
    const tag = h.member.user.username;
    const browser = newPushSubscriber(`${receiver.url}/push/${tag}`);
    await h.member.client.reminders.subscribePush(browser.subscription);
    const secret = await noticesTo(h.member.client, tag, null, true);

    await h.admin.client.impersonation.start({ userId: h.member.user.id, reason: "homework check" });
    await noticesSettled(h.member.user.id);

    const received = requestsFor(tag);
    expect(received.map(({ path }) => path).sort()).toEqual([`/hook/${tag}`, `/ntfy-${tag}`, `/push/${tag}`]);
    const text = `${h.admin.user.displayName} started viewing your tasks — reason: homework check.`;

    const hook = received.find(({ path }) => path.startsWith("/hook/"))!;
    const timestamp = hook.headers["x-chorus-timestamp"] as string;
    expect(hook.headers["x-chorus-signature"]).toBe(webhookSignature(secret, timestamp, hook.body.toString("utf8")));
    expect(webhookBody(hook)).toMatchObject({
      event: "impersonation.started",
      message: text,
      chore: null,
      impersonation: { actor: { id: h.admin.user.id, displayName: h.admin.user.displayName }, mode: "view", reason: "homework check" },
      user: { id: h.member.user.id },
    });

    const ntfy = received.find(({ path }) => path.startsWith("/ntfy-"))!;
    expect(ntfy.body.toString("utf8")).toBe(text);
    expect(ntfy.headers).toMatchObject({ title: "Someone is using Chorus as you", priority: "4", tags: "eyes" });

    const push = received.find(({ path }) => path.startsWith("/push/"))!;
    expect(browser.decrypt(push.body)).toMatchObject({ title: "Someone is using Chorus as you", body: text, url: "/done-for-you" });

    // Once: later sweeps and further requests in the same session send nothing more.
    await server.deps.notices.runOnce();
    const acting = server.client(h.admin.token);
    acting.setImpersonateUserId(h.member.user.id);
    await acting.chores.list();
    await noticesSettled(h.member.user.id);
    expect(requestsFor(tag)).toHaveLength(3);
    expect(await server.db.prisma.impersonationNotice.count({ where: { userId: h.member.user.id, status: "sent" } })).toBe(3);
  });

  it("is sent for a session the selector header alone started, saying the admin acts", async () => {
    const h = await createHousehold(server);
    const tag = h.member.user.username;
    await noticesTo(h.member.client, tag);
    const acting = server.client(h.manager.token);
    acting.setImpersonateUserId(h.member.user.id);
    // Two first requests at once start one session, so one notice per channel.
    await Promise.all([acting.chores.list(), acting.chores.list()]);
    await noticesSettled(h.member.user.id);
    const hooks = requestsFor(tag).filter(({ path }) => path.startsWith("/hook/"));
    expect(hooks.map(webhookBody)).toEqual([
      expect.objectContaining({ message: `${h.manager.user.displayName} started acting for you — no reason given.` }),
    ]);
    expect(requestsFor(tag)).toHaveLength(2);
  });

  it("does not hold up the request: the session starts while the receiver has not answered yet", async () => {
    const h = await createHousehold(server);
    const held: ServerResponse[] = [];
    const holder = createServer((_req, res) => held.push(res));
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    try {
      await h.member.client.reminders.updateSettings({
        push: { enabled: false },
        webhook: { url: `http://127.0.0.1:${(holder.address() as AddressInfo).port}/hook` },
        ntfy: null,
        when: { due: true, overdue: true },
        quietHours: null,
      });
      await h.admin.client.impersonation.start({ userId: h.member.user.id, reason: "quick look" });
      while (held.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const notice = { where: { userId: h.member.user.id, channel: "webhook" as const } };
      expect(await server.db.prisma.impersonationNotice.findFirstOrThrow(notice)).toMatchObject({ status: "sending" });
      held[0]!.end("ok");
      await noticesSettled(h.member.user.id);
      expect(await server.db.prisma.impersonationNotice.findFirstOrThrow(notice)).toMatchObject({ status: "sent" });
    } finally {
      holder.closeAllConnections();
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it("is retried after a failure and sent once it succeeds", async () => {
    const h = await createHousehold(server);
    const tag = h.member.user.username;
    await noticesTo(h.member.client, tag);
    receiver.respond = (request) => (request.path === `/hook/${tag}` ? 503 : 200);
    await h.admin.client.impersonation.start({ userId: h.member.user.id });
    await noticesSettled(h.member.user.id);
    const hook = await server.db.prisma.impersonationNotice.findFirstOrThrow({ where: { userId: h.member.user.id, channel: "webhook" } });
    expect(hook).toMatchObject({ status: "retrying", attempts: 1 });

    receiver.respond = () => 200;
    expect(await server.deps.notices.runOnce(new Date(hook.nextAttemptAt!.getTime() + 1000))).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(requestsFor(tag).filter(({ path }) => path.startsWith("/hook/"))).toHaveLength(2);
    expect(await server.deps.notices.runOnce(new Date(hook.nextAttemptAt!.getTime() + 600_000))).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });
  });

  it("waits for the member's quiet hours to end", async () => {
    const member = await signUp(server, { timezone: "Europe/Berlin" });
    const admin = await signUp(server);
    // The member is in admin's circle: join through the invite code.
    const circle = await admin.client.circles.current();
    await member.client.circles.join({ inviteCode: circle.inviteCode! });
    await admin.client.circles.accept(member.user.id);
    const now = DateTime.now().setZone("Europe/Berlin");
    const tag = member.user.username;
    await noticesTo(member.client, tag, {
      start: now.minus({ hours: 1 }).toFormat("HH:mm"),
      end: now.plus({ hours: 1 }).toFormat("HH:mm"),
    });

    await admin.client.impersonation.start({ userId: member.user.id });
    await server.deps.notices.runOnce();
    expect(requestsFor(tag)).toHaveLength(0);
    expect(await server.db.prisma.impersonationNotice.count({ where: { userId: member.user.id, status: "pending" } })).toBe(2);

    expect(await server.deps.notices.runOnce(now.plus({ hours: 2 }).toJSDate())).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(requestsFor(tag)).toHaveLength(2);
  });

  it("is sent once when two processes sweep at the same moment", async () => {
    const member = await signUp(server, { timezone: "Europe/Berlin" });
    const admin = await signUp(server);
    const circle = await admin.client.circles.current();
    await member.client.circles.join({ inviteCode: circle.inviteCode! });
    await admin.client.circles.accept(member.user.id);
    const now = DateTime.now().setZone("Europe/Berlin");
    const tag = member.user.username;
    // Quiet hours hold the notices, so both sweeps find them waiting.
    await noticesTo(member.client, tag, {
      start: now.minus({ hours: 1 }).toFormat("HH:mm"),
      end: now.plus({ hours: 1 }).toFormat("HH:mm"),
    });
    await admin.client.impersonation.start({ userId: member.user.id });

    // On PostgreSQL the second process has its own connections, as another server would.
    const secondDb = server.databaseUrl ? await openDatabase({ databaseUrl: server.databaseUrl, poolSize: 3 }) : server.db;
    const second = createImpersonationNotices({ db: secondDb, config: server.config, logger: pino({ level: "silent" }) });
    try {
      const later = now.plus({ hours: 2 }).toJSDate();
      const results = await Promise.all([server.deps.notices.runOnce(later), second.runOnce(later)]);
      expect(results.reduce((sum, { sent }) => sum + sent, 0)).toBe(2);
      expect(requestsFor(tag)).toHaveLength(2);
    } finally {
      await second.stop();
      if (secondDb !== server.db) await secondDb.close();
    }
  });

  it("reaches a child only while the circle allows it, and an adult always", async () => {
    const h = await createHousehold(server);
    const child = await addChild(h.admin);
    const adult = await addMember(server, h.admin);
    await noticesTo(child.client, child.username);
    await noticesTo(adult.client, adult.user.username);

    // On by default.
    expect((await h.admin.client.circles.current()).impersonationNoticeForChildren).toBe(true);
    await h.admin.client.impersonation.start({ userId: child.userId, reason: "first" });
    await noticesSettled(child.userId);
    expect(requestsFor(child.username)).toHaveLength(2);

    const updated = await h.admin.client.circles.update({ impersonationNoticeForChildren: false });
    expect(updated.impersonationNoticeForChildren).toBe(false);
    const { events } = await h.admin.client.circles.audit({ action: "circle.updated" });
    expect(events[0]!.payload).toMatchObject({ changes: { impersonationNoticeForChildren: false } });

    await h.admin.client.impersonation.start({ userId: child.userId, reason: "second" });
    await h.manager.client.impersonation.start({ userId: adult.user.id, reason: "adult" });
    await noticesSettled(adult.user.id);
    await server.deps.notices.runOnce();
    expect(requestsFor(child.username)).toHaveLength(2);
    expect(requestsFor(adult.user.username)).toHaveLength(2);
    // The child's feed still lists the session.
    const feed = await child.client.users.actedForMe();
    expect(feed.items.filter(({ kind }) => kind === "impersonation_session")).toHaveLength(2);
  });

  it("reaches the member's open app at once: starting and ending a session send a live hint", async () => {
    const h = await createHousehold(server);
    const stream = await openStream(h.member.client);
    try {
      await h.admin.client.impersonation.start({ userId: h.member.user.id });
      expect(await stream.next()).toEqual({ type: "impersonation_sessions" });
      await h.admin.client.impersonation.end();
      expect(await stream.next()).toEqual({ type: "impersonation_sessions" });
    } finally {
      stream.stop();
    }
  });

  it("is a setting only admins change, never while impersonating", async () => {
    const h = await createHousehold(server);
    await expect(h.manager.client.circles.update({ impersonationNoticeForChildren: false })).rejects.toMatchObject({ status: 403 });
    await h.admin.client.impersonation.start({ userId: h.member.user.id, mode: "act" });
    const acting = server.client(h.admin.token);
    acting.setImpersonateUserId(h.member.user.id);
    const response = await server.fetch("/circles/current", {
      method: "PATCH",
      headers: {
        Authorization: `Bearer ${h.admin.token}`,
        "X-Impersonate-User-ID": String(h.member.user.id),
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ impersonationNoticeForChildren: false }),
    });
    expect(response.status).toBe(403);
    expect((await h.admin.client.circles.current()).impersonationNoticeForChildren).toBe(true);
  });
});
