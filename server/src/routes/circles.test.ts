import { addMember, createHousehold, expectApiError, signUp } from "../test/factories";
import { readError, startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("GET /circles/current", () => {
  it("shows the invite code to admins and managers only", async () => {
    const { admin, manager, member } = await createHousehold(server);
    expect((await admin.client.circles.current()).inviteCode).toBeDefined();
    expect((await manager.client.circles.current()).inviteCode).toBeDefined();
    const seenByMember = await member.client.circles.current();
    expect(seenByMember.inviteCode).toBeUndefined();
    expect(seenByMember.id).toBe(admin.user.circleId);
  });

  it("answers 401 without a token", async () => {
    await expectApiError(server.client().circles.current(), 401, "unauthenticated");
  });
});

describe("PATCH /circles/current", () => {
  it("lets admins rename, move time zone and switch impersonation off", async () => {
    const { admin } = await createHousehold(server);
    const updated = await admin.client.circles.update({ name: "The Flat", timezone: "Asia/Kolkata", impersonationEnabled: false });
    expect(updated).toMatchObject({ name: "The Flat", timezone: "Asia/Kolkata", impersonationEnabled: false });
    expect(await admin.client.circles.current()).toMatchObject({ name: "The Flat", impersonationEnabled: false });
  });

  it("refuses managers and members with 403 and changes nothing", async () => {
    const { admin, manager, member } = await createHousehold(server);
    const before = await admin.client.circles.current();
    await expectApiError(manager.client.circles.update({ name: "Mine" }), 403, "forbidden");
    await expectApiError(member.client.circles.update({ name: "Mine" }), 403, "forbidden");
    expect((await admin.client.circles.current()).name).toBe(before.name);
  });

  it.each([
    [{}, "body"],
    [{ timezone: "Not/AZone" }, "timezone"],
    [{ name: "   " }, "name"],
    [{ impersonationEnabled: "yes" }, "impersonationEnabled"],
    [{ inviteCode: "ABCDEFGH" }, "inviteCode"],
  ])("answers 400 naming the field for %j", async (body, field) => {
    const admin = await signUp(server);
    await expect(admin.client.circles.update(body as never)).rejects.toMatchObject({
      status: 400,
      code: "validation_failed",
      details: { fields: { [field]: expect.any(String) } },
    });
  });
});

describe("joining and accepting", () => {
  it("makes a pending membership that cannot act in the new circle until accepted", async () => {
    const admin = await signUp(server);
    const joiner = await signUp(server);
    const { inviteCode } = await admin.client.circles.current();
    expect(await joiner.client.circles.join({ inviteCode: inviteCode! })).toEqual({ circleId: admin.user.circleId, status: "pending" });
    // Still acting in their own circle: the new one's members are not theirs to see.
    expect((await joiner.client.circles.current()).id).toBe(joiner.user.circleId);
    const { members } = await admin.client.circles.members();
    expect(members.find((m) => m.userId === joiner.user.id)).toMatchObject({ status: "pending", role: "member" });

    const accepted = await admin.client.circles.accept(joiner.user.id);
    expect(accepted).toMatchObject({ userId: joiner.user.id, status: "active", role: "member", impersonator: false });
    expect(await joiner.client.users.me()).toMatchObject({ circleId: admin.user.circleId, role: "member" });
    // Their old circle had nobody else, so it is gone.
    expect(await server.db.prisma.circle.findUnique({ where: { id: joiner.user.circleId! } })).toBeNull();
  });

  it("accepts an invite code in any case and with spaces around it", async () => {
    const admin = await signUp(server);
    const joiner = await signUp(server);
    const { inviteCode } = await admin.client.circles.current();
    expect(await joiner.client.circles.join({ inviteCode: ` ${inviteCode!.toLowerCase()}  ` })).toEqual({
      circleId: admin.user.circleId,
      status: "pending",
    });
    const raw = await server.fetch("/circles/join", {
      method: "POST",
      headers: { Authorization: `Bearer ${(await signUp(server)).token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ inviteCode: `\t${inviteCode!.slice(0, 6).toLowerCase()}${inviteCode!.slice(6)} ` }),
    });
    expect(raw.status).toBe(200);
  });

  it("lets managers accept but not members", async () => {
    const { admin, manager, member } = await createHousehold(server);
    const first = await signUp(server);
    const second = await signUp(server);
    const { inviteCode } = await admin.client.circles.current();
    await first.client.circles.join({ inviteCode: inviteCode! });
    await second.client.circles.join({ inviteCode: inviteCode! });
    await expectApiError(member.client.circles.accept(first.user.id), 403, "forbidden");
    expect((await manager.client.circles.accept(first.user.id)).status).toBe("active");
    await expectApiError(manager.client.circles.accept(member.user.id), 404, "not_found");
  });

  it("answers 404 for an unknown invite code, 400 for a malformed one, 409 when already a member", async () => {
    const { admin, member } = await createHousehold(server);
    await expectApiError(member.client.circles.join({ inviteCode: "ZZZZZZZZZZZZ" }), 404, "not_found");
    await expectApiError(member.client.circles.join({ inviteCode: "bad code!" }), 400, "validation_failed");
    const { inviteCode } = await admin.client.circles.current();
    await expectApiError(member.client.circles.join({ inviteCode: inviteCode! }), 409, "conflict");
  });

  it("will not move the last admin out of a circle that still has members", async () => {
    const { admin } = await createHousehold(server);
    const other = await signUp(server);
    await admin.client.circles.join({ inviteCode: (await other.client.circles.current()).inviteCode! });
    await expectApiError(other.client.circles.accept(admin.user.id), 409, "last_admin");
    expect((await admin.client.users.me()).circleId).toBe(admin.user.circleId);
  });

  it("drops a user's other join requests once one is accepted", async () => {
    const first = await signUp(server);
    const second = await signUp(server);
    const mover = await signUp(server);
    await mover.client.circles.join({ inviteCode: (await first.client.circles.current()).inviteCode! });
    await mover.client.circles.join({ inviteCode: (await second.client.circles.current()).inviteCode! });
    await first.client.circles.accept(mover.user.id);
    await expectApiError(second.client.circles.accept(mover.user.id), 404, "not_found");
    expect((await mover.client.users.me()).circleId).toBe(first.user.circleId);
  });

  it("hides pending requests from plain members", async () => {
    const { admin, member } = await createHousehold(server);
    const joiner = await signUp(server);
    await joiner.client.circles.join({ inviteCode: (await admin.client.circles.current()).inviteCode! });
    const seen = (await member.client.circles.members()).members.map((m) => m.userId);
    expect(seen).not.toContain(joiner.user.id);
  });
});

describe("POST /invites/lookup", () => {
  it("names the circle of an invite code, to anyone, and reveals nothing else", async () => {
    const admin = await signUp(server);
    const circle = await admin.client.circles.current();
    expect(await server.client().circles.lookupInvite({ inviteCode: circle.inviteCode!.toLowerCase() })).toEqual({
      circleName: circle.name,
    });
    const response = await server.fetch("/invites/lookup", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ inviteCode: circle.inviteCode }),
    });
    expect(await response.json()).toEqual({ circleName: circle.name });
  });

  it("answers 404 for an unknown code and 400 naming the field for a malformed one", async () => {
    await expectApiError(server.client().circles.lookupInvite({ inviteCode: "NOSUCHCODE00" }), 404, "not_found");
    await expect(server.client().circles.lookupInvite({ inviteCode: "x" })).rejects.toMatchObject({
      status: 400,
      code: "validation_failed",
      details: { fields: { inviteCode: expect.any(String) } },
    });
  });

  it("shares the join attempts' rate limit, so it is no faster way to guess codes", async () => {
    const limited = await startTestServer({ authRateLimitPerMinute: 3 });
    try {
      const admin = await signUp(limited); // sign-up counts towards the sign-in limit, not this one
      const { inviteCode } = await admin.client.circles.current();
      const statuses: number[] = [];
      for (const code of ["GUESS0000001", "GUESS0000002"]) {
        statuses.push(
          await limited
            .client()
            .circles.lookupInvite({ inviteCode: code })
            .then(
              () => 200,
              (error) => error.status,
            ),
        );
      }
      statuses.push(
        await admin.client.circles.join({ inviteCode: "GUESS0000003" }).then(
          () => 200,
          (error) => error.status,
        ),
      );
      statuses.push(
        await limited
          .client()
          .circles.lookupInvite({ inviteCode: inviteCode! })
          .then(
            () => 200,
            (error) => error.status,
          ),
      );
      expect(statuses).toEqual([404, 404, 404, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe("a user's own join requests", () => {
  /** A user with pending requests to two other circles, newest last. */
  async function requester() {
    const first = await signUp(server);
    const second = await signUp(server);
    const joiner = await signUp(server);
    await joiner.client.circles.join({ inviteCode: (await first.client.circles.current()).inviteCode! });
    await joiner.client.circles.join({ inviteCode: (await second.client.circles.current()).inviteCode! });
    return { first, second, joiner };
  }

  it("answers 401 without a token", async () => {
    await expectApiError(server.client().circles.joinRequests(), 401, "unauthenticated");
    await expectApiError(server.client().circles.withdrawJoinRequest(1), 401, "unauthenticated");
  });

  it("lists only the caller's pending requests, newest first", async () => {
    const { first, second, joiner } = await requester();
    // Someone else's request to the same circle is not the joiner's.
    const other = await signUp(server);
    await other.client.circles.join({ inviteCode: (await first.client.circles.current()).inviteCode! });
    const { requests } = await joiner.client.circles.joinRequests();
    expect(requests).toEqual([
      { circleId: second.user.circleId, circleName: (await second.client.circles.current()).name, requestedAt: expect.any(String) },
      { circleId: first.user.circleId, circleName: (await first.client.circles.current()).name, requestedAt: expect.any(String) },
    ]);
    // Their own active membership is not a request.
    expect(requests.map((r) => r.circleId)).not.toContain(joiner.user.circleId);
    expect(await first.client.circles.joinRequests()).toEqual({ requests: [] });
  });

  it("works for users who are in no circle", async () => {
    const { admin, member } = await createHousehold(server);
    await admin.client.circles.removeMember(member.user.id);
    const other = await signUp(server);
    await member.client.circles.join({ inviteCode: (await other.client.circles.current()).inviteCode! });
    expect((await member.client.circles.joinRequests()).requests.map((r) => r.circleId)).toEqual([other.user.circleId]);
    await member.client.circles.withdrawJoinRequest(other.user.circleId!);
    expect(await member.client.circles.joinRequests()).toEqual({ requests: [] });
  });

  it("withdraws a request: the circle no longer sees it, accepting it is 404, and it is audited", async () => {
    const { first, second, joiner } = await requester();
    await joiner.client.circles.withdrawJoinRequest(first.user.circleId!);
    expect((await joiner.client.circles.joinRequests()).requests.map((r) => r.circleId)).toEqual([second.user.circleId]);
    const { members } = await first.client.circles.members();
    expect(members.map((m) => m.userId)).not.toContain(joiner.user.id);
    await expectApiError(first.client.circles.accept(joiner.user.id), 404, "not_found");
    await expectApiError(joiner.client.circles.withdrawJoinRequest(first.user.circleId!), 404, "not_found");

    const { events } = await first.client.circles.audit({ action: "member.join_withdrawn" });
    expect(events).toEqual([
      expect.objectContaining({
        circleId: first.user.circleId,
        actorUserId: joiner.user.id,
        subjectUserId: null,
        entityType: "user",
        entityId: String(joiner.user.id),
        outcome: "allowed",
      }),
    ]);
  });

  it("never touches an active membership", async () => {
    const { admin, member } = await createHousehold(server);
    await expectApiError(member.client.circles.withdrawJoinRequest(admin.user.circleId!), 404, "not_found");
    expect(await member.client.users.me()).toMatchObject({ circleId: admin.user.circleId, role: "member" });
    const { members } = await admin.client.circles.members();
    expect(members.find((m) => m.userId === member.user.id)).toMatchObject({ status: "active" });
  });

  it.each(["0", "01", "-1", "abc", "99999999999"])("answers 400 for the malformed circle id %s", async (id) => {
    const joiner = await signUp(server);
    const response = await server.fetch(`/circles/join/${id}`, { method: "DELETE", headers: { Authorization: `Bearer ${joiner.token}` } });
    expect(response.status).toBe(400);
    expect((await readError(response)).code).toBe("validation_failed");
  });
});

describe("members", () => {
  it("searches by name, username or email", async () => {
    const admin = await signUp(server);
    const robin = await addMember(server, admin, "member", { displayName: "Robin Hood" });
    await addMember(server, admin, "member", { displayName: "Marian" });
    const { members } = await admin.client.circles.members({ search: "robin" });
    expect(members.map((m) => m.userId)).toEqual([robin.user.id]);
    await expectApiError(admin.client.circles.members({ search: "x".repeat(65) }), 400, "validation_failed");
  });

  it("changes roles (admins only), resetting the impersonator flag to the role's default", async () => {
    const { admin, manager, member } = await createHousehold(server);
    await expectApiError(manager.client.circles.setRole(member.user.id, { role: "manager" }), 403, "forbidden");
    const promoted = await admin.client.circles.setRole(member.user.id, { role: "manager" });
    expect(promoted).toMatchObject({ role: "manager", impersonator: true });
    const demoted = await admin.client.circles.setRole(manager.user.id, { role: "member" });
    expect(demoted).toMatchObject({ role: "member", impersonator: false });
    expect((await manager.client.users.me()).role).toBe("member");
  });

  it("keeps an impersonator flag an admin turned off when the role changes between admin and manager", async () => {
    const { admin, manager } = await createHousehold(server);
    await admin.client.circles.setImpersonator(manager.user.id, { impersonator: false });
    expect(await admin.client.circles.setRole(manager.user.id, { role: "admin" })).toMatchObject({ role: "admin", impersonator: false });
    expect(await admin.client.circles.setRole(manager.user.id, { role: "manager" })).toMatchObject({ impersonator: false });
    const { events } = await admin.client.circles.audit({ action: "member.role_changed" });
    expect(events[0]!.payload).toEqual({ from: "admin", to: "manager", impersonator: false });
  });

  it("never leaves a circle without an admin", async () => {
    const { admin, manager } = await createHousehold(server);
    await expectApiError(admin.client.circles.setRole(admin.user.id, { role: "member" }), 409, "last_admin");
    await expectApiError(admin.client.circles.removeMember(admin.user.id), 409, "last_admin");
    await admin.client.circles.setRole(manager.user.id, { role: "admin" });
    expect((await admin.client.circles.setRole(admin.user.id, { role: "member" })).role).toBe("member");
  });

  it("sets the impersonator flag (admins only)", async () => {
    const { admin, manager } = await createHousehold(server);
    await expectApiError(manager.client.circles.setImpersonator(manager.user.id, { impersonator: true }), 403, "forbidden");
    expect(await admin.client.circles.setImpersonator(manager.user.id, { impersonator: false })).toMatchObject({ impersonator: false });
    await expectApiError(
      admin.client.circles.setImpersonator(manager.user.id, { impersonator: "no" as unknown as boolean }),
      400,
      "validation_failed",
    );
  });

  it("removes members at once; the removed user is in no circle afterwards", async () => {
    const { admin, manager, member } = await createHousehold(server);
    await expectApiError(manager.client.circles.removeMember(member.user.id), 403, "forbidden");
    await admin.client.circles.removeMember(member.user.id);
    expect((await member.client.users.me()).circleId).toBeNull();
    await expectApiError(member.client.circles.current(), 403, "forbidden");
    await expectApiError(admin.client.circles.removeMember(member.user.id), 404, "not_found");
    // They can start over in a circle of their own.
    const own = await member.client.circles.create({ name: "Starting over" });
    expect((await member.client.users.me()).circleId).toBe(own.id);
    await expectApiError(member.client.circles.create({ name: "Another" }), 409, "conflict");
  });

  it("answers 400 for malformed member ids and 404 for strangers", async () => {
    const { admin } = await createHousehold(server);
    const stranger = await signUp(server);
    const response = await server.fetch("/circles/current/members/01/role", {
      method: "PUT",
      headers: { Authorization: `Bearer ${admin.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ role: "member" }),
    });
    expect(response.status).toBe(400);
    await expectApiError(admin.client.circles.setRole(stranger.user.id, { role: "member" }), 404, "not_found");
    await expectApiError(admin.client.circles.setRole(stranger.user.id, { role: "owner" as never }), 400, "validation_failed");
  });
});

describe("GET /circles/current/audit", () => {
  it("is for admins, filters by actor and action, and pages with a cursor", async () => {
    const { admin, manager, member } = await createHousehold(server);
    await expectApiError(manager.client.circles.audit(), 403, "forbidden");
    await expectApiError(member.client.circles.audit(), 403, "forbidden");
    await admin.client.circles.update({ name: "One" });
    await admin.client.circles.update({ name: "Two" });
    await admin.client.circles.update({ name: "Three" });

    const updates = await admin.client.circles.audit({ action: "circle.updated", actorUserId: String(admin.user.id) });
    expect(updates.events.map((e) => e.payload.changes)).toEqual([{ name: "Three" }, { name: "Two" }, { name: "One" }]);

    const first = await admin.client.circles.audit({ limit: "2" });
    expect(first.events).toHaveLength(2);
    const second = await admin.client.circles.audit({ limit: "2", before: first.nextCursor! });
    expect(second.events[0]!.id).toBeLessThan(first.events[1]!.id);
    await expectApiError(admin.client.circles.audit({ limit: "0" }), 400, "validation_failed");
    await expectApiError(admin.client.circles.audit({ before: "-1" }), 400, "validation_failed");
  });

  it("keeps events append-only in the database", async () => {
    await signUp(server);
    await expect(server.db.prisma.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
  });
});
