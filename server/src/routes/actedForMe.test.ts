/**
 * "Acted for you" (docs/decisions/0012): a member sees the chore actions others made as
 * them and the impersonation sessions started on them, newest first, paged, with an unread count.
 */
import { makeChore } from "../test/choreFactories";
import { addMember, createHousehold, expectApiError } from "../test/factories";
import { readError, startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("GET /users/me/acted-for-me", () => {
  it("lists what others did as me and impersonation sessions on me, newest first, and nothing I did myself", async () => {
    const h = await createHousehold(server);
    const other = await addMember(server, h.admin);
    const chore = await makeChore(h.admin.client, { name: "Feed the cat", assignees: [h.member.user.id] });
    const own = await makeChore(h.admin.client, { name: "Water plants", assignees: [h.member.user.id] });
    const theirs = await makeChore(h.admin.client, { name: "Not mine", assignees: [other.user.id] });

    await h.member.client.chores.do(own.id); // by me: not listed
    await h.admin.client.chores.do(theirs.id); // for someone else: not listed
    await h.admin.client.impersonation.start({ userId: h.member.user.id, reason: "Alex is away", mode: "act" });
    const acting = server.client(h.admin.token);
    acting.setImpersonateUserId(h.member.user.id);
    await acting.chores.start(chore.id);
    await acting.chores.do(chore.id, { note: "Fed twice" });

    const { items, nextCursor, unreadCount } = await h.member.client.users.actedForMe();
    expect(nextCursor).toBeNull();
    expect(unreadCount).toBe(3);
    expect(items.map((item) => (item.kind === "chore_action" ? `${item.action} ${item.choreName}` : "impersonation"))).toEqual([
      "completed Feed the cat",
      "started Feed the cat",
      "impersonation",
    ]);
    expect(items[0]).toMatchObject({
      kind: "chore_action",
      actor: { userId: h.admin.user.id, displayName: h.admin.user.displayName },
      choreId: chore.id,
      note: "Fed twice",
      points: chore.points,
    });
    expect(items[2]).toMatchObject({
      kind: "impersonation_session",
      actor: { userId: h.admin.user.id },
      reason: "Alex is away",
      endedAt: null,
    });

    // Nobody else's feed shows it.
    expect((await other.client.users.actedForMe()).items).toHaveLength(0);
    expect((await h.admin.client.users.actedForMe()).items).toHaveLength(0);
  });

  it("shows when an impersonation session was ended", async () => {
    const h = await createHousehold(server);
    await h.manager.client.impersonation.start({ userId: h.member.user.id });
    await h.manager.client.impersonation.end();
    const [session] = (await h.member.client.users.actedForMe()).items;
    expect(session).toMatchObject({ kind: "impersonation_session", actor: { userId: h.manager.user.id }, reason: null });
    expect(session!.kind === "impersonation_session" && session!.endedAt).toBeTruthy();
  });

  it("pages with a cursor, without gaps or repeats, even for rows at the same instant", async () => {
    const h = await createHousehold(server);
    const chore = await makeChore(h.admin.client, {
      frequency: { type: "daily" },
      nextDueDate: "2026-01-01T08:00:00Z",
      assignees: [h.member.user.id],
    });
    const acting = server.client(h.admin.token);
    acting.setImpersonateUserId(h.member.user.id);
    let dueDate = chore.nextDueDate;
    for (let i = 0; i < 4; i += 1)
      dueDate = (await acting.chores.do(chore.id, { completedAt: "2026-02-01T10:00:00Z", dueDate })).nextDueDate;

    const seen: string[] = [];
    let before: string | undefined;
    do {
      const page = await h.member.client.users.actedForMe({ limit: "2", ...(before ? { before } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.id));
      before = page.nextCursor ?? undefined;
    } while (before);
    expect(seen).toHaveLength(5); // four completions and the impersonation session the header started
    expect(new Set(seen).size).toBe(5);
  });

  it("counts unread entries until the member marks the feed read", async () => {
    const h = await createHousehold(server);
    await h.manager.client.impersonation.start({ userId: h.member.user.id });
    expect((await h.member.client.users.actedForMe({ limit: "1" })).unreadCount).toBe(1);
    await h.member.client.users.markActedForMeRead();
    expect((await h.member.client.users.actedForMe()).unreadCount).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await h.manager.client.impersonation.start({ userId: h.member.user.id });
    const page = await h.member.client.users.actedForMe();
    expect([page.unreadCount, page.items.length]).toEqual([1, 2]);
  });

  it("refuses bad cursors and limits naming the field", async () => {
    const h = await createHousehold(server);
    for (const [query, field] of [
      ["before=bm9wZQ", "before"],
      ["before=%2F%2F", "before"],
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["other=1", "other"],
    ]) {
      const response = await server.fetch(`/users/me/acted-for-me?${query}`, { headers: { Authorization: `Bearer ${h.member.token}` } });
      expect(response.status).toBe(400);
      expect((await readError(response)).details?.fields).toHaveProperty(field!);
    }
  });

  it("is never available while impersonating, nor is marking it read", async () => {
    const h = await createHousehold(server);
    const acting = server.client(h.admin.token);
    acting.setImpersonateUserId(h.member.user.id);
    await expectApiError(acting.users.actedForMe(), 403, "impersonation_not_supported");
    await expectApiError(acting.users.markActedForMeRead(), 403, "impersonation_not_supported");
  });

  it("needs a signed-in user", async () => {
    await expectApiError(server.client().users.actedForMe(), 401, "unauthenticated");
  });
});
