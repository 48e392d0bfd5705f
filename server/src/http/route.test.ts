import { addMember, expectApiError, signUp } from "../test/factories";
import { readError, startTestServer, type TestServer } from "../test/harness";
import { apiRoutes, routeKey } from "../test/routeTable";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const routes = () => apiRoutes(server.deps);

describe("the route table", () => {
  it("declares each route once", () => {
    const keys = routes().map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("answers 401 on every signed-in or tablet route without a token or with a bad one", async () => {
    const signedIn = routes().filter((route) => route.auth !== "public");
    expect(signedIn.length).toBeGreaterThan(20);
    for (const route of signedIn) {
      const path = route.path.replace(/:\w+/g, "1");
      for (const authorization of [undefined, "Bearer not-a-real-token", "Basic dXNlcjpwYXNz"]) {
        const response = await server.fetch(path, {
          method: route.method,
          headers: authorization ? { Authorization: authorization } : {},
        });
        expect([routeKey(route), response.status, (await readError(response)).code]).toEqual([routeKey(route), 401, "unauthenticated"]);
      }
    }
  });

  it("keeps public: health, the API description, signup, the sign-ins with their steps and options, invites, the calendar feed", () => {
    expect(
      routes()
        .filter((route) => route.auth === "public")
        .map(routeKey)
        .sort(),
    ).toEqual([
      "GET /auth/options",
      "GET /health",
      "GET /ical/:token.ics",
      "GET /openapi.json",
      "POST /auth/claim",
      "POST /auth/login",
      "POST /auth/mfa",
      "POST /auth/mfa/enrol",
      "POST /auth/mfa/enrol/confirm",
      "POST /auth/mfa/passkey-options",
      "POST /auth/passkey",
      "POST /auth/passkey/options",
      "POST /auth/pin-login",
      "POST /auth/signup",
      // Single sign-on (decision 0040): before a sign-in there is nothing else to present.
      "POST /auth/sso/callback",
      "POST /auth/sso/start",
      "POST /invites/lookup",
    ]);
  });
});

describe("users without an active circle", () => {
  it("cannot see or act in a circle whose membership is still pending", async () => {
    const admin = await signUp(server);
    const drifter = await addMember(server, admin);
    await admin.client.circles.removeMember(drifter.user.id);
    const other = await signUp(server);
    await drifter.client.circles.join({ inviteCode: (await other.client.circles.current()).inviteCode! });
    expect(await drifter.client.users.me()).toMatchObject({ circleId: null, role: null });
    await expectApiError(drifter.client.circles.current(), 403, "forbidden");
    await expectApiError(drifter.client.circles.members(), 403, "forbidden");
    await expectApiError(drifter.client.chores.list(), 403, "forbidden");
    await expectApiError(drifter.client.chores.create({ name: "Sneaky" }), 403, "forbidden");
    await other.client.circles.accept(drifter.user.id);
    expect((await drifter.client.circles.current()).id).toBe(other.user.circleId);
  });
});
