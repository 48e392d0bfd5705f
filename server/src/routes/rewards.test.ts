/**
 * Rewards over HTTP (decision 0026): admins and managers offer them, a member asks for one
 * (its cost held from their points), an admin or manager approves, declines (points and
 * stock back) or refunds an approved one — every change a ledger row, never an overdraft
 * or a negative stock, even in parallel (for real with TEST_DATABASE_URL) — on a shared tablet
 * after the child's PIN too, and every change audited with who did it for whom.
 */
import type { ChorusClient } from "@chorus/shared";
import { expectInvalidField, pointsByUser } from "../test/choreFactories";
import { addMember, createHousehold, expectApiError, signUp, uniqueName, type TestCircle, type TestUser } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function household(points = 20): Promise<TestCircle> {
  const h = await createHousehold(server);
  if (points > 0) await h.admin.client.circles.adjustPoints(h.member.user.id, { amount: points, reason: "Pocket money" });
  return h;
}

const balanceOf = async (h: TestCircle, user: TestUser) => (await pointsByUser(h.admin.client)).get(user.user.id);
const ledgerKinds = async (h: TestCircle, user: TestUser) =>
  (await h.admin.client.circles.memberPoints(user.user.id)).entries.map((entry) => [entry.kind, entry.amount, entry.reward?.name ?? null]);

async function actingAs(user: TestUser, target: TestUser): Promise<ChorusClient> {
  await user.client.impersonation.start({ userId: target.user.id, mode: "act" });
  const client = server.client(user.token);
  client.setImpersonateUserId(target.user.id);
  return client;
}

describe("offering rewards", () => {
  it("admins and managers create, change and archive them; members see those offered to them", async () => {
    const h = await household(0);
    const cinema = await h.manager.client.rewards.create({ name: " Cinema trip ", cost: 50, stock: 2 });
    expect(cinema).toEqual({
      id: expect.any(Number),
      name: "Cinema trip",
      cost: 50,
      stock: 2,
      availableTo: [],
      archived: false,
      createdAt: expect.any(String),
    });
    const sweets = await h.admin.client.rewards.create({ name: "Sweets", cost: 5, availableTo: [h.manager.user.id] });
    expect((await h.member.client.rewards.list()).rewards.map((reward) => reward.name)).toEqual(["Cinema trip"]);
    expect((await h.admin.client.rewards.list()).rewards.map((reward) => reward.name)).toEqual(["Sweets", "Cinema trip"]);

    expect(await h.admin.client.rewards.update(cinema.id, { cost: 40, stock: null })).toMatchObject({ cost: 40, stock: null });
    await h.admin.client.rewards.archive(sweets.id);
    expect((await h.admin.client.rewards.list()).rewards.map((reward) => reward.name)).toEqual(["Cinema trip"]);
    await expectApiError(h.admin.client.rewards.update(sweets.id, { cost: 1 }), 404, "not_found");
    const { events } = await h.admin.client.circles.audit({ action: "reward.created" });
    expect(events).toHaveLength(2);
  });

  it("is not for members, nor while acting as someone, and checks the fields", async () => {
    const h = await household(0);
    await expectApiError(h.member.client.rewards.create({ name: "X", cost: 1 }), 403, "forbidden");
    const acting = server.client(h.admin.token);
    acting.setImpersonateUserId(h.member.user.id);
    await expectApiError(acting.rewards.create({ name: "X", cost: 1 }), 403, "impersonation_not_supported");
    await expectInvalidField(h.admin.client.rewards.create({ name: " ", cost: 1 }), "name");
    await expectInvalidField(h.admin.client.rewards.create({ name: "X", cost: 0 }), "cost");
    await expectInvalidField(h.admin.client.rewards.create({ name: "X", cost: 1, stock: -1 }), "stock");
    const stranger = await signUp(server);
    await expectInvalidField(h.admin.client.rewards.create({ name: "X", cost: 1, availableTo: [stranger.user.id] }), "availableTo");
    expect((await h.admin.client.rewards.list()).rewards).toEqual([]);
  });
});

describe("asking for a reward and deciding", () => {
  it("holds the cost, and approving keeps it spent", async () => {
    const h = await household(20);
    const reward = await h.admin.client.rewards.create({ name: "Late bedtime", cost: 15, stock: 1 });
    const request = await h.member.client.rewards.request(reward.id);
    expect(request).toMatchObject({ status: "pending", cost: 15, userId: h.member.user.id, actorUserId: h.member.user.id });
    expect(await balanceOf(h, h.member)).toBe(5);
    expect((await h.admin.client.rewards.list()).rewards[0]?.stock).toBe(0);
    await expectApiError(h.member.client.rewards.request(reward.id), 409, "out_of_stock");

    const approved = await h.manager.client.rewards.approve(request.id, { note: "Enjoy" });
    expect(approved).toMatchObject({ status: "approved", decidedBy: h.manager.user.id, decisionNote: "Enjoy" });
    expect(await balanceOf(h, h.member)).toBe(5);
    expect(await ledgerKinds(h, h.member)).toEqual([
      ["redeemed", -15, "Late bedtime"],
      ["adjusted", 20, null],
    ]);
    await expectApiError(h.manager.client.rewards.approve(request.id, {}), 409, "invalid_state");
    expect((await h.member.client.rewards.requests()).requests.map((r) => r.status)).toEqual(["approved"]);
  });

  it("declining gives back the points and the stock; refunding an approved one too", async () => {
    const h = await household(20);
    const reward = await h.admin.client.rewards.create({ name: "Pizza night", cost: 8, stock: 3 });
    const first = await h.member.client.rewards.request(reward.id);
    const second = await h.member.client.rewards.request(reward.id);
    expect(await balanceOf(h, h.member)).toBe(4);
    await h.admin.client.rewards.decline(first.id, { note: "Not this week" });
    await h.admin.client.rewards.approve(second.id, {});
    await expectApiError(h.admin.client.rewards.refund(first.id, {}), 409, "invalid_state");
    await h.admin.client.rewards.refund(second.id, { note: "Pizza place was closed" });
    expect(await balanceOf(h, h.member)).toBe(20);
    expect((await h.admin.client.rewards.list()).rewards[0]?.stock).toBe(3);
    const entries = (await h.member.client.circles.memberPoints(h.member.user.id)).entries;
    expect(entries.map((entry) => [entry.kind, entry.amount, entry.balance, entry.reason])).toEqual([
      ["refunded", 8, 20, "Pizza place was closed"],
      ["refunded", 8, 12, "Not this week"],
      ["redeemed", -8, 4, null],
      ["redeemed", -8, 12, null],
      ["adjusted", 20, 20, "Pocket money"],
    ]);
    const { requests } = await h.admin.client.rewards.requests({ status: "refunded" });
    expect(requests.map((request) => request.id)).toEqual([second.id]);
  });

  it("refuses a request the member cannot afford, or a reward not offered to them", async () => {
    const h = await household(3);
    const big = await h.admin.client.rewards.create({ name: "Bike", cost: 500 });
    await expect(h.member.client.rewards.request(big.id)).rejects.toMatchObject({
      status: 409,
      code: "insufficient_points",
      details: { points: 3, cost: 500 },
    });
    const notForYou = await h.admin.client.rewards.create({ name: "Coffee", cost: 1, availableTo: [h.manager.user.id] });
    await expectApiError(h.member.client.rewards.request(notForYou.id), 404, "not_found");
    expect((await h.member.client.rewards.requests()).requests).toEqual([]);
    expect(await balanceOf(h, h.member)).toBe(3);
  });

  it("an admin acting as the member may ask for them, recorded as the admin; deciding is never while acting", async () => {
    const h = await household(10);
    const reward = await h.admin.client.rewards.create({ name: "Comic", cost: 4 });
    const acting = await actingAs(h.admin, h.member);
    const request = await acting.rewards.request(reward.id);
    expect(request).toMatchObject({ userId: h.member.user.id, actorUserId: h.admin.user.id });
    expect((await acting.rewards.requests()).requests.map((r) => r.id)).toEqual([request.id]);
    await expectApiError(acting.rewards.approve(request.id, {}), 403, "impersonation_not_supported");
    await expectApiError(h.member.client.rewards.approve(request.id, {}), 403, "forbidden");
    // Nobody approves their own request; declining it is withdrawing it.
    const mine = await household(0);
    await mine.admin.client.circles.adjustPoints(mine.manager.user.id, { amount: 5, reason: "Manager's points" });
    const coffee = await mine.admin.client.rewards.create({ name: "Coffee", cost: 5 });
    const own = await mine.manager.client.rewards.request(coffee.id);
    await expectApiError(mine.manager.client.rewards.approve(own.id, {}), 403, "forbidden");
    expect(await mine.manager.client.rewards.decline(own.id, {})).toMatchObject({ status: "declined" });
  });

  it("lists a member's own requests, the circle's for admins and managers", async () => {
    const h = await household(10);
    const other = await addMember(server, h.admin);
    await h.admin.client.circles.adjustPoints(other.user.id, { amount: 10, reason: "Same" });
    const reward = await h.admin.client.rewards.create({ name: "Book", cost: 2 });
    const a = await h.member.client.rewards.request(reward.id);
    const b = await other.client.rewards.request(reward.id);
    expect((await h.member.client.rewards.requests()).requests.map((r) => r.id)).toEqual([a.id]);
    expect((await h.manager.client.rewards.requests({ status: "pending" })).requests.map((r) => r.id)).toEqual([b.id, a.id]);
    const page = await h.admin.client.rewards.requests({ limit: "1" });
    expect(page.requests.map((r) => r.id)).toEqual([b.id]);
    expect((await h.admin.client.rewards.requests({ limit: "1", before: page.nextCursor! })).requests.map((r) => r.id)).toEqual([a.id]);
  });
});

describe("in parallel", () => {
  it("never overdraws a balance", async () => {
    const h = await household(10);
    const reward = await h.admin.client.rewards.create({ name: "Sticker", cost: 3 });
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => h.member.client.rewards.request(reward.id)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    for (const result of results) if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "insufficient_points" });
    expect(await balanceOf(h, h.member)).toBe(1);
  });

  it("never takes the stock below zero", async () => {
    const h = await household(0);
    const kids = await Promise.all([0, 1, 2, 3].map(() => addMember(server, h.admin)));
    for (const kid of kids) await h.admin.client.circles.adjustPoints(kid.user.id, { amount: 5, reason: "Start" });
    const reward = await h.admin.client.rewards.create({ name: "Last ice cream", cost: 1, stock: 2 });
    const results = await Promise.allSettled(kids.map((kid) => kid.client.rewards.request(reward.id)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(2);
    for (const result of results) if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "out_of_stock" });
    expect((await h.admin.client.rewards.list()).rewards[0]?.stock).toBe(0);
    const held = await server.db.prisma.pointsEntry.count({ where: { kind: "redeemed", circleId: h.admin.user.circleId! } });
    expect(held).toBe(2);
  });

  it("decides a request once", async () => {
    const h = await household(10);
    const reward = await h.admin.client.rewards.create({ name: "Park trip", cost: 4, stock: 1 });
    const request = await h.member.client.rewards.request(reward.id);
    const results = await Promise.allSettled([
      h.admin.client.rewards.decline(request.id, {}),
      h.manager.client.rewards.decline(request.id, {}),
      h.admin.client.rewards.approve(request.id, {}),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const balance = await balanceOf(h, h.member);
    expect([6, 10]).toContain(balance);
    expect((await h.admin.client.rewards.list()).rewards[0]?.stock).toBe(balance === 10 ? 1 : 0);
  });
});

/** A kitchen tablet, a child with a PIN and 10 points, and a member with 5. */
async function kitchen() {
  const h = await household(5);
  const device = await h.admin.client.circles.createDevice({ name: "Kitchen tablet" });
  const child = await h.admin.client.circles.addChild({ username: uniqueName("kid"), displayName: "Alex", pin: "2468" });
  await h.admin.client.circles.adjustPoints(child.userId, { amount: 10, reason: "Pocket money" });
  const tablet = (pin: string | null = "2468") => {
    const client = server.client(device.token);
    client.setTabletMember(child.userId, pin);
    return client;
  };
  return { ...h, device, child, tablet };
}

describe("on a shared tablet (issue 17 item 7)", () => {
  it("a child sees what they can afford, asks after their PIN, recorded as the child via the tablet, and sees the status", async () => {
    const h = await kitchen();
    const comic = await h.admin.client.rewards.create({ name: "Comic", cost: 4, stock: 2 });
    await h.admin.client.rewards.create({ name: "Bike", cost: 500 });
    await h.admin.client.rewards.create({ name: "Coffee", cost: 1, availableTo: [h.manager.user.id] });
    const tablet = h.tablet();
    const offer = await tablet.rewards.list();
    expect([offer.points, offer.rewards.map((reward) => reward.name)]).toEqual([10, ["Comic", "Bike"]]);

    const request = await tablet.rewards.request(comic.id);
    expect(request).toMatchObject({ userId: h.child.userId, actorUserId: h.child.userId, viaDeviceId: h.device.id, status: "pending" });
    expect((await tablet.rewards.list()).points).toBe(6);
    const [entry] = (await h.admin.client.circles.memberPoints(h.child.userId)).entries;
    expect(entry).toMatchObject({ kind: "redeemed", amount: -4, actor: { id: h.child.userId }, viaDevice: { id: h.device.id } });
    const [event] = (await h.admin.client.circles.audit({ action: "reward.requested" })).events;
    expect(event).toMatchObject({ actorUserId: h.child.userId, subjectUserId: null, viaDeviceId: h.device.id });
    expect(event!.payload).toMatchObject({ member: h.child.userId, deviceName: "Kitchen tablet" });

    await h.admin.client.rewards.approve(request.id, { note: "Saturday" });
    await h.member.client.rewards.request((await h.admin.client.rewards.create({ name: "Sticker", cost: 1 })).id);
    // Only the child's own requests, with their status and the note.
    expect((await tablet.rewards.requests()).requests.map((r) => [r.reward.name, r.status, r.decisionNote])).toEqual([
      ["Comic", "approved", "Saturday"],
    ]);
  });

  it("needs the child's PIN, cannot overdraw, and may not decide, offer or change rewards", async () => {
    const h = await kitchen();
    const bike = await h.admin.client.rewards.create({ name: "Bike", cost: 500 });
    const sweets = await h.admin.client.rewards.create({ name: "Sweets", cost: 2 });
    await expectApiError(h.tablet("1111").rewards.request(sweets.id), 403, "invalid_pin");
    await expectApiError(h.tablet(null).rewards.list(), 403, "invalid_pin");
    await expectApiError(h.tablet().rewards.request(bike.id), 409, "insufficient_points");
    const request = await h.tablet().rewards.request(sweets.id);
    for (const refused of [
      h.tablet().rewards.approve(request.id, {}),
      h.tablet().rewards.decline(request.id, {}),
      h.tablet().rewards.refund(request.id, {}),
      h.tablet().rewards.create({ name: "Own reward", cost: 1 }),
      h.tablet().rewards.update(sweets.id, { cost: 1 }),
      h.tablet().rewards.archive(sweets.id),
      h.tablet().circles.memberPoints(h.child.userId),
    ]) {
      await expectApiError(refused, 403, "device_not_allowed");
    }
    expect((await h.admin.client.rewards.requests()).requests.map((r) => r.status)).toEqual(["pending"]);
    expect((await h.admin.client.rewards.list()).rewards.map((reward) => reward.cost)).toEqual([2, 500]);
  });
});

describe("the audit log (issue 17 item 7)", () => {
  const eventOf = async (h: TestCircle, action: string) => {
    const { events } = await h.admin.client.circles.audit({ action });
    expect([action, events.length]).toEqual([action, 1]);
    return events[0]!;
  };

  it("records every ledger and reward change with its actor and subject, and the impersonator when acting", async () => {
    const h = await household(0);
    const adjusted = await h.admin.client.circles.adjustPoints(h.member.user.id, { amount: 30, reason: "Birthday" });
    expect(await eventOf(h, "points.adjusted")).toMatchObject({
      actorUserId: h.admin.user.id,
      subjectUserId: null,
      entityType: "user",
      entityId: String(h.member.user.id),
      outcome: "allowed",
      payload: { entryId: adjusted.entry.id, amount: 30, reason: "Birthday", points: 30 },
    });

    const reward = await h.manager.client.rewards.create({ name: "Zoo", cost: 5, stock: 3 });
    const rewardEvent = { actorUserId: h.manager.user.id, subjectUserId: null, entityType: "reward", entityId: String(reward.id) };
    expect(await eventOf(h, "reward.created")).toMatchObject({ ...rewardEvent, payload: { name: "Zoo", cost: 5, stock: 3 } });
    await h.manager.client.rewards.update(reward.id, { cost: 6, availableTo: [h.member.user.id] });
    expect(await eventOf(h, "reward.updated")).toMatchObject({ ...rewardEvent, payload: { cost: 6, availableTo: [h.member.user.id] } });

    // Asked by the member, and by the admin acting as them: both users on the event.
    const own = await h.member.client.rewards.request(reward.id);
    const asked = await actingAs(h.admin, h.member);
    const forThem = await asked.rewards.request(reward.id);
    const requested = (await h.admin.client.circles.audit({ action: "reward.requested" })).events;
    expect(requested.map((event) => [event.entityId, event.actorUserId, event.subjectUserId, event.payload.impersonatedUserId])).toEqual([
      [String(forThem.id), h.admin.user.id, h.member.user.id, h.member.user.id],
      [String(own.id), h.member.user.id, null, undefined],
    ]);
    for (const event of requested) expect(event.payload).toMatchObject({ rewardId: reward.id, member: h.member.user.id, cost: 6 });

    await h.manager.client.rewards.approve(own.id, { note: "Fine" });
    await h.admin.client.rewards.refund(own.id, { note: "Closed" });
    await h.manager.client.rewards.decline(forThem.id, {});
    const decision = (id: number, note: string | null) => ({
      subjectUserId: null,
      entityType: "reward_request",
      entityId: String(id),
      payload: { rewardId: reward.id, member: h.member.user.id, cost: 6, note },
    });
    expect(await eventOf(h, "reward.approved")).toMatchObject({ actorUserId: h.manager.user.id, ...decision(own.id, "Fine") });
    expect(await eventOf(h, "reward.refunded")).toMatchObject({ actorUserId: h.admin.user.id, ...decision(own.id, "Closed") });
    expect(await eventOf(h, "reward.declined")).toMatchObject({ actorUserId: h.manager.user.id, ...decision(forThem.id, null) });

    await h.admin.client.rewards.archive(reward.id);
    expect(await eventOf(h, "reward.archived")).toMatchObject({ ...rewardEvent, actorUserId: h.admin.user.id });

    // Each of these changed the ledger: one event per row that is not an earned/undone chore row.
    const entries = await server.db.prisma.pointsEntry.count({ where: { userId: h.member.user.id } });
    expect(entries).toBe(5);
  });
});
