import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { makeAuditEvent as event, makeMember } from "../../../testing/fixtures";
import { ok, renderWithApi } from "../../../testing/fake-api";
import { AuditLog } from "./audit-log";

const members = [makeMember({ userId: 1, displayName: "Sam", role: "admin" }), makeMember({ userId: 2, displayName: "Alex" })];
const nameOf = (id: number | null) => members.find((member) => member.userId === id)?.displayName ?? `User #${id}`;
const choreNameOf = (id: number) => (id === 3 ? "Dishes" : undefined);

describe("AuditLog", () => {
  it("shows who acted as whom, filters by actor and subject, and pages with nextCursor", async () => {
    const user = userEvent.setup();
    const { requests } = renderWithApi(<AuditLog members={members} nameOf={nameOf} choreNameOf={choreNameOf} timeZone="Europe/Berlin" />, {
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
    expect(
      within(completed)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    ).toEqual([expect.any(String), "Sam", "Alex", "Chore done chore.completed", "Dishes", "Allowed"]);
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

  it("names what each event was about while the circle still knows it, else shows its id", async () => {
    renderWithApi(<AuditLog members={members} nameOf={nameOf} choreNameOf={choreNameOf} timeZone="Europe/Berlin" />, {
      routes: {
        "GET /circles/current/audit": () =>
          ok({
            events: [
              event(5, { action: "chore.updated", entityType: "chore", entityId: "3" }),
              event(4, { action: "chore.deleted", entityType: "chore", entityId: "4" }),
              event(6, { action: "chore.created", entityType: "chore", entityId: "5", payload: { redacted: "private_chore" } }),
              event(3, { action: "member.accepted", entityType: "user", entityId: "2" }),
              event(2, { action: "member.role_changed", entityType: "user", entityId: "9" }),
              event(1, { action: "circle.updated", entityType: "circle", entityId: "1" }),
              event(0, { action: "impersonation.denied", entityType: null, entityId: null }),
            ],
            nextCursor: null,
          }),
      },
    });
    const onCell = (action: string) => within(screen.getByText(action).closest("tr") as HTMLElement).getAllByRole("cell")[4]?.textContent;
    await screen.findByText("chore.updated");
    expect(onCell("chore.updated")).toBe("Dishes");
    expect(onCell("chore.deleted")).toBe("chore #4");
    expect(onCell("chore.created")).toBe("private chore #5");
    expect(onCell("member.accepted")).toBe("Alex");
    expect(onCell("member.role_changed")).toBe("user #9");
    expect(onCell("circle.updated")).toBe("circle #1");
    expect(onCell("impersonation.denied")).toBe("");
  });

  it("says which shared tablet an event came through", async () => {
    renderWithApi(<AuditLog members={members} nameOf={nameOf} choreNameOf={choreNameOf} timeZone="Europe/Berlin" />, {
      routes: {
        "GET /circles/current/audit": () =>
          ok({
            events: [event(9, { action: "chore.completed", actorUserId: 2, viaDeviceId: 4, payload: { deviceName: "Kitchen tablet" } })],
            nextCursor: null,
          }),
      },
    });
    const row = (await screen.findByText("chore.completed")).closest("tr") as HTMLElement;
    expect(within(row).getAllByRole("cell")[1]).toHaveTextContent("Alex via Kitchen tablet");
  });

  it("names the scheduler as the actor of a penalty (decision 0028)", async () => {
    renderWithApi(<AuditLog members={members} nameOf={nameOf} choreNameOf={choreNameOf} timeZone="Europe/Berlin" />, {
      routes: {
        "GET /circles/current/audit": () =>
          ok({
            events: [event(9, { action: "points.penalty_applied", actorUserId: null, payload: { appliedBy: "scheduler", amount: -4 } })],
            nextCursor: null,
          }),
      },
    });
    const row = (await screen.findByText("points.penalty_applied")).closest("tr") as HTMLElement;
    expect(within(row).getAllByRole("cell")[1]).toHaveTextContent("Chorus (scheduler)");
  });

  it("shows the impersonation reason with the member acted for", async () => {
    renderWithApi(<AuditLog members={members} nameOf={nameOf} choreNameOf={choreNameOf} timeZone="Europe/Berlin" />, {
      routes: {
        "GET /circles/current/audit": () =>
          ok({
            events: [
              event(9, {
                action: "chore.completed",
                subjectUserId: 2,
                payload: { impersonatedUserId: 2, impersonationSessionId: 4, impersonationReason: "Alex is ill" },
              }),
            ],
            nextCursor: null,
          }),
      },
    });
    const row = (await screen.findByText("chore.completed")).closest("tr") as HTMLElement;
    expect(within(row).getAllByRole("cell")[2]).toHaveTextContent("AlexReason: “Alex is ill”");
  });
});
