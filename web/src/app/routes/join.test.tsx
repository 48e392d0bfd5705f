import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes, useLocation } from "react-router";
import { makeUser } from "../../testing/fixtures";
import { apiError, ok, renderWithApi, type FakeHandler } from "../../testing/fake-api";
import { JoinRoute } from "./join";

function ShowState({ name }: { name: string }) {
  const location = useLocation();
  return <p>{`${name} ${JSON.stringify(location.state)}`}</p>;
}

function renderJoin(path: string, routes: Record<string, FakeHandler>, token: string | null) {
  return renderWithApi(
    <Routes>
      <Route path="/join" element={<JoinRoute />} />
      <Route path="/welcome" element={<ShowState name="Welcome page" />} />
      <Route path="/signin" element={<ShowState name="Sign-in page" />} />
      <Route path="/circle" element={<ShowState name="Circle page" />} />
    </Routes>,
    { routes, path, token },
  );
}

const lookup: FakeHandler = ({ body }) =>
  (body as { inviteCode: string }).inviteCode === "ABCDEF12"
    ? ok({ circleName: "The Smiths" })
    : apiError(404, "not_found", "Circle with that invite code not found");

describe("Join screen of an invite link", () => {
  it("names the circle to someone signed out and signs them up straight into the pending request", async () => {
    const user = userEvent.setup();
    const { requests } = renderJoin(
      "/join#code=abcdef12",
      {
        "POST /invites/lookup": lookup,
        "POST /auth/signup": () => ({ status: 201, body: { token: "new-token", user: makeUser({ id: 9, circleId: null, role: null }) } }),
      },
      null,
    );

    expect(await screen.findByRole("heading", { name: "Join The Smiths" })).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Username/), "robin");
    await user.type(screen.getByLabelText("Email"), "robin@example.test");
    await user.type(screen.getByLabelText(/^Password/), "long enough password");
    await user.click(screen.getByRole("button", { name: "Create account" }));

    expect(await screen.findByText(/^Welcome page/)).toBeInTheDocument();
    expect(requests.find((request) => request.path === "/invites/lookup")?.body).toEqual({ inviteCode: "ABCDEF12" });
    expect(requests.find((request) => request.path === "/auth/signup")?.body).toMatchObject({ username: "robin", inviteCode: "ABCDEF12" });
  });

  it("sends someone with an account to sign in and back to the invite", async () => {
    const user = userEvent.setup();
    renderJoin("/join#code=ABCDEF12", { "POST /invites/lookup": lookup }, null);
    await user.click(await screen.findByRole("link", { name: "I already have an account" }));
    expect(await screen.findByText('Sign-in page {"from":"/join#code=ABCDEF12"}')).toBeInTheDocument();
  });

  it("asks someone signed in to confirm, then sends the join request", async () => {
    const user = userEvent.setup();
    const { requests } = renderJoin(
      "/join#code=ABCDEF12",
      {
        "POST /invites/lookup": lookup,
        "GET /users/me": () => ok(makeUser({ id: 9, displayName: "Robin", circleId: 4, role: "admin" })),
        "POST /circles/join": () => ok({ circleId: 1, status: "pending" }),
      },
      "token",
    );

    expect(await screen.findByRole("heading", { name: "Join The Smiths" })).toBeInTheDocument();
    expect(await screen.findByText(/you leave the circle you are in now/)).toBeInTheDocument();
    expect(screen.queryByLabelText("Email")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Ask to join The Smiths" }));

    expect(await screen.findByText(/^Circle page/)).toBeInTheDocument();
    expect(requests.find((request) => request.path === "/circles/join")?.body).toEqual({ inviteCode: "ABCDEF12" });
  });

  it("shows why joining failed, for example when already a member", async () => {
    const user = userEvent.setup();
    renderJoin(
      "/join#code=ABCDEF12",
      {
        "POST /invites/lookup": lookup,
        "GET /users/me": () => ok(makeUser()),
        "POST /circles/join": () => apiError(409, "conflict", "You are already a member of that circle"),
      },
      "token",
    );
    await user.click(await screen.findByRole("button", { name: "Ask to join The Smiths" }));
    expect(await screen.findByText("You are already a member of that circle")).toBeInTheDocument();
  });

  it.each([
    ["an unknown code", "/join#code=NOSUCHCODE1", 1],
    ["a malformed code, without asking the server", "/join#code=no!", 0],
    ["no code at all", "/join", 0],
  ])("says the link does not work for %s", async (_what, path, lookups) => {
    const { requests } = renderJoin(path, { "POST /invites/lookup": lookup }, null);
    expect(await screen.findByRole("heading", { name: "This invite link does not work" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Create an account without an invite" })).toBeInTheDocument();
    expect(requests.filter((request) => request.path === "/invites/lookup")).toHaveLength(lookups);
  });
});
