/**
 * Every chore carries the caller's abilities (`canAct`, `canEdit`, `canDelete`), and they
 * say exactly what the server then allows: each case below presents a chore to one caller
 * and tries all three actions with the same credential and acting selection.
 */
import type { Chore, ChorusClient } from "@chorus/shared";
import { addMember, createHousehold, type TestUser } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** What each action did for `client`: true when allowed. Editing changes nothing; deleting runs last. */
async function tryAll(client: ChorusClient, chore: Chore) {
  const allowed = (promise: Promise<unknown>) =>
    promise.then(
      () => true,
      (error: { status?: number }) => {
        if (error.status !== 403) throw error;
        return false;
      },
    );
  return {
    canAct: await allowed(client.chores.start(chore.id)),
    canEdit: await allowed(client.chores.update(chore.id, { name: chore.name })),
    canDelete: await allowed(client.chores.remove(chore.id)),
  };
}

describe("chore abilities", () => {
  it("match what the server allows for each role, the creator, an API token and impersonation", async () => {
    const { admin, manager, member } = await createHousehold(server);
    const other = await addMember(server, admin, "member");
    const token = (await admin.client.users.createToken({ name: "script" })).token;
    const impersonating = server.client(admin.token);
    impersonating.setImpersonateUserId(member.user.id);

    const cases: {
      who: string;
      client: ChorusClient;
      creator: TestUser;
      assignees: number[];
      expected: Omit<Chore["abilities"], "canComplete" | "canSkipWhole" | "canClaim" | "canRelease">;
    }[] = [
      {
        who: "admin, any chore",
        client: admin.client,
        creator: member,
        assignees: [],
        expected: { canAct: true, canEdit: true, canDelete: true },
      },
      {
        who: "manager, not creator",
        client: manager.client,
        creator: member,
        assignees: [],
        expected: { canAct: true, canEdit: true, canDelete: false },
      },
      {
        who: "member, assignee",
        client: member.client,
        creator: admin,
        assignees: [member.user.id],
        expected: { canAct: true, canEdit: false, canDelete: false },
      },
      {
        who: "member, creator",
        client: member.client,
        creator: member,
        assignees: [other.user.id],
        expected: { canAct: false, canEdit: true, canDelete: true },
      },
      {
        who: "member, neither",
        client: member.client,
        creator: admin,
        assignees: [other.user.id],
        expected: { canAct: false, canEdit: false, canDelete: false },
      },
      {
        who: "API token",
        client: server.client(token),
        creator: member,
        assignees: [],
        expected: { canAct: true, canEdit: true, canDelete: true },
      },
      // The target's view and permissions, and no edits while impersonating.
      {
        who: "admin as member",
        client: impersonating,
        creator: member,
        assignees: [member.user.id],
        expected: { canAct: true, canEdit: false, canDelete: false },
      },
    ];
    for (const { who, client, creator, assignees, expected } of cases) {
      const created = await creator.client.chores.create({ name: `Chore for ${who}`, assignees });
      const presented = await client.chores.get(created.id);
      // A rotation chore is never claimed (claiming is tested with shared chores, sharedChores.test.ts).
      expect({ who, abilities: presented.abilities }).toEqual({
        who,
        abilities: { ...expected, canComplete: expected.canAct, canSkipWhole: false, canClaim: false, canRelease: false },
      });
      const listed = (await client.chores.list()).chores.find((chore) => chore.id === created.id);
      if (listed) expect({ who, abilities: listed.abilities }).toEqual({ who, abilities: presented.abilities });

      const outcome = await tryAll(client, presented);
      expect({ who, outcome }).toEqual({ who, outcome: expected });
    }
  });
});
