import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route } from "react-router";
import { makeCircle, makeMember, makeUser } from "../../../testing/fixtures";
import { ok } from "../../../testing/fake-api";
import { renderInSignedInShell } from "../../../testing/signed-in-shell";
import { CircleRoute } from "./circle";

describe("Circle page", () => {
  it("lists the user's own requests to join another circle in the 'Join another circle' card", async () => {
    renderInSignedInShell(<Route path="circle" element={<CircleRoute />} />, {
      path: "/circle",
      routes: {
        "GET /users/me": () => ok(makeUser({ role: "member" })),
        "GET /circles/current": () => ok(makeCircle({ inviteCode: undefined })),
        "GET /circles/current/members": () => ok({ members: [makeMember({ userId: 1, displayName: "Sam" })] }),
        "GET /circles/join": () => ok({ requests: [{ circleId: 7, circleName: "The Joneses", requestedAt: "2026-11-21T09:00:00Z" }] }),
      },
    });

    const card = await screen.findByRole("region", { name: "Join another circle" });
    const waiting = await within(card).findByRole("region", { name: "Waiting for acceptance" });
    expect(waiting).toHaveTextContent("until then you stay in The Smiths.");
    expect(within(waiting).getByRole("listitem")).toHaveTextContent(/The JonesesRequested Nov 21, 2026, 10:00\sAM/);
    expect(within(waiting).getByRole("button", { name: "Withdraw request to The Joneses" })).toBeEnabled();
  });

  it("gives admins and managers the invite link with a QR code and a copy button", async () => {
    const user = userEvent.setup();
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    renderInSignedInShell(<Route path="circle" element={<CircleRoute />} />, {
      path: "/circle",
      routes: {
        "GET /users/me": () => ok(makeUser({ role: "manager" })),
        "GET /circles/current": () => ok(makeCircle({ inviteCode: "ABCDEF12" })),
        "GET /circles/current/members": () => ok({ members: [makeMember({ userId: 1, displayName: "Sam", role: "manager" })] }),
        "GET /circles/join": () => ok({ requests: [] }),
      },
    });

    const card = await screen.findByRole("region", { name: "Invite someone" });
    const link = `${window.location.origin}/join#code=ABCDEF12`;
    expect(within(card).getByRole("link", { name: link })).toHaveAttribute("href", link);
    expect(within(card).getByRole("img", { name: "QR code of the invite link to The Smiths" })).toBeInTheDocument();
    await user.click(within(card).getByRole("button", { name: "Copy link" }));
    expect(writeText).toHaveBeenCalledWith(link);
    expect(await within(card).findByRole("button", { name: "Copied" })).toBeInTheDocument();
  });

  it("has no invite link for plain members, who get no invite code", async () => {
    renderInSignedInShell(<Route path="circle" element={<CircleRoute />} />, {
      path: "/circle",
      routes: {
        "GET /users/me": () => ok(makeUser({ role: "member" })),
        "GET /circles/current": () => ok(makeCircle({ inviteCode: undefined })),
        "GET /circles/current/members": () => ok({ members: [makeMember({ userId: 1, displayName: "Sam" })] }),
        "GET /circles/join": () => ok({ requests: [] }),
      },
    });
    expect(await screen.findByRole("heading", { name: "The Smiths" })).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Invite someone" })).not.toBeInTheDocument();
  });

  it.each([
    ["an admin", "admin", ["Alex’s points history", "Sam’s points history"]], // ranked by points: Alex first
    ["a member, only for themselves", "member", ["Sam’s points history"]],
  ] as const)("links leaderboard names to points histories for %s", async (_who, role, links) => {
    renderInSignedInShell(<Route path="circle" element={<CircleRoute />} />, {
      path: "/circle",
      routes: {
        "GET /users/me": () => ok(makeUser({ role })),
        "GET /circles/current": () => ok(makeCircle({ inviteCode: undefined })),
        "GET /circles/current/members": () =>
          ok({
            members: [
              makeMember({ userId: 1, displayName: "Sam", role, points: 2 }),
              makeMember({ userId: 2, displayName: "Alex", points: 5 }),
            ],
          }),
        "GET /circles/join": () => ok({ requests: [] }),
      },
    });
    const board = await screen.findByRole("region", { name: "Points" });
    const found = within(board).queryAllByRole("link");
    expect(found.map((link) => link.getAttribute("aria-label"))).toEqual(links);
    if (role === "admin") expect(within(board).getByRole("link", { name: "Alex’s points history" })).toHaveAttribute("href", "/points/2");
  });
});
