/**
 * Reviewing act-as (decision 0022): the audit page's Sessions view — one row per session
 * with who, for whom, mode, reason, start, end, actions and refusals, paged — and its CSV
 * export for a date range, admins only, never while impersonating, never from a tablet.
 */
import { makeChore } from "../test/choreFactories";
import { createHousehold, expectApiError, type TestCircle, type TestUser } from "../test/factories";
import { readError, startTestServer, type TestServer } from "../test/harness";
import { csvCell } from "../presenters/impersonation";

let server: TestServer;
beforeAll(async () => {
  // A limit within the extend window, so a session may be extended at once.
  server = await startTestServer({ impersonationLimitMinutes: 4 });
});
afterAll(() => server.close());

const actingAs = (actor: TestUser, target: TestUser) => {
  const client = server.client(actor.token);
  client.setImpersonateUserId(target.user.id);
  return client;
};

const today = () => new Date().toISOString().slice(0, 10);

/** Parses the export back (RFC 4180: quoted cells, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 1;
    } else cell += char;
  }
  return rows;
}

/** An act session with two writes and a refused one, then a view-only session with a refused write. */
async function actedHousehold(): Promise<TestCircle & { choreId: number }> {
  const h = await createHousehold(server);
  const chore = await makeChore(h.admin.client, { assignees: [h.member.user.id] });
  await h.admin.client.impersonation.start({ userId: h.member.user.id, reason: "Alex is ill", mode: "act" });
  const acting = actingAs(h.admin, h.member);
  await acting.chores.start(chore.id);
  await acting.chores.pause(chore.id);
  await acting.impersonation.extend(); // session upkeep, not an action
  await acting.impersonation.setMode({ mode: "view" });
  await expectApiError(acting.chores.start(chore.id), 403, "impersonation_read_only");
  await h.admin.client.impersonation.end();
  await h.manager.client.impersonation.start({ userId: h.member.user.id, reason: '=HYPERLINK("http://x")' });
  return { ...h, choreId: chore.id };
}

describe("GET /circles/current/audit/sessions", () => {
  it("lists each session newest first with who, for whom, mode, reason, times and its actions and refusals", async () => {
    const h = await actedHousehold();
    const { sessions, nextCursor } = await h.admin.client.circles.impersonationSessions();
    expect(nextCursor).toBeNull();
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toMatchObject({
      actor: { userId: h.manager.user.id, displayName: h.manager.user.displayName },
      target: { userId: h.member.user.id, displayName: h.member.user.displayName },
      mode: "view",
      reason: '=HYPERLINK("http://x")',
      endedAt: null,
      actionCount: 0,
      refusalCount: 0,
    });
    expect(sessions[1]).toMatchObject({
      actor: { userId: h.admin.user.id },
      target: { userId: h.member.user.id },
      mode: "view", // switched to view during the session: the row shows where it ended up
      reason: "Alex is ill",
      actionCount: 2,
      refusalCount: 1,
    });
    expect(sessions[1]!.endedAt).not.toBeNull();
    expect(Date.parse(sessions[1]!.startedAt)).toBeLessThanOrEqual(Date.parse(sessions[1]!.endedAt!));
  });

  it("pages by cursor, neither skipping nor repeating", async () => {
    const h = await createHousehold(server);
    for (const reason of ["one", "two", "three"]) await h.admin.client.impersonation.start({ userId: h.member.user.id, reason });
    const first = await h.admin.client.circles.impersonationSessions({ limit: "2" });
    expect(first.sessions.map(({ reason }) => reason)).toEqual(["three", "two"]);
    const second = await h.admin.client.circles.impersonationSessions({ limit: "2", before: first.nextCursor! });
    expect(second.sessions.map(({ reason }) => reason)).toEqual(["one"]);
    expect(second.nextCursor).toBeNull();
  });

  it("shows only the caller's circle", async () => {
    const h = await actedHousehold();
    const other = await createHousehold(server);
    expect((await other.admin.client.circles.impersonationSessions()).sessions).toEqual([]);
    expect((await h.admin.client.circles.impersonationSessions()).sessions).toHaveLength(2);
  });

  it("refuses bad paging input with 400", async () => {
    const h = await createHousehold(server);
    for (const query of ["limit=0", "limit=101", "before=abc", "before=-1", "extra=1"]) {
      const response = await server.fetch(`/circles/current/audit/sessions?${query}`, {
        headers: { Authorization: `Bearer ${h.admin.token}` },
      });
      expect([query, response.status, (await readError(response)).code]).toEqual([query, 400, "validation_failed"]);
    }
  });
});

describe("GET /circles/current/audit/sessions.csv", () => {
  it("exports the range's sessions, oldest first, escaped and safe to open in a spreadsheet", async () => {
    const h = await actedHousehold();
    const response = await server.fetch(`/circles/current/audit/sessions.csv?from=${today()}&to=${today()}`, {
      headers: { Authorization: `Bearer ${h.admin.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="chorus-sessions-${today()}-to-${today()}.csv"`);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const bytes = Buffer.from(await response.arrayBuffer());
    // A byte-order mark first, so spreadsheets read UTF-8 (fetch's text() would hide it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      "session",
      "started_at",
      "ended_at",
      "expires_at",
      "actor_id",
      "actor",
      "member_id",
      "member",
      "mode",
      "reason",
      "actions",
      "refusals",
    ]);
    expect(rows).toHaveLength(2);
    const { sessions } = await h.admin.client.circles.impersonationSessions();
    const [newer, older] = sessions;
    expect(rows[0]).toEqual([
      String(older!.id),
      older!.startedAt,
      older!.endedAt,
      older!.expiresAt,
      String(h.admin.user.id),
      h.admin.user.displayName,
      String(h.member.user.id),
      h.member.user.displayName,
      "view",
      "Alex is ill",
      "2",
      "1",
    ]);
    // A formula is shown, never run: the cell starts with an apostrophe; its quotes survive the round trip.
    expect(rows[1]![9]).toBe(`'=HYPERLINK("http://x")`);
    expect(rows[1]![2]).toBe("");
    expect(rows[1]![0]).toBe(String(newer!.id));

    // The export is audited.
    const { events } = await h.admin.client.circles.audit({ action: "audit.sessions_exported" });
    expect(events[0]).toMatchObject({ actorUserId: h.admin.user.id, payload: { from: today(), to: today(), rows: 2 } });
  });

  it("keeps to the range, in the circle's time zone", async () => {
    const h = await actedHousehold();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const csv = await h.admin.client.circles.exportImpersonationSessions({ from: yesterday, to: yesterday });
    // Sessions started now fall on today in UTC (the factory circle's zone) unless it is just past midnight there.
    const rows = parseCsv(csv);
    expect(rows.length === 1 || new Date().getUTCHours() === 0).toBe(true);
    expect(parseCsv(await h.admin.client.circles.exportImpersonationSessions({ from: yesterday, to: today() }))).toHaveLength(3);
  });

  it("refuses a bad or too long range with 400 naming the field", async () => {
    const h = await createHousehold(server);
    const cases: [string, string][] = [
      ["from=2026-12-03", "to"],
      ["from=2026-13-01&to=2026-12-03", "from"],
      ["from=2026-12-03&to=2026-12-01", "to"],
      ["from=2025-01-01&to=2026-12-31", "to"],
      ["from=03.12.2026&to=2026-12-03", "from"],
    ];
    for (const [query, field] of cases) {
      const response = await server.fetch(`/circles/current/audit/sessions.csv?${query}`, {
        headers: { Authorization: `Bearer ${h.admin.token}` },
      });
      const error = await readError(response);
      expect([query, response.status, error.code, Object.keys(error.details?.fields ?? {})]).toEqual([
        query,
        400,
        "validation_failed",
        [field],
      ]);
    }
  });
});

describe("access to the Sessions view and its export", () => {
  const paths = () => ["/circles/current/audit/sessions", `/circles/current/audit/sessions.csv?from=${today()}&to=${today()}`];

  it("is for admins: managers and members get 403 forbidden", async () => {
    const h = await actedHousehold();
    for (const user of [h.manager, h.member]) {
      for (const path of paths()) {
        const response = await server.fetch(path, { headers: { Authorization: `Bearer ${user.token}` } });
        expect([path, response.status, (await readError(response)).code]).toEqual([path, 403, "forbidden"]);
      }
    }
  });

  it("is refused while impersonating, in either mode, and with no sign-in at all", async () => {
    const h = await actedHousehold();
    await h.admin.client.impersonation.start({ userId: h.manager.user.id, mode: "act" });
    for (const path of paths()) {
      const response = await server.fetch(path, {
        headers: { Authorization: `Bearer ${h.admin.token}`, "X-Impersonate-User-ID": String(h.manager.user.id) },
      });
      expect([path, response.status, (await readError(response)).code]).toEqual([path, 403, "impersonation_not_supported"]);
      expect((await server.fetch(path)).status).toBe(401);
    }
  });

  it("is refused to a shared tablet's token, and open to an admin's API token like the audit log", async () => {
    const h = await actedHousehold();
    const { token: deviceToken } = await h.admin.client.circles.createDevice({ name: "Kitchen" });
    const { token: apiToken } = await h.admin.client.users.createToken({ name: "review script" });
    for (const path of paths()) {
      const tablet = await server.fetch(path, { headers: { Authorization: `Bearer ${deviceToken}` } });
      expect([path, tablet.status, (await readError(tablet)).code]).toEqual([path, 403, "device_not_allowed"]);
      const member = await server.fetch(path, {
        headers: { Authorization: `Bearer ${deviceToken}`, "X-Tablet-Member-ID": String(h.member.user.id) },
      });
      expect([path, member.status]).toEqual([path, 403]);
      expect((await server.fetch(path, { headers: { Authorization: `Bearer ${apiToken}` } })).status).toBe(200);
    }
  });
});

describe("a CSV cell", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=1+2", "'=1+2"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["=a,b", `"'=a,b"`],
    [null, ""],
    [7, "7"],
  ])("%j is written %j", (value, written) => {
    expect(csvCell(value)).toBe(written);
  });
});
