/**
 * Limits on `GET /events` streams (issue 13, item 6): per sign-in and per person the
 * oldest stream gives way with a `closed` event, per process a new one gets 503; and the
 * beat re-checks every open stream with one statement per circle, still ending those
 * whose sign-in, token, membership or impersonation rights are gone.
 */
import type { ChorusClient } from "@chorus/shared";
import { runWithSqlCounter } from "../db/sqlCounter";
import { makeChore } from "../test/choreFactories";
import { addMember, createHousehold, expectApiError, signUp, type TestCircle, type TestUser } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";
import { openStream, settlesWithin, type OpenStream } from "../test/liveEvents";

let server: TestServer;
const streams: OpenStream[] = [];
const watch = async (client: ChorusClient) => {
  const stream = await openStream(client);
  streams.push(stream);
  return stream;
};
const closedEvent = { type: "closed", reason: "too_many_streams" };

beforeAll(async () => {
  // No beat runs on its own during a test (the tests call recheck()); small limits.
  server = await startTestServer({ liveHeartbeatMs: 3_600_000, liveStreamLimits: { perSession: 2, perUser: 3, perProcess: 1000 } });
});
afterEach(() => {
  for (const stream of streams.splice(0)) stream.stop();
});
afterAll(() => server.close());

/** Another sign-in of `person`, as a second browser or phone would have. */
async function signInAgain(target: TestServer, person: TestUser): Promise<ChorusClient> {
  const { token } = await target.client().auth.login({ login: person.user.username, password: person.password });
  return target.client(token);
}

describe("GET /events limits per sign-in and per person", () => {
  it("closes a sign-in's oldest stream, with a closed event, when it opens one too many", async () => {
    const household = await createHousehold(server);
    const first = await watch(household.member.client);
    const second = await watch(household.member.client);
    const third = await watch(household.member.client);
    expect(await first.next()).toEqual(closedEvent);
    expect(await settlesWithin(first.ended, 2_000)).toBe(true);
    // The newer ones stay open and hear about changes.
    await makeChore(household.admin.client);
    expect(await second.next()).toEqual({ type: "chores" });
    expect(await third.next()).toEqual({ type: "chores" });
  });

  it("closes a person's oldest stream across their sign-ins beyond the per-person limit", async () => {
    const person = await signUp(server);
    const signIns = [
      person.client,
      await signInAgain(server, person),
      await signInAgain(server, person),
      await signInAgain(server, person),
    ];
    const opened = [];
    for (const client of signIns.slice(0, 3)) opened.push(await watch(client));
    const outsider = await watch((await signUp(server)).client);
    opened.push(await watch(signIns[3]!));
    expect(await opened[0]!.next()).toEqual(closedEvent);
    expect(await settlesWithin(opened[0]!.ended, 2_000)).toBe(true);
    // Nobody else's stream was touched.
    await makeChore(person.client);
    for (const stream of opened.slice(1)) expect(await stream.next()).toEqual({ type: "chores" });
    expect(outsider.events).toEqual([]);
  });
});

describe("GET /events limit per process", () => {
  let small: TestServer;
  beforeAll(async () => {
    small = await startTestServer({ liveHeartbeatMs: 3_600_000, liveStreamLimits: { perSession: 1, perUser: 1, perProcess: 3 } });
  });
  afterAll(() => small.close());

  it("answers 503 too_many_streams with Retry-After once full, yet lets a tab reopen its own stream", async () => {
    const people = [await signUp(small), await signUp(small), await signUp(small), await signUp(small)];
    const open = [await watch(people[0]!.client), await watch(people[1]!.client), await watch(people[2]!.client)];
    const refused = await small.fetch("/events", { headers: { Authorization: `Bearer ${people[3]!.token}` } });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("30");
    expect(await refused.json()).toEqual({ error: { code: "too_many_streams", message: expect.any(String) } });
    await expectApiError(people[3]!.client.events.stream({ onEvent: () => {} }), 503, "too_many_streams");

    // The same sign-in reopening (a reloaded tab) replaces its own stream, full or not.
    const reopened = await watch(people[0]!.client);
    expect(await open[0]!.next()).toEqual(closedEvent);
    await makeChore(people[0]!.client);
    expect(await reopened.next()).toEqual({ type: "chores" });
  });
});

describe("the beat re-checks every open stream at once", () => {
  let households: TestCircle[];
  beforeAll(async () => {
    households = [await createHousehold(server), await createHousehold(server), await createHousehold(server)];
  });

  it("with one SQL statement per circle, however many streams are open", async () => {
    const opened: OpenStream[] = [];
    for (const household of households) {
      const viewer = server.client(household.manager.token);
      viewer.setImpersonateUserId(household.member.user.id);
      const { token } = await household.admin.client.users.createToken({ name: "script" });
      const memberElsewhere = await signInAgain(server, household.member);
      for (const client of [
        household.admin.client,
        household.manager.client,
        household.member.client,
        memberElsewhere,
        viewer,
        server.client(token),
      ]) {
        opened.push(await watch(client));
      }
    }
    const { result, counter } = runWithSqlCounter(() => server.deps.live.recheck());
    await result;
    expect(counter.statements).toBe(households.length);
    for (const stream of opened) expect(await settlesWithin(stream.ended, 50)).toBe(false);
  });

  it("ends the streams whose sign-in, token, membership or impersonation rights are gone, and only those", async () => {
    const [home] = households;
    const extra = await addMember(server, home!.admin, "member");
    const signedOut = await signInAgain(server, home!.member);
    const { id: tokenId, token } = await home!.admin.client.users.createToken({ name: "revoked" });
    const viewer = server.client(home!.manager.token);
    viewer.setImpersonateUserId(home!.member.user.id);
    const viewerOfExtra = await signInAgain(server, home!.manager);
    viewerOfExtra.setImpersonateUserId(extra.user.id);
    const ending = {
      signedOut: await watch(signedOut),
      revokedToken: await watch(server.client(token)),
      impersonationEnded: await watch(viewer),
      targetPromoted: await watch(viewerOfExtra),
    };
    const staying = [await watch(home!.admin.client), await watch(home!.member.client), await watch(households[1]!.member.client)];

    await signedOut.auth.logout();
    await home!.admin.client.users.revokeToken(tokenId);
    await home!.manager.client.impersonation.end();
    await home!.admin.client.circles.setRole(extra.user.id, { role: "manager" });
    await server.deps.live.recheck();

    for (const [what, stream] of Object.entries(ending)) {
      if (!(await settlesWithin(stream.ended, 2_000))) throw new Error(`The ${what} stream is still open`);
    }
    for (const stream of staying) expect(await settlesWithin(stream.ended, 50)).toBe(false);
  });
});
