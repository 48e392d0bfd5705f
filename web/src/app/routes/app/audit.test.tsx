import { screen, within } from "@testing-library/react";
import { Route } from "react-router";
import { makeAuditEvent, makeChore, makeCircle, makeMember, makeUser } from "../../../testing/fixtures";
import { ok } from "../../../testing/fake-api";
import { renderInSignedInShell } from "../../../testing/signed-in-shell";
import { AuditRoute } from "./audit";

describe("Audit page", () => {
  it("names chores in the On column from the chore list, archived ones included", async () => {
    const { requests } = renderInSignedInShell(<Route path="audit" element={<AuditRoute />} />, {
      path: "/audit",
      routes: {
        "GET /users/me": () => ok(makeUser()),
        "GET /circles/current": () => ok(makeCircle()),
        "GET /circles/current/members": () => ok({ members: [makeMember({ userId: 1, displayName: "Sam", role: "admin" })] }),
        "GET /chores": () => ok({ chores: [makeChore({ id: 3, name: "Clean the gutters", archived: true })] }),
        "GET /circles/current/audit": () =>
          ok({ events: [makeAuditEvent(1, { action: "chore.updated", entityType: "chore", entityId: "3" })], nextCursor: null }),
      },
    });

    const row = (await screen.findByText("chore.updated")).closest("tr") as HTMLElement;
    expect(await within(row).findByText("Clean the gutters")).toBeInTheDocument();
    expect(requests.find((request) => request.path === "/chores")?.query.get("includeArchived")).toBe("true");
  });
});
