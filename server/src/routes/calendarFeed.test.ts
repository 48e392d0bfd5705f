/**
 * The per-member calendar feed (docs/decisions/0012): a secret link made, regenerated and
 * revoked from the account, serving the member's upcoming chores as valid iCalendar.
 */
import { Writable } from "node:stream";
import ICAL from "ical.js";
import pino from "pino";
import { makeChore } from "../test/choreFactories";
import { addMember, createHousehold, expectApiError, signUp } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const inDays = (days: number, hourUtc = 8) => {
  const date = new Date(Date.now() + days * 86_400_000);
  date.setUTCHours(hourUtc, 0, 0, 0);
  return date.toISOString();
};

/** Fetches a feed path with no Authorization header, as a calendar app would. */
async function fetchFeed(path: string) {
  const response = await fetch(`${server.baseUrl}${path}`);
  return { response, text: await response.text() };
}

function events(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return { uid: event.uid, summary: event.summary, description: event.description, start: event.startDate.toJSDate().toISOString() };
  });
}

describe("managing the calendar link", () => {
  it("creates a secret link shown once, reports whether one exists, and audits it", async () => {
    const h = await createHousehold(server);
    expect(await h.member.client.users.calendarFeed()).toEqual({ feed: null });
    const created = await h.member.client.users.createCalendarFeed();
    expect(created.path).toMatch(/^\/api\/v1\/ical\/[A-Za-z0-9_-]{32}\.ics$/);
    expect(await h.member.client.users.calendarFeed()).toEqual({ feed: { createdAt: created.createdAt } });
    // Only a hash is stored.
    const token = /ical\/(.+)\.ics$/.exec(created.path)![1]!;
    const stored = await server.db.prisma.calendarFeed.findUniqueOrThrow({ where: { userId: h.member.user.id } });
    expect(stored.tokenHash).not.toContain(token);
    const { events: audit } = await h.admin.client.circles.audit({ action: "calendar_feed.created" });
    expect(audit[0]).toMatchObject({ actorUserId: h.member.user.id });
  });

  it("regenerating replaces the link: the old one answers 404", async () => {
    const h = await createHousehold(server);
    const first = await h.member.client.users.createCalendarFeed();
    const second = await h.member.client.users.createCalendarFeed();
    expect(second.path).not.toBe(first.path);
    expect((await fetchFeed(first.path)).response.status).toBe(404);
    expect((await fetchFeed(second.path)).response.status).toBe(200);
  });

  it("revoking makes the link answer 404, like an unknown or malformed one", async () => {
    const h = await createHousehold(server);
    const { path } = await h.member.client.users.createCalendarFeed();
    await h.member.client.users.revokeCalendarFeed();
    await h.member.client.users.revokeCalendarFeed();
    expect(await h.member.client.users.calendarFeed()).toEqual({ feed: null });
    for (const bad of [path, "/api/v1/ical/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics", "/api/v1/ical/short.ics", "/api/v1/ical/%00.ics"]) {
      const { response, text } = await fetchFeed(bad);
      expect([bad, response.status]).toEqual([bad, 404]);
      expect(JSON.parse(text).error.code).toBe("not_found");
    }
    const { events: audit } = await h.admin.client.circles.audit({ action: "calendar_feed.revoked" });
    expect(audit).toHaveLength(1);
  });

  it("is not impersonable and not for API tokens", async () => {
    const h = await createHousehold(server);
    const acting = server.client(h.admin.token);
    acting.setImpersonateUserId(h.member.user.id);
    await expectApiError(acting.users.createCalendarFeed(), 403, "impersonation_not_supported");
    await expectApiError(acting.users.calendarFeed(), 403, "impersonation_not_supported");
    await expectApiError(acting.users.revokeCalendarFeed(), 403, "impersonation_not_supported");
    const { token } = await h.member.client.users.createToken({ name: "script" });
    await expectApiError(server.client(token).users.createCalendarFeed(), 403, "forbidden");
    await expectApiError(server.client().users.createCalendarFeed(), 401, "unauthenticated");
  });

  it("refuses a selector header on the feed itself", async () => {
    const h = await createHousehold(server);
    const { path } = await h.member.client.users.createCalendarFeed();
    const response = await fetch(`${server.baseUrl}${path}`, { headers: { "X-Impersonate-User-ID": String(h.admin.user.id) } });
    expect(response.status).toBe(403);
  });
});

describe("the feed", () => {
  it("lists the member's upcoming chores only, with stable UIDs, UTC start times and private caching", async () => {
    const h = await createHousehold(server, "Europe/Berlin");
    const other = await addMember(server, h.admin);
    const bins = await makeChore(h.admin.client, {
      name: "Bins, paper; glass",
      description: "Back\\yard\nthen the street",
      nextDueDate: inDays(2),
      assignees: [h.member.user.id],
    });
    const secret = await makeChore(h.member.client, { name: "My private chore", isPrivate: true, nextDueDate: inDays(3) });
    await makeChore(h.admin.client, { name: "Someone else's", nextDueDate: inDays(1), assignees: [other.user.id] });
    await makeChore(other.client, { name: "Their private one", isPrivate: true, nextDueDate: inDays(1) });
    await makeChore(h.admin.client, { name: "No due date", assignees: [h.member.user.id] });
    const archived = await makeChore(h.admin.client, { name: "Archived", nextDueDate: inDays(1), assignees: [h.member.user.id] });
    await h.admin.client.chores.update(archived.id, { archived: true });
    const done = await makeChore(h.admin.client, { name: "Done once", nextDueDate: inDays(1), assignees: [h.member.user.id] });
    await h.member.client.chores.do(done.id, { dueDate: done.nextDueDate });

    const { path } = await h.member.client.users.createCalendarFeed();
    const { response, text } = await fetchFeed(path);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("cache-control")).toMatch(/^private\b/);
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);

    const listed = events(text);
    expect(listed.map((event) => event.summary).sort()).toEqual(["Bins, paper; glass", "My private chore"]);
    const binsEvent = listed.find((event) => event.summary === bins.name)!;
    const due = new Date(bins.nextDueDate!);
    const dueCompact = due
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, ""); // 20261203T080000Z
    expect(binsEvent).toMatchObject({ description: "Back\\yard\nthen the street", start: due.toISOString() });
    expect(binsEvent.uid).toBe(`chore-${bins.id}-${dueCompact}@chorus`);
    expect(text).toContain(`DTSTART:${dueCompact}\r\n`);
    expect(text).toContain("SUMMARY:Bins\\, paper\\; glass");
    expect(listed.some((event) => event.uid.startsWith(`chore-${secret.id}-`))).toBe(true);

    // No other data: nobody's email, username or the circle's invite code.
    for (const leak of [
      h.member.user.email,
      h.admin.user.email,
      h.admin.user.username,
      (await h.admin.client.circles.current()).inviteCode!,
    ]) {
      expect(text).not.toContain(leak);
    }
    // The same request gives the same document: UIDs are stable.
    expect((await fetchFeed(path)).text).toBe(text);
  });

  it("folds long lines at 75 octets, even inside multi-byte characters", async () => {
    const h = await createHousehold(server);
    const name = "Gießkanne füllen und alle Pflanzen im Wohnzimmer gießen — Küche, Bad, Flur 🌿🌿";
    await makeChore(h.member.client, { name, nextDueDate: inDays(1) });
    const { path } = await h.member.client.users.createCalendarFeed();
    const { text } = await fetchFeed(path);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(events(text).map((event) => event.summary)).toEqual([name]);
  });

  it("lists the occurrences ahead for chores that stay with the member, only the next one for rotating chores", async () => {
    const h = await createHousehold(server, "Europe/Berlin");
    const other = await addMember(server, h.admin);
    const daily = await makeChore(h.admin.client, {
      name: "Daily",
      frequency: { type: "daily" },
      nextDueDate: inDays(1),
      assignees: [h.member.user.id],
    });
    await makeChore(h.admin.client, {
      name: "Rotating",
      frequency: { type: "weekly", weekdays: [1] },
      nextDueDate: inDays(1),
      assignees: [h.member.user.id, other.user.id],
      assignmentStrategy: "round_robin",
    });
    const { path } = await h.member.client.users.createCalendarFeed();
    const listed = events((await fetchFeed(path)).text);
    const dailies = listed.filter((event) => event.summary === "Daily");
    expect(dailies.length).toBeGreaterThanOrEqual(50);
    expect(dailies[0]!.start).toBe(new Date(daily.nextDueDate!).toISOString());
    expect(new Set(dailies.map((event) => event.uid)).size).toBe(dailies.length);
    expect(listed.filter((event) => event.summary === "Rotating")).toHaveLength(1);
  });

  it("lists every occurrence ahead of a shared chore: each is the member's part, or their pool's", async () => {
    const h = await createHousehold(server, "Europe/Berlin");
    const other = await addMember(server, h.admin);
    for (const assignmentMode of ["everyone", "anyone"] as const) {
      await makeChore(h.admin.client, {
        name: assignmentMode,
        frequency: { type: "weekly", weekdays: [1] },
        nextDueDate: inDays(1),
        assignees: [h.member.user.id, other.user.id],
        assignmentMode,
        // Left over from rotation: a shared chore does not rotate.
        assignmentStrategy: "round_robin",
      });
    }
    const { path } = await h.member.client.users.createCalendarFeed();
    const listed = events((await fetchFeed(path)).text);
    // Eight weeks ahead: eight or nine Mondays.
    for (const name of ["everyone", "anyone"]) expect(listed.filter((event) => event.summary === name).length).toBeGreaterThanOrEqual(8);
  });

  it("lists an overdue occurrence, then only the ones still ahead (the same projection as the calendar view)", async () => {
    const h = await createHousehold(server, "Europe/Berlin");
    const overdue = await makeChore(h.admin.client, {
      name: "Overdue",
      frequency: { type: "daily" },
      nextDueDate: inDays(-3),
      assignees: [h.member.user.id],
    });
    const { path } = await h.member.client.users.createCalendarFeed();
    const starts = events((await fetchFeed(path)).text)
      .filter((event) => event.summary === "Overdue")
      .map((event) => event.start);
    expect(starts[0]).toBe(new Date(overdue.nextDueDate!).toISOString());
    // The two days in between have passed: they are not listed as if still to come.
    expect(starts.slice(1).every((start) => Date.parse(start) > Date.now())).toBe(true);
    const calendar = await h.member.client.calendar.get({
      from: new Date(Date.parse(inDays(-3)) - 86_400_000).toISOString().slice(0, 10),
      to: new Date(Date.parse(inDays(20))).toISOString().slice(0, 10),
    });
    const shown = calendar.occurrences.filter((occurrence) => occurrence.choreId === overdue.id).map((occurrence) => occurrence.at);
    expect(shown.length).toBeGreaterThan(10);
    expect(shown).toEqual(starts.slice(0, shown.length));
  });

  it("stops listing when the member leaves the circle", async () => {
    const h = await createHousehold(server);
    await makeChore(h.member.client, { name: "Mine", nextDueDate: inDays(1) });
    const { path } = await h.member.client.users.createCalendarFeed();
    await h.admin.client.circles.removeMember(h.member.user.id);
    expect((await fetchFeed(path)).response.status).toBe(404);
  });

  it("never writes the secret to the log", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    // Debug: successful requests are logged at that level (decision 0008).
    const logged = await startTestServer({}, pino({ level: "debug" }, sink));
    try {
      const user = await signUp(logged);
      const { path } = await user.client.users.createCalendarFeed();
      expect((await fetch(`${logged.baseUrl}${path}`)).status).toBe(200);
      const token = /ical\/(.+)\.ics$/.exec(path)![1]!;
      expect(lines.join("")).toContain("/ical/[secret]");
      expect(lines.join("")).not.toContain(token);
    } finally {
      await logged.close();
    }
  });
});
