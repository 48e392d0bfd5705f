/** Penalties in a member's points history, and an admin waiving one (decision 0028). */
import type { PointsEntry, PointsPage } from "@chorus/shared";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route } from "react-router";
import { makeUser } from "../../../testing/fixtures";
import { apiError, ok, type FakeHandler } from "../../../testing/fake-api";
import { renderInSignedInShell } from "../../../testing/signed-in-shell";
import { MemberPointsRoute } from "./member-points";

const sam = makeUser({ id: 1, displayName: "Sam", role: "admin", timezone: "UTC" });
const kim = makeUser({ id: 3, displayName: "Kim", role: "manager", timezone: "UTC" });
const alex = makeUser({ id: 2, username: "alex", displayName: "Alex", role: "member", timezone: "UTC" });
const alexMember = { userId: 2, displayName: "Alex" };

const penalty = (overrides: Partial<PointsEntry> & Pick<PointsEntry, "id" | "amount" | "balance">): PointsEntry => ({
  kind: "penalty",
  actor: null,
  viaDevice: null,
  chore: { id: 8, name: "Homework" },
  reward: null,
  penalty: { id: 40, dueDate: "2026-11-30T18:00:00Z", points: 5, waived: false },
  reason: null,
  createdAt: "2026-11-30T18:01:00Z",
  ...overrides,
});

const missed = penalty({ id: 7, amount: -5, balance: 4 });
const partly = penalty({
  id: 6,
  amount: -2,
  balance: 0,
  chore: { id: 9, name: "Bins" },
  penalty: { id: 41, dueDate: "2026-11-29T07:00:00Z", points: 5, waived: true },
});
const waived = penalty({
  id: 8,
  kind: "waived",
  amount: 2,
  balance: 6,
  actor: { id: 1, displayName: "Sam" },
  chore: { id: 9, name: "Bins" },
  penalty: partly.penalty,
  reason: "Bins were late",
});

function renderPage(me: typeof sam, routes: Record<string, FakeHandler> = {}) {
  let entries = [waived, missed, partly];
  const page = (): PointsPage => ({ member: { ...alexMember, points: entries[0]!.balance }, entries, nextCursor: null });
  return renderInSignedInShell(<Route path="points/:userId" element={<MemberPointsRoute />} />, {
    path: "/points/2",
    routes: {
      "GET /users/me": () => ok(me),
      "GET /circles/current/members/2/points": () => ok(page()),
      "POST /circles/current/members/2/points/7/waive": ({ body }) => {
        const reason = (body as { reason?: string }).reason ?? null;
        const entry = penalty({ id: 9, kind: "waived", amount: 5, balance: 11, actor: { id: 1, displayName: "Sam" }, reason });
        entries = [entry, { ...missed, penalty: { ...missed.penalty!, waived: true } }, ...entries.slice(0, 1), partly];
        return { status: 201, body: { entry, points: 11 } };
      },
      ...routes,
    },
  });
}

describe("penalties in a points history", () => {
  it("shows each penalty with its chore, the missed occurrence, what it could take, and its waiving", async () => {
    renderPage(alex);
    const rows = within(await screen.findByRole("list", { name: "Points history" })).getAllByRole("listitem");
    expect(rows[0]).toHaveTextContent("+2Penalty waived: Binsbalance 6");
    expect(rows[0]).toHaveTextContent("by Sam for Alex");
    expect(rows[0]).toHaveTextContent("Missed: due Nov 29, 2026, 7:00 AM");
    expect(rows[0]).toHaveTextContent("“Bins were late”");
    expect(rows[1]).toHaveTextContent("−5Penalty: Homeworkbalance 4");
    expect(rows[1]).toHaveTextContent("Not done in time");
    expect(rows[1]).toHaveTextContent("Missed: due Nov 30, 2026, 6:00 PM");
    expect(rows[1]).not.toHaveTextContent("Waived");
    expect(within(rows[1]!).getByRole("link", { name: "Homework" })).toHaveAttribute("href", "/chores/8");
    expect(rows[2]).toHaveTextContent("−2Penalty: Bins");
    expect(rows[2]).toHaveTextContent("penalty 5, only 2 left to take · Waived");
    // A member cannot waive their own.
    expect(screen.queryByRole("button", { name: /Waive/ })).not.toBeInTheDocument();
  });

  it("lets an admin waive a penalty not yet waived, with an optional reason", async () => {
    const user = userEvent.setup();
    const { requests } = renderPage(sam);
    await screen.findByRole("list", { name: "Points history" });
    expect(screen.getAllByRole("button", { name: /^Waive penalty/ })).toHaveLength(1);
    await user.click(screen.getByRole("button", { name: "Waive penalty: Homework" }));
    const form = screen.getByRole("form", { name: "Waive penalty: Homework" });
    await user.click(within(form).getByRole("button", { name: "Keep" }));
    expect(screen.queryByRole("form", { name: "Waive penalty: Homework" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Waive penalty: Homework" }));
    await user.type(screen.getByLabelText("Reason (optional)"), "Was ill");
    await user.click(screen.getByRole("button", { name: "Waive penalty" }));
    expect(await screen.findByText("Penalty waived. Alex now has 11 points.")).toBeInTheDocument();
    expect(requests.filter(({ method }) => method === "POST").map(({ body }) => body)).toEqual([{ reason: "Was ill" }]);
    // The history refreshed: nothing left to waive.
    expect(await screen.findByText("“Was ill”")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Waive penalty/ })).not.toBeInTheDocument();
  });

  it("sends no reason when none is given, and shows a refusal", async () => {
    const user = userEvent.setup();
    const { requests } = renderPage(sam, {
      "POST /circles/current/members/2/points/7/waive": () => apiError(409, "already_waived", "This penalty was waived already"),
    });
    await user.click(await screen.findByRole("button", { name: "Waive penalty: Homework" }));
    await user.click(screen.getByRole("button", { name: "Waive penalty" }));
    expect(await screen.findByText("This penalty was waived already")).toBeInTheDocument();
    expect(requests.filter(({ method }) => method === "POST").map(({ body }) => body)).toEqual([{}]);
  });

  it("offers no waiving to managers", async () => {
    renderPage(kim);
    await screen.findByRole("list", { name: "Points history" });
    expect(screen.queryByRole("button", { name: /Waive/ })).not.toBeInTheDocument();
  });
});
