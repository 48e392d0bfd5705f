import type { Approval } from "@chorus/shared";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route } from "react-router";
import { makeMember, makeUser } from "../../../testing/fixtures";
import { apiError, ok } from "../../../testing/fake-api";
import { renderInSignedInShell } from "../../../testing/signed-in-shell";
import { ApprovalsRoute } from "./approvals";

const sam = makeUser({ id: 1, displayName: "Sam", role: "admin", timezone: "UTC" });
const alex = makeUser({ id: 2, username: "alex", displayName: "Alex", role: "member", timezone: "UTC" });
const members = [makeMember({ userId: 1, displayName: "Sam", role: "admin" }), makeMember({ userId: 2, displayName: "Alex" })];

const item = (id: number, name: string, overrides: Partial<Approval> = {}): Approval => ({
  id,
  chore: { id: id * 10, name, points: 5 },
  userId: 2,
  actorUserId: 2,
  viaDeviceId: null,
  dueDate: "2026-12-01T18:00:00Z",
  note: null,
  completedAt: "2026-12-01T17:30:00Z",
  status: "pending",
  decidedBy: null,
  decidedAt: null,
  decisionNote: null,
  createdAt: "2026-12-01T17:30:00Z",
  photo: null,
  ...overrides,
});
const queue = [item(1, "Dishes", { note: "All clean" }), item(2, "Bins", { viaDeviceId: 4 })];
const allApproved = [item(1, "Dishes", { status: "approved" }), item(2, "Bins", { status: "approved" })];

function renderPage(me: typeof sam, approveAll = () => ok({ approvals: allApproved })) {
  return renderInSignedInShell(<Route path="approvals" element={<ApprovalsRoute />} />, {
    path: "/approvals",
    routes: {
      "GET /users/me": () => ok(me),
      "GET /circles/current/members": () => ok({ members }),
      "GET /approvals": () => ok({ approvals: queue }),
      "POST /approvals/1/approve": () => ok({ ...queue[0], status: "approved", decidedBy: 1 }),
      "POST /approvals/2/reject": ({ body }) => ok({ ...queue[1], status: "rejected", decisionNote: (body as { note: string }).note }),
      "POST /approvals/approve-all": approveAll,
    },
  });
}

describe("Approvals page", () => {
  it("lists who did what, approves one, and rejects one with the note the member reads", async () => {
    const user = userEvent.setup();
    const { requests } = renderPage(sam);
    const list = await screen.findByRole("list", { name: "Waiting for approval" });
    const [dishes, bins] = within(list).getAllByRole("listitem");
    expect(dishes).toHaveTextContent("Dishes · 5 points");
    expect(dishes).toHaveTextContent("Done by Alex ·");
    expect(dishes).toHaveTextContent("“All clean”");
    expect(bins).toHaveTextContent("Done by Alex on a tablet");

    await user.click(within(dishes!).getByRole("button", { name: "Approve Alex’s “Dishes”" }));
    expect(await screen.findByText("Alex’s “Dishes” approved.")).toBeInTheDocument();

    await user.click(within(bins!).getByRole("button", { name: "Reject… Alex’s “Bins”" }));
    const send = within(bins!).getByRole("button", { name: "Send back Alex’s “Bins”" });
    expect(send).toBeDisabled();
    await user.type(within(bins!).getByLabelText("What is left to do? (Alex reads this)"), "Lids are open");
    await user.click(send);
    expect(await screen.findByText("Alex’s “Bins” sent back.")).toBeInTheDocument();
    expect(requests.find((request) => request.path === "/approvals/2/reject")?.body).toEqual({ note: "Lids are open" });
  });

  it("approves all the items shown in one request, and says when nothing was approved", async () => {
    const user = userEvent.setup();
    let fail = false;
    const { requests } = renderPage(sam, () =>
      fail ? apiError(409, "invalid_state", "This completion was already rejected", { approvalId: 2 }) : ok({ approvals: allApproved }),
    );
    await user.click(await screen.findByRole("button", { name: "Approve all 2" }));
    expect(await screen.findByText("2 completions approved.")).toBeInTheDocument();
    expect(requests.find((request) => request.path === "/approvals/approve-all")?.body).toEqual({ ids: [1, 2] });
    fail = true;
    await user.click(screen.getByRole("button", { name: "Approve all 2" }));
    expect(await screen.findByText("Nothing was approved: This completion was already rejected")).toBeInTheDocument();
  });

  it("is not for members", async () => {
    renderPage(alex);
    expect(await screen.findByText(/Only admins and managers approve completions/)).toBeInTheDocument();
    expect(screen.queryByRole("list", { name: "Waiting for approval" })).not.toBeInTheDocument();
  });
});
