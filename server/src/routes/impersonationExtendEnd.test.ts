/**
 * Extending and ending impersonation sessions (decision 0024): at most
 * IMPERSONATION_MAX_EXTENSIONS extensions, each in the session's last minutes and audited with
 * the count; ending one (Exit in any tab, on any device, a replacement, sign-out or expiry)
 * reaches every stream viewing through it at once, and no one else's.
 */
import { createClient, type ChorusClient } from "@chorus/shared";
import { makeChore } from "../test/choreFactories";
import { createHousehold, expectApiError, type TestCircle, type TestUser } from "../test/factories";
import { serveSecondApp, startTestServer, type TestServer } from "../test/harness";
import { openStream, settlesWithin, type OpenStream } from "../test/liveEvents";

let server: TestServer;
const streams: OpenStream[] = [];
const watch = async (client: ChorusClient) => {
  const stream = await openStream(client);
  streams.push(stream);
  return stream;
};

beforeAll(async () => {
  server = await startTestServer({ impersonationLimitMinutes: 30, impersonationMaxExtensions: 2 });
});
afterEach(() => {
  for (const stream of streams.splice(0)) stream.stop();
});
afterAll(() => server.close());

const auditOf = (h: TestCircle, action: string) => h.admin.client.circles.audit({ action }).then(({ events }) => events);

/** Moves the open session's end to `msFromNow` from now, as if time had passed. */
async function endIn(actorUserId: number, targetUserId: number, msFromNow: number) {
  await server.db.prisma.impersonationSession.updateMany({
    where: { actorUserId, targetUserId, endedAt: null },
    data: { expiresAt: new Date(Date.now() + msFromNow) },
  });
}

/** Another sign-in of `person` (another device), as a client. */
async function signInAgain(person: TestUser, on: TestServer = server): Promise<ChorusClient> {
  return on.client((await on.client().auth.login({ login: person.user.username, password: person.password })).token);
}

/** A client on `token` viewing as `userId` (a tab). */
function tab(token: string, userId: number, on: TestServer = server): ChorusClient {
  const client = on.client(token);
  client.setImpersonateUserId(userId);
  return client;
}

describe("extending an impersonation session", () => {
  it("is refused before the session's last five minutes, saying from when, and changes nothing", async () => {
    const h = await createHousehold(server);
    const session = await h.admin.client.impersonation.start({ userId: h.member.user.id });
    const error = await tab(h.admin.token, h.member.user.id)
      .impersonation.extend()
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 409, code: "impersonation_extend_too_early" });
    const extendableAt = (error as { details?: { extendableAt?: string } }).details?.extendableAt;
    expect(Date.parse(extendableAt!)).toBe(Date.parse(session.expiresAt) - 5 * 60_000);
    expect(await auditOf(h, "impersonation.extended")).toHaveLength(0);
    expect((await tab(h.admin.token, h.member.user.id).users.me()).impersonationExpiresAt).toBe(session.expiresAt);
  });

  it("allows IMPERSONATION_MAX_EXTENSIONS extensions, counts them down, audits each with the count, then refuses", async () => {
    const h = await createHousehold(server);
    const started = await h.admin.client.impersonation.start({ userId: h.member.user.id });
    expect(started.extensionsLeft).toBe(2);
    const viewer = tab(h.admin.token, h.member.user.id);
    expect((await viewer.users.me()).impersonationExtensionsLeft).toBe(2);

    await endIn(h.admin.user.id, h.member.user.id, 4 * 60_000);
    const first = await viewer.impersonation.extend();
    expect(first.extensionsLeft).toBe(1);
    expect(Date.parse(first.expiresAt)).toBeGreaterThan(Date.now() + 29 * 60_000);
    expect((await viewer.users.me()).impersonationExtensionsLeft).toBe(1);
    // Right after an extension the session is far from its end again.
    await expectApiError(viewer.impersonation.extend(), 409, "impersonation_extend_too_early");

    await endIn(h.admin.user.id, h.member.user.id, 60_000);
    const second = await viewer.impersonation.extend();
    expect(second.extensionsLeft).toBe(0);
    expect((await viewer.users.me()).impersonationExtensionsLeft).toBe(0);

    await endIn(h.admin.user.id, h.member.user.id, 60_000);
    const refused = await viewer.impersonation.extend().catch((caught: unknown) => caught);
    expect(refused).toMatchObject({ status: 409, code: "impersonation_extension_limit", details: { maxExtensions: 2 } });

    const events = await auditOf(h, "impersonation.extended");
    expect(events.map((event) => event.payload)).toEqual([
      expect.objectContaining({ extensionCount: 2, maxExtensions: 2, expiresAt: second.expiresAt }),
      expect.objectContaining({ extensionCount: 1, maxExtensions: 2, expiresAt: first.expiresAt }),
    ]);
    expect(events[0]).toMatchObject({ actorUserId: h.admin.user.id, subjectUserId: h.member.user.id, outcome: "allowed" });

    // A new start is a new session, with its own extensions.
    expect((await h.admin.client.impersonation.start({ userId: h.member.user.id })).extensionsLeft).toBe(2);
  });

  it("never exceeds the limit when extends arrive together", async () => {
    // With a limit inside the extend window, every extend is in time: only the count can refuse.
    const short = await startTestServer({ impersonationLimitMinutes: 3, impersonationMaxExtensions: 3 });
    try {
      const h = await createHousehold(short);
      await h.admin.client.impersonation.start({ userId: h.member.user.id });
      const viewer = tab(h.admin.token, h.member.user.id, short);
      const results = await Promise.allSettled(Array.from({ length: 12 }, () => viewer.impersonation.extend()));
      const extended = results.filter((result) => result.status === "fulfilled");
      expect(extended).toHaveLength(3);
      for (const result of results) {
        if (result.status === "rejected") expect(result.reason).toMatchObject({ status: 409, code: "impersonation_extension_limit" });
      }
      const row = await short.db.prisma.impersonationSession.findFirstOrThrow({ where: { actorUserId: h.admin.user.id } });
      expect(row.extensionCount).toBe(3);
      const events = await h.admin.client.circles.audit({ action: "impersonation.extended" });
      expect(events.events.map((event) => Number(event.payload.extensionCount)).sort((a, b) => a - b)).toEqual([1, 2, 3]);
    } finally {
      await short.close();
    }
  });
});

describe("ending an impersonation session everywhere at once", () => {
  it("tells every stream viewing through it — other tabs and the same member on other sign-ins — and nobody else", async () => {
    const h = await createHousehold(server);
    const phone = await signInAgain(h.admin);
    const phoneToken = phone.getToken()!;
    const tablet = await signInAgain(h.admin);
    await h.admin.client.impersonation.start({ userId: h.member.user.id, mode: "act" });
    await phone.impersonation.start({ userId: h.member.user.id });
    await tablet.impersonation.start({ userId: h.manager.user.id });

    const tabOne = await watch(tab(h.admin.token, h.member.user.id));
    const tabTwo = await watch(tab(h.admin.token, h.member.user.id));
    const onPhone = await watch(tab(phoneToken, h.member.user.id));
    const tabletAsManager = await watch(tab(tablet.getToken()!, h.manager.user.id));
    const adminSelf = await watch(h.admin.client);
    const member = await watch(h.member.client);
    const manager = await watch(h.manager.client);

    await h.admin.client.impersonation.end();
    const ended = { type: "impersonation_ended", userId: h.member.user.id, reason: "request" };
    for (const stream of [tabOne, tabTwo, onPhone]) {
      expect(await stream.next(2_000)).toEqual(ended);
      expect(await settlesWithin(stream.ended, 2_000)).toBe(true);
    }
    // The others hear only the circle's sessions hint (for the feed and the audit log,
    // decision 0022; not while viewing as someone), then the next change in the circle: no end.
    await makeChore(h.admin.client);
    expect(await tabletAsManager.next()).toEqual({ type: "chores" });
    expect(tabletAsManager.events).toEqual([{ type: "chores" }]);
    for (const stream of [adminSelf, member, manager]) {
      expect(await stream.next()).toEqual({ type: "impersonation_sessions" });
      expect(await stream.next()).toEqual({ type: "chores" });
      expect(stream.events).toEqual([{ type: "impersonation_sessions" }, { type: "chores" }]);
    }
    expect(await server.db.prisma.impersonationSession.count({ where: { actorUserId: h.admin.user.id, endedAt: null } })).toBe(1);
    const endedEvents = await auditOf(h, "impersonation.ended");
    expect(endedEvents.map((event) => event.payload)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ endedBy: "request", impersonatedUserId: h.member.user.id, onOtherSignIn: true }),
        expect.not.objectContaining({ onOtherSignIn: true }),
      ]),
    );
  });

  it("clears away an expired session on this sign-in only", async () => {
    const h = await createHousehold(server);
    const phone = await signInAgain(h.admin);
    await h.admin.client.impersonation.start({ userId: h.member.user.id });
    await phone.impersonation.start({ userId: h.member.user.id });
    const onPhone = await watch(tab(phone.getToken()!, h.member.user.id));
    // The first sign-in's session (started first) ran out; the phone's did not.
    const first = await server.db.prisma.impersonationSession.findFirstOrThrow({
      where: { actorUserId: h.admin.user.id },
      orderBy: { id: "asc" },
    });
    await server.db.prisma.impersonationSession.update({ where: { id: first.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await h.admin.client.impersonation.end();
    expect(await settlesWithin(onPhone.ended, 500)).toBe(false);
    expect(await server.db.prisma.impersonationSession.count({ where: { actorUserId: h.admin.user.id, endedAt: null } })).toBe(1);
  });

  it("tells the other tabs when the sign-in starts acting as someone else, but not when it restarts on the same member", async () => {
    const h = await createHousehold(server);
    await h.admin.client.impersonation.start({ userId: h.member.user.id });
    const asMember = await watch(tab(h.admin.token, h.member.user.id));

    // A restart gives a fresh session on the same member: the tab goes on, told to reload.
    await h.admin.client.impersonation.start({ userId: h.member.user.id });
    expect(await asMember.next()).toEqual({ type: "impersonation" });
    expect(await settlesWithin(asMember.ended, 300)).toBe(false);

    await h.admin.client.impersonation.start({ userId: h.manager.user.id });
    expect(await asMember.next()).toEqual({ type: "impersonation_ended", userId: h.member.user.id, reason: "replaced" });
    expect(await settlesWithin(asMember.ended, 2_000)).toBe(true);
  });

  it("tells the other tabs about an extension, so they show the new end", async () => {
    const h = await createHousehold(server);
    await h.admin.client.impersonation.start({ userId: h.member.user.id });
    const other = await watch(tab(h.admin.token, h.member.user.id));
    await endIn(h.admin.user.id, h.member.user.id, 60_000);
    await tab(h.admin.token, h.member.user.id).impersonation.extend();
    expect(await other.next()).toEqual({ type: "impersonation" });
  });

  it("ends the streams of a signed-out sign-in's sessions", async () => {
    const h = await createHousehold(server);
    const device = await signInAgain(h.admin);
    await device.impersonation.start({ userId: h.member.user.id });
    const stream = await watch(tab(device.getToken()!, h.member.user.id));
    await device.auth.logout();
    expect(await stream.next()).toEqual({ type: "impersonation_ended", userId: h.member.user.id, reason: "signed_out" });
  });

  it("ends a stream when its session's time is up, unless it was extended meanwhile", async () => {
    const h = await createHousehold(server);
    await h.admin.client.impersonation.start({ userId: h.member.user.id });
    await endIn(h.admin.user.id, h.member.user.id, 1_000);
    const stream = await watch(tab(h.admin.token, h.member.user.id));
    expect(await stream.next(3_000)).toEqual({ type: "impersonation_ended", userId: h.member.user.id, reason: "expired" });
    expect(await settlesWithin(stream.ended, 1_000)).toBe(true);

    const other = await createHousehold(server);
    await other.admin.client.impersonation.start({ userId: other.member.user.id });
    await endIn(other.admin.user.id, other.member.user.id, 1_000);
    const extendedStream = await watch(tab(other.admin.token, other.member.user.id));
    await tab(other.admin.token, other.member.user.id).impersonation.extend();
    expect(await extendedStream.next()).toEqual({ type: "impersonation" });
    expect(await settlesWithin(extendedStream.ended, 1_500)).toBe(false);
  });
});

describe("across server processes", () => {
  it("ends a stream held by another process when the session ends through this one", async () => {
    const h = await createHousehold(server);
    const second = await serveSecondApp(server);
    const baseUrl = second.apiUrl.replace(/\/api\/v1$/, "");
    try {
      await h.admin.client.impersonation.start({ userId: h.member.user.id });
      const elsewhere = createClient({ baseUrl, token: h.admin.token });
      elsewhere.setImpersonateUserId(h.member.user.id);
      const stream = await watch(elsewhere);
      const memberElsewhere = await watch(createClient({ baseUrl, token: h.member.token }));
      await h.admin.client.impersonation.end();
      expect(await stream.next()).toEqual({ type: "impersonation_ended", userId: h.member.user.id, reason: "request" });
      expect(await settlesWithin(stream.ended, 2_000)).toBe(true);
      await makeChore(h.admin.client);
      expect(await memberElsewhere.next()).toEqual({ type: "impersonation_sessions" });
      expect(await memberElsewhere.next()).toEqual({ type: "chores" });
      expect(memberElsewhere.events).toEqual([{ type: "impersonation_sessions" }, { type: "chores" }]);
    } finally {
      for (const stream of streams.splice(0)) stream.stop();
      await second.close();
    }
  });
});
