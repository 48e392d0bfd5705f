import { screen, within } from "@testing-library/react";
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
});
