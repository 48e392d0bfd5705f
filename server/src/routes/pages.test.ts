/**
 * GET /pages/tasks (decision 0018): the tasks page's first screen in one request, the very
 * objects the four separate endpoints answer (the web app seeds their caches from it), for
 * the same callers and with impersonation applied the same way, in few statements.
 */
import { makeChore, rawRequest } from "../test/choreFactories";
import { addMember, createHousehold, expectApiError, signUp, type TestCircle } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
let home: TestCircle;
beforeAll(async () => {
  server = await startTestServer();
  home = await createHousehold(server, "Europe/Berlin");
  const { admin, manager, member } = home;
  await makeChore(admin.client, { name: "Feed the cat", assignees: [member.user.id], assignedTo: member.user.id });
  await makeChore(admin.client, { name: "Water the plants", assignees: [manager.user.id], assignedTo: manager.user.id });
  await makeChore(member.client, { name: "My secret", isPrivate: true, assignees: [member.user.id], assignedTo: member.user.id });
  // A pending request to join: admins and managers see it among the members, members do not.
  const joiner = await signUp(server);
  await joiner.client.circles.join({ inviteCode: (await admin.client.circles.current()).inviteCode! });
});
afterAll(() => server.close());

describe("GET /pages/tasks", () => {
  it.each(["admin", "manager", "member"] as const)("answers the %s what the four separate endpoints answer", async (who) => {
    const { client } = home[who];
    for (const query of [{}, { assignedTo: "me" }, { includeArchived: "true" }] as const) {
      const [page, me, circle, members, chores] = await Promise.all([
        client.pages.tasks(query),
        client.users.me(),
        client.circles.current(),
        client.circles.members(),
        client.chores.list(query),
      ]);
      expect(page).toEqual({ me, circle, members: members.members, chores: chores.chores });
    }
  });

  it("while impersonating, answers as the member: their account, their view of the circle, only their tasks", async () => {
    const acting = server.client(home.admin.token);
    acting.setImpersonateUserId(home.member.user.id);
    const [page, me, circle, members, chores] = await Promise.all([
      acting.pages.tasks({}),
      acting.users.me(),
      acting.circles.current(),
      acting.circles.members(),
      acting.chores.list({}),
    ]);
    expect(page).toEqual({ me, circle, members: members.members, chores: chores.chores });
    expect(page.me).toMatchObject({ id: home.member.user.id, impersonatorUserId: home.admin.user.id });
    expect(page.circle.inviteCode).toBeUndefined();
    expect(page.chores.map((chore) => chore.name).sort()).toEqual(["Feed the cat", "My secret"]);
  });

  it("refuses impersonation the way every endpoint does: a member may not act as anyone", async () => {
    const other = await addMember(server, home.admin);
    const acting = server.client(home.member.token);
    acting.setImpersonateUserId(other.user.id);
    await expectApiError(acting.pages.tasks({}), 403, "impersonation_forbidden");
  });

  it("takes an API token, refuses a signed-out caller and someone with no circle", async () => {
    const { token } = await home.member.client.users.createToken({ name: "script" });
    await expect(server.client(token).pages.tasks({})).resolves.toMatchObject({ me: { id: home.member.user.id } });
    await expectApiError(server.client().pages.tasks({}), 401, "unauthenticated");
    // Removed from the circle: in none until they join or create another.
    const removed = await addMember(server, home.admin);
    await home.admin.client.circles.removeMember(removed.user.id);
    await expectApiError(removed.client.pages.tasks({}), 403, "forbidden");
  });

  it("names a bad query field", async () => {
    const response = await rawRequest(server, home.member, "GET", "/pages/tasks?assignedTo=nobody");
    expect(response).toMatchObject({
      status: 400,
      error: { code: "validation_failed", details: { fields: { assignedTo: expect.any(String) } } },
    });
  });

  it("costs one identity statement plus what the members and the chores cost on their own", async () => {
    const [page, members, chores] = await Promise.all(
      ["/pages/tasks?assignedTo=me", "/circles/current/members", "/chores?assignedTo=me"].map((path) =>
        rawRequest(server, home.admin, "GET", path),
      ),
    );
    expect([page!.status, members!.status, chores!.status]).toEqual([200, 200, 200]);
    // Each separate request pays the identity statement (1) too.
    expect(page!.sqlStatements).toBe(1 + (members!.sqlStatements - 1) + (chores!.sqlStatements - 1));
    expect(page!.sqlStatements).toBeLessThanOrEqual(4);
  });
});
