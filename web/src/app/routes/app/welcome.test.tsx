import type { JoinRequest, User } from "@chorus/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route } from "react-router";
import { makeCircle, makeUser } from "../../../testing/fixtures";
import { apiError, ok, type FakeHandler } from "../../../testing/fake-api";
import { renderInSignedInShell } from "../../../testing/signed-in-shell";
import { WelcomeRoute } from "./welcome";

/** Inside the signed-in shell, so being let into a circle leads on to the tasks. */
function renderWelcome(me: () => User, routes: Record<string, FakeHandler>) {
  return renderInSignedInShell(
    <>
      <Route index element={<p>The tasks page</p>} />
      <Route path="welcome" element={<WelcomeRoute />} />
    </>,
    { routes: { "GET /users/me": () => ok(me()), "GET /circles/join": () => ok({ requests: [] }), ...routes }, path: "/welcome" },
  );
}

const sam = makeUser({ circleId: null, role: null });
const joinForm = () => screen.getByRole("form", { name: "Join a circle" });

describe("Welcome page", () => {
  it("creates a circle in this browser's time zone and moves on to the tasks", async () => {
    const user = userEvent.setup();
    let inCircle = false;
    const { requests } = renderWelcome(() => (inCircle ? makeUser() : sam), {
      "POST /circles": () => {
        inCircle = true;
        return ok(makeCircle());
      },
    });

    await user.type(await screen.findByLabelText("Circle name"), "  The Smiths ");
    await user.click(screen.getByRole("button", { name: "Create circle" }));

    expect(await screen.findByText("The tasks page")).toBeInTheDocument();
    expect(requests.find((request) => request.method === "POST")?.body).toEqual({
      name: "The Smiths",
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  });

  it("asks to join with an invite code, lists the request while it waits, and checks again on request", async () => {
    const user = userEvent.setup();
    let accepted = false;
    let pending: JoinRequest[] = [];
    const { requests } = renderWelcome(() => (accepted ? makeUser({ circleId: 5, role: "member" }) : sam), {
      "GET /circles/join": () => ok({ requests: pending }),
      "POST /circles/join": () => {
        pending = [{ circleId: 5, circleName: "The Joneses", requestedAt: "2026-11-21T09:00:00Z" }];
        return ok({ circleId: 5, status: "pending" });
      },
    });

    expect(await screen.findByLabelText("Invite code")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Check if I was accepted" })).not.toBeInTheDocument();
    await user.type(screen.getByLabelText("Invite code"), " ABCdef123 ");
    await user.click(screen.getByRole("button", { name: "Ask to join" }));

    expect(await screen.findByText("Request sent. An admin or manager of that circle has to accept it.")).toBeInTheDocument();
    const waiting = await screen.findByRole("region", { name: "Waiting for acceptance" });
    expect(waiting).toHaveTextContent("this page updates once you are in.");
    expect(within(waiting).getByRole("listitem")).toHaveTextContent("The Joneses");
    // The form stays for another request, emptied.
    expect(screen.getByLabelText("Invite code")).toHaveValue("");
    expect(requests.find((request) => request.path === "/circles/join" && request.method === "POST")?.body).toEqual({
      inviteCode: "ABCDEF123",
    });

    accepted = true;
    await user.click(screen.getByRole("button", { name: "Check if I was accepted" }));
    expect(await screen.findByText("The tasks page")).toBeInTheDocument();
  });

  it("withdraws a pending request from the welcome page", async () => {
    const user = userEvent.setup();
    let pending: JoinRequest[] = [{ circleId: 5, circleName: "The Joneses", requestedAt: "2026-11-21T09:00:00Z" }];
    const { requests } = renderWelcome(() => sam, {
      "GET /circles/join": () => ok({ requests: pending }),
      "DELETE /circles/join/5": () => {
        pending = [];
        return { status: 204 };
      },
    });

    await user.click(await screen.findByRole("button", { name: "Withdraw request to The Joneses" }));

    expect(await screen.findByText("Your request to join The Joneses was withdrawn.")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("region", { name: "Waiting for acceptance" })).not.toBeInTheDocument());
    expect(screen.queryByRole("button", { name: "Check if I was accepted" })).not.toBeInTheDocument();
    expect(requests.some((request) => request.method === "DELETE" && request.path === "/circles/join/5")).toBe(true);
  });

  it("refuses a malformed invite code before sending it, with the error on the field", async () => {
    const user = userEvent.setup();
    const { requests } = renderWelcome(() => sam, {});

    await user.type(await screen.findByLabelText("Invite code"), "abc-1");
    await user.click(screen.getByRole("button", { name: "Ask to join" }));

    const code = screen.getByLabelText("Invite code");
    expect(code).toHaveAttribute("aria-invalid", "true");
    expect(code).toHaveAccessibleDescription("Invite codes are 6-32 letters and digits");
    expect(within(joinForm()).getByRole("alert")).toHaveFocus();
    expect(requests.filter((request) => request.method === "POST")).toEqual([]);
  });

  it("shows the server's refusal of an unknown code on the field", async () => {
    const user = userEvent.setup();
    renderWelcome(() => sam, { "POST /circles/join": () => apiError(404, "not_found", "Circle with that invite code not found") });

    await user.type(await screen.findByLabelText("Invite code"), "NOSUCHCODE");
    await user.click(screen.getByRole("button", { name: "Ask to join" }));

    expect(await within(joinForm()).findByRole("alert")).toHaveTextContent("Please fix the highlighted field.");
    expect(screen.getByLabelText("Invite code")).toHaveAccessibleDescription("Circle with that invite code not found");
  });
});
