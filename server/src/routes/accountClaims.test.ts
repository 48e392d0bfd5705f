/**
 * Claiming an imported account (decision 0045) over HTTP: a circle exported and imported on
 * this instance makes accounts without a password; the importing admin makes a one-time link,
 * the person chooses a password with it and signs in. Links are single use (also with two at
 * once, for real on PostgreSQL with TEST_DATABASE_URL), expire, replace each other, and are only
 * for accounts still awaiting their claim in the admin's own circle.
 */
import type { CircleExport, CircleImportResult } from "@chorus/shared";
import { createHousehold, expectApiError, signUp, type TestCircle, type TestUser } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
let home: TestCircle;
let importer: TestUser;
let result: CircleImportResult;
let file: CircleExport;

beforeAll(async () => {
  server = await startTestServer();
  home = await createHousehold(server);
  file = JSON.parse(await home.admin.client.circles.exportData()) as CircleExport;
  importer = await signUp(server);
  result = await importer.client.circles.importData(file);
});
afterAll(() => server.close());

/** The imported account of one of `home`'s people. */
function importedOf(who: TestUser) {
  const ref = file.people.find((person) => person.username === who.user.username)!.ref;
  return result.people.find((person) => person.ref === ref)!;
}

const anonymous = () => server.client();

describe("claiming an imported account", () => {
  it("lets the person choose a password with the admin's link and sign in with it; the link works once", async () => {
    const imported = importedOf(home.member);
    const before = (await importer.client.circles.members()).members;
    expect(before.find((member) => member.userId === imported.userId)).toMatchObject({ awaitingClaim: true });
    expect(before.find((member) => member.userId === importer.user.id)).toMatchObject({ awaitingClaim: false });

    const link = await importer.client.circles.createClaimLink(imported.userId);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const signedIn = await anonymous().auth.claimAccount({ token: link.token, password: "a brand new secret" });
    expect(signedIn.user).toMatchObject({ id: imported.userId, circleId: result.circleId, role: "member" });
    expect((await server.client(signedIn.token).users.me()).id).toBe(imported.userId);
    const again = await anonymous().auth.login({ login: imported.username, password: "a brand new secret" });
    expect(again.user.id).toBe(imported.userId);

    await expectApiError(anonymous().auth.claimAccount({ token: link.token, password: "another secret!" }), 400, "claim_link_invalid");
    const after = (await importer.client.circles.members()).members.find((member) => member.userId === imported.userId);
    expect(after).toMatchObject({ awaitingClaim: false });
    await expectApiError(importer.client.circles.createClaimLink(imported.userId), 409, "not_awaiting_claim");
    const audit = await server.db.prisma.auditEvent.findMany({
      where: { entityId: String(imported.userId), action: { in: ["member.claim_link_created", "user.claimed"] } },
      orderBy: { id: "asc" },
    });
    expect(audit.map(({ action, actorUserId }) => [action, actorUserId])).toEqual([
      ["member.claim_link_created", importer.user.id],
      ["user.claimed", imported.userId],
    ]);
  });

  it("is only for accounts awaiting their claim, in the admin's own circle, made by an admin", async () => {
    const imported = importedOf(home.manager);
    // Accounts that sign in already, and members of another circle.
    await expectApiError(home.admin.client.circles.createClaimLink(home.member.user.id), 409, "not_awaiting_claim");
    await expectApiError(home.admin.client.circles.createClaimLink(imported.userId), 404, "not_found");
    await expectApiError(home.manager.client.circles.createClaimLink(home.member.user.id), 403, "forbidden");
    // An API token is not a sign-in.
    const { token } = await importer.client.users.createToken({ name: "script" });
    await expectApiError(server.client(token).circles.createClaimLink(imported.userId), 403, "forbidden");
  });

  it("forgets a link when a new one is made, and after its seven days", async () => {
    const imported = importedOf(home.admin);
    const first = await importer.client.circles.createClaimLink(imported.userId);
    const second = await importer.client.circles.createClaimLink(imported.userId);
    await expectApiError(anonymous().auth.claimAccount({ token: first.token, password: "a brand new secret" }), 400, "claim_link_invalid");
    await server.db.prisma.accountClaim.updateMany({
      where: { userId: imported.userId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expectApiError(anonymous().auth.claimAccount({ token: second.token, password: "a brand new secret" }), 400, "claim_link_invalid");
    await expectApiError(anonymous().auth.claimAccount({ token: "", password: "a brand new secret" }), 400, "validation_failed");
  });

  it("claims the account once when the link is opened twice at the same moment", async () => {
    const imported = importedOf(home.admin);
    const link = await importer.client.circles.createClaimLink(imported.userId);
    const outcomes = await Promise.allSettled(
      ["first password!", "second password!"].map((password) => anonymous().auth.claimAccount({ token: link.token, password })),
    );
    expect(outcomes.filter(({ status }) => status === "fulfilled")).toHaveLength(1);
    expect(outcomes.find(({ status }) => status === "rejected")).toMatchObject({ reason: { status: 400, code: "claim_link_invalid" } });
  });
});
