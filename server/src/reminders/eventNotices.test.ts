/**
 * "Approval needed" and "reward requested" (decision 0039) over HTTP: the circle's admins and
 * managers hear of each once per channel, after commit, outside their quiet hours and only if
 * they want it; the member it is about and whoever asked for them are not told. Two senders
 * at once still send each once (for real with TEST_DATABASE_URL).
 */
import type { UpdateReminderSettingsRequest } from "@chorus/shared";
import { DateTime } from "luxon";
import pino from "pino";
import { openDatabase } from "../db/database";
import { makeChore } from "../test/choreFactories";
import { createHousehold, type TestCircle, type TestUser } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";
import { startReceiver, type Receiver } from "../test/receiver";
import { createImpersonationNotices } from "./impersonationNotices";

let server: TestServer;
let receiver: Receiver;
beforeAll(async () => {
  [server, receiver] = await Promise.all([startTestServer(), startReceiver()]);
});
afterAll(() => Promise.all([server.close(), receiver.close()]));
beforeEach(() => {
  receiver.respond = () => 200;
});

/** Discord to the member's own path; chore reminders off, so only notices arrive. */
async function noticesTo(user: TestUser, overrides: Partial<UpdateReminderSettingsRequest> = {}) {
  await user.client.reminders.updateSettings({
    push: { enabled: false },
    webhook: null,
    ntfy: null,
    discord: { url: `${receiver.url}/discord/${user.user.username}` },
    when: { due: false, overdue: false },
    quietHours: null,
    ...overrides,
  });
}

const contentsFor = (user: TestUser) =>
  receiver.requests
    .filter(({ path }) => path === `/discord/${user.user.username}`)
    .map(({ body }) => (JSON.parse(body.toString("utf8")) as { content: string }).content);

/** Waits until the background sends have settled (nothing pending or being sent). */
async function settled() {
  for (let i = 0; i < 200; i += 1) {
    if ((await server.db.prisma.eventNotice.count({ where: { status: { in: ["pending", "sending"] } } })) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("notices still pending");
}

/** Quiet hours around now in UTC: what they hold goes out two hours later. */
function quietNow() {
  const now = DateTime.utc();
  return { start: now.minus({ hours: 1 }).toFormat("HH:mm"), end: now.plus({ hours: 1 }).toFormat("HH:mm") };
}

async function everyoneListening(h: TestCircle) {
  await Promise.all([noticesTo(h.admin), noticesTo(h.manager), noticesTo(h.member)]);
}

describe("approval needed", () => {
  it("reaches the admins and managers once each, after the member's completion commits; never the member", async () => {
    const h = await createHousehold(server);
    await everyoneListening(h);
    const chore = await makeChore(h.admin.client, { name: "Tidy room", assignees: [h.member.user.id], needsApproval: true });
    await h.member.client.chores.do(chore.id, {});
    await settled();

    const text = `**Approval needed**\n${h.member.user.displayName} did “Tidy room”; it waits for your approval.`;
    expect(contentsFor(h.admin)).toEqual([text]);
    expect(contentsFor(h.manager)).toEqual([text]);
    expect(contentsFor(h.member)).toEqual([]);
    // Sweeps later find them sent.
    await server.deps.notices.runOnce(new Date(Date.now() + 3_600_000));
    expect(contentsFor(h.admin)).toHaveLength(1);
  });

  it("waits for quiet hours to end, and goes only to those who want it", async () => {
    const h = await createHousehold(server);
    await noticesTo(h.admin, { quietHours: quietNow() });
    await noticesTo(h.manager, { events: { approvalNeeded: false, rewardRequested: true } });
    const chore = await makeChore(h.admin.client, { name: "Feed the cat", assignees: [h.member.user.id], needsApproval: true });
    await h.member.client.chores.do(chore.id, {});
    await server.deps.notices.runOnce();
    expect(contentsFor(h.admin)).toEqual([]);
    expect(await server.db.prisma.eventNotice.count({ where: { userId: h.manager.user.id } })).toBe(0);

    expect(await server.deps.notices.runOnce(DateTime.utc().plus({ hours: 2 }).toJSDate())).toMatchObject({ sent: 1 });
    expect(contentsFor(h.admin)).toHaveLength(1);
  });

  it("is not sent once the completion was decided", async () => {
    const h = await createHousehold(server);
    await noticesTo(h.admin, { quietHours: quietNow() });
    const chore = await makeChore(h.admin.client, { name: "Dishes", assignees: [h.member.user.id], needsApproval: true });
    const waiting = await h.member.client.chores.do(chore.id, {});
    if (waiting.approval?.status !== "pending") throw new Error("the completion should wait");
    await h.manager.client.approvals.approve(waiting.approval.approvalId, {});
    await server.deps.notices.runOnce(DateTime.utc().plus({ hours: 2 }).toJSDate());
    expect(contentsFor(h.admin)).toEqual([]);
    expect(await server.db.prisma.eventNotice.findFirst({ where: { userId: h.admin.user.id } })).toMatchObject({
      status: "failed",
      lastError: "already decided",
    });
  });
});

describe("reward requested", () => {
  it("reaches the admins and managers; an admin asking for the member is not told of their own request", async () => {
    const h = await createHousehold(server);
    await everyoneListening(h);
    await h.admin.client.circles.adjustPoints(h.member.user.id, { amount: 30, reason: "Pocket money" });
    const reward = await h.admin.client.rewards.create({ name: "Movie night", cost: 10 });
    await h.member.client.rewards.request(reward.id);
    await settled();
    const text = `**Reward requested**\n${h.member.user.displayName} asked for “Movie night” (10 points).`;
    expect(contentsFor(h.admin)).toEqual([text]);
    expect(contentsFor(h.manager)).toEqual([text]);
    expect(contentsFor(h.member)).toEqual([]);

    await h.admin.client.impersonation.start({ userId: h.member.user.id, mode: "act" });
    const acting = server.client(h.admin.token);
    acting.setImpersonateUserId(h.member.user.id);
    await acting.rewards.request(reward.id);
    await settled();
    expect(contentsFor(h.manager)).toEqual([text, text]);
    expect(contentsFor(h.admin)).toEqual([text]);
  });

  it("goes out once when two senders run at once", async () => {
    const h = await createHousehold(server);
    await noticesTo(h.admin, { quietHours: quietNow() });
    await noticesTo(h.manager, { quietHours: quietNow() });
    await h.admin.client.circles.adjustPoints(h.member.user.id, { amount: 10, reason: "Pocket money" });
    const reward = await h.admin.client.rewards.create({ name: "Ice cream", cost: 5 });
    await h.member.client.rewards.request(reward.id);

    // On PostgreSQL the second sender has its own connections, as another server process would.
    const secondDb = server.databaseUrl ? await openDatabase({ databaseUrl: server.databaseUrl, poolSize: 3 }) : server.db;
    const second = createImpersonationNotices({ db: secondDb, config: server.config, logger: pino({ level: "silent" }) });
    try {
      const later = DateTime.utc().plus({ hours: 2 }).toJSDate();
      const results = await Promise.all([server.deps.notices.runOnce(later), second.runOnce(later)]);
      expect(results.reduce((sum, { sent }) => sum + sent, 0)).toBe(2);
      expect([...contentsFor(h.admin), ...contentsFor(h.manager)]).toHaveLength(2);
    } finally {
      await second.stop();
      if (secondDb !== server.db) await secondDb.close();
    }
  });
});
