import type { PointsEntry, PointsPage } from "@chorus/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route } from "react-router";
import { makeUser } from "../../../testing/fixtures";
import { apiError, ok, type FakeHandler } from "../../../testing/fake-api";
import { renderInSignedInShell } from "../../../testing/signed-in-shell";
import { MemberPointsRoute } from "./member-points";

const sam = makeUser({ id: 1, displayName: "Sam", role: "admin", timezone: "UTC" });
const alex = makeUser({ id: 2, username: "alex", displayName: "Alex", role: "member", timezone: "UTC" });
const alexMember = { userId: 2, displayName: "Alex" };

const entry = (overrides: Partial<PointsEntry> & Pick<PointsEntry, "id" | "kind" | "amount" | "balance">): PointsEntry => ({
  actor: { id: 2, displayName: "Alex" },
  viaDevice: null,
  chore: null,
  reward: null,
  penalty: null,
  reason: null,
  createdAt: "2026-11-30T18:00:00Z",
  ...overrides,
});

const adjusted = entry({
  id: 5,
  kind: "adjusted",
  amount: -2,
  balance: 9,
  actor: { id: 1, displayName: "Sam" },
  reason: "Left the lights on",
});
const byTablet = entry({
  id: 4,
  kind: "earned",
  amount: 3,
  balance: 11,
  viaDevice: { id: 7, name: "Kitchen tablet" },
  chore: { id: 8, name: "Feed the cat" },
});
const forAlex = entry({ id: 3, kind: "earned", amount: 5, balance: 8, actor: { id: 1, displayName: "Sam" }, chore: { id: 9, name: null } });
const opening = entry({ id: 1, kind: "opening", amount: 3, balance: 3, actor: null, reason: "Opening balance" });

function renderPage(me: typeof sam, routes: Record<string, FakeHandler> = {}) {
  let points = 9;
  const page = (): PointsPage => ({ member: { ...alexMember, points }, entries: [adjusted, byTablet, forAlex], nextCursor: "older" });
  return renderInSignedInShell(<Route path="points/:userId" element={<MemberPointsRoute />} />, {
    path: "/points/2",
    routes: {
      "GET /users/me": () => ok(me),
      "GET /circles/current/members/2/points": ({ query }) =>
        ok(query.get("before") === "older" ? { member: { ...alexMember, points }, entries: [opening], nextCursor: null } : page()),
      "POST /circles/current/members/2/points/adjustments": ({ body }) => {
        const { amount, reason } = body as { amount: number; reason: string };
        points += amount;
        return { status: 201, body: { points, entry: entry({ id: 6, kind: "adjusted", amount, balance: points, reason }) } };
      },
      ...routes,
    },
  });
}

describe("a member's points history", () => {
  it("shows the balance and each change with who did it, for what and why, and pages older entries", async () => {
    const user = userEvent.setup();
    renderPage(sam);
    expect(await screen.findByRole("heading", { level: 1, name: "Alex’s points" })).toBeInTheDocument();
    expect(screen.getByText("9").closest("p")).toHaveTextContent("9 points");
    const list = screen.getByRole("list", { name: "Points history" });
    const rows = within(list).getAllByRole("listitem");
    expect(rows[0]).toHaveTextContent("−2Adjustedbalance 9");
    expect(rows[0]).toHaveTextContent("by Sam for Alex");
    expect(rows[0]).toHaveTextContent("“Left the lights on”");
    expect(rows[1]).toHaveTextContent("+3Earned: Feed the cat");
    expect(rows[1]).toHaveTextContent("by Alex via Kitchen tablet");
    expect(within(rows[1]!).getByRole("link", { name: "Feed the cat" })).toHaveAttribute("href", "/chores/8");
    expect(rows[2]).toHaveTextContent("+5Earned: a chore you cannot see");
    expect(rows[2]).toHaveTextContent("by Sam for Alex");

    await user.click(screen.getByRole("button", { name: "Show older entries" }));
    expect(await within(list).findByText("Opening balance")).toBeInTheDocument();
    expect(within(list).getByText(/Carried over from before the points history/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Show older entries" })).not.toBeInTheDocument();
  });

  it("lets an admin adjust with a reason, checking the form before sending", async () => {
    const user = userEvent.setup();
    const { requests } = renderPage(sam);
    const form = await screen.findByRole("form", { name: "Adjust Alex’s points" });
    await user.click(within(form).getByRole("button", { name: "Adjust points" }));
    expect(await within(form).findByText("Say why the points change")).toBeInTheDocument();
    await user.type(within(form).getByLabelText("Amount"), "0");
    await user.type(within(form).getByLabelText("Reason"), "Nothing");
    await user.click(within(form).getByRole("button", { name: "Adjust points" }));
    expect(await within(form).findByText("Amount cannot be zero")).toBeInTheDocument();
    expect(requests.filter((request) => request.method === "POST")).toEqual([]);

    await user.clear(within(form).getByLabelText("Amount"));
    await user.type(within(form).getByLabelText("Amount"), "-3");
    await user.clear(within(form).getByLabelText("Reason"));
    await user.type(within(form).getByLabelText("Reason"), "Fought over the remote");
    await user.click(within(form).getByRole("button", { name: "Adjust points" }));
    expect(await screen.findByText("Alex now has 6 points.")).toBeInTheDocument();
    expect(requests.filter((request) => request.method === "POST").map((request) => request.body)).toEqual([
      { amount: -3, reason: "Fought over the remote" },
    ]);
    await waitFor(() => expect(within(form).getByLabelText("Reason")).toHaveValue(""));
  });

  it("shows the server's refusal, such as a balance that would go below zero", async () => {
    const user = userEvent.setup();
    renderPage(sam, {
      "POST /circles/current/members/2/points/adjustments": () =>
        apiError(409, "insufficient_points", "That would take the member's points below zero", { points: 9 }),
    });
    const form = await screen.findByRole("form", { name: "Adjust Alex’s points" });
    await user.type(within(form).getByLabelText("Amount"), "-20");
    await user.type(within(form).getByLabelText("Reason"), "Too much");
    await user.click(within(form).getByRole("button", { name: "Adjust points" }));
    expect(await screen.findByText("That would take the member's points below zero")).toBeInTheDocument();
  });

  it("is the member's own page without the adjust form", async () => {
    renderPage(alex);
    expect(await screen.findByRole("heading", { level: 1, name: "Your points" })).toBeInTheDocument();
    expect(screen.getByRole("list", { name: "Points history" })).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: /Adjust/ })).not.toBeInTheDocument();
  });

  it("says so when the history may not be opened", async () => {
    renderPage(makeUser({ id: 3, displayName: "Kim", role: "member" }), {
      "GET /circles/current/members/2/points": () =>
        apiError(403, "forbidden", "Only circle admins and managers can see another member's points history"),
    });
    expect(await screen.findByText("Could not load this points history.")).toBeInTheDocument();
  });
});
