import type { AuditEvent } from "@chorus/shared";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { makeMember } from "../../../testing/fixtures";
import { ok, renderWithApi } from "../../../testing/fake-api";
import { AuditLog } from "./audit-log";

const members = [makeMember({ userId: 1, displayName: "Sam", role: "admin" }), makeMember({ userId: 2, displayName: "Alex" })];
const nameOf = (id: number | null) => members.find((member) => member.userId === id)?.displayName ?? `User #${id}`;

function event(id: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id,
    circleId: 1,
    actorUserId: 1,
    subjectUserId: null,
    action: "chore.updated",
    entityType: "chore",
    entityId: "3",
    outcome: "allowed",
    payload: {},
    requestId: null,
    ip: null,
    userAgent: null,
    createdAt: "2026-11-21T09:00:00Z",
    ...overrides,
  };
}

describe("AuditLog", () => {
  it("shows who acted as whom, filters by actor and subject, and pages with nextCursor", async () => {
    const user = userEvent.setup();
    const { requests } = renderWithApi(<AuditLog members={members} nameOf={nameOf} timeZone="Europe/Berlin" />, {
      routes: {
        "GET /circles/current/audit": ({ query }) =>
          query.get("before") === "7"
            ? ok({ events: [event(6, { action: "member.accepted", entityType: "user", entityId: "2" })], nextCursor: null })
            : ok({
                events: [
                  event(8, { action: "chore.completed", subjectUserId: 2, payload: { impersonatedUserId: 2 } }),
                  event(7, { action: "impersonation.denied", outcome: "denied", payload: { impersonatedUserId: 1 }, actorUserId: 9 }),
                ],
                nextCursor: "7",
              }),
      },
    });

    const completed = (await screen.findByText("chore.completed")).closest("tr") as HTMLElement;
    expect(within(completed).getAllByRole("cell").map((cell) => cell.textContent)).toEqual([expect.any(String), "Sam", "Alex", "chore.completed", "chore #3", "Allowed"]);
    const denied = screen.getByText("impersonation.denied").closest("tr") as HTMLElement;
    expect(denied).toHaveTextContent("User #9");
    expect(denied).toHaveTextContent("Denied");

    await user.click(screen.getByRole("button", { name: "Show older events" }));
    expect(await screen.findByText("member.accepted")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Show older events" })).not.toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText("Who (real person)"), "Sam");
    await user.selectOptions(screen.getByLabelText("Acting as"), "Alex");
    await user.click(screen.getByRole("button", { name: "Filter" }));
    await screen.findByText("chore.completed");
    const last = requests.at(-1);
    expect(last?.query.get("actorUserId")).toBe("1");
    expect(last?.query.get("subjectUserId")).toBe("2");
    expect(last?.query.get("before")).toBeNull();
  });
});
