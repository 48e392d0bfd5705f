import type { Reward, RewardRequest } from "@chorus/shared";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route } from "react-router";
import { makeMember, makeUser } from "../../../testing/fixtures";
import { ok } from "../../../testing/fake-api";
import { renderInSignedInShell } from "../../../testing/signed-in-shell";
import { RewardsRoute } from "./rewards";

const sam = makeUser({ id: 1, displayName: "Sam", role: "admin", timezone: "UTC" });
const alex = makeUser({ id: 2, username: "alex", displayName: "Alex", role: "member", timezone: "UTC" });
const members = [makeMember({ userId: 1, displayName: "Sam", role: "admin" }), makeMember({ userId: 2, displayName: "Alex", points: 12 })];

const reward = (overrides: Partial<Reward> & Pick<Reward, "id" | "name" | "cost">): Reward => ({
  stock: null,
  availableTo: [],
  archived: false,
  createdAt: "2026-11-01T00:00:00Z",
  ...overrides,
});
const rewards = [
  reward({ id: 1, name: "Sweets", cost: 5 }),
  reward({ id: 2, name: "Cinema", cost: 30 }),
  reward({ id: 3, name: "Comic", cost: 4, stock: 0 }),
];
const pending: RewardRequest = {
  id: 9,
  reward: { id: 1, name: "Sweets" },
  userId: 2,
  actorUserId: 2,
  viaDeviceId: null,
  status: "pending",
  cost: 5,
  decidedBy: null,
  decidedAt: null,
  decisionNote: null,
  createdAt: "2026-12-01T10:00:00Z",
};

function renderPage(me: typeof sam) {
  return renderInSignedInShell(<Route path="rewards" element={<RewardsRoute />} />, {
    path: "/rewards",
    routes: {
      "GET /users/me": () => ok(me),
      "GET /circles/current/members": () => ok({ members }),
      "GET /rewards": () => ok({ rewards, points: 12 }),
      "GET /rewards/requests": () => ok({ requests: [pending], nextCursor: null }),
      "POST /rewards/1/requests": () => ({ status: 201, body: { ...pending, id: 10 } }),
      "PATCH /rewards/2": ({ body }) => ok({ ...rewards[1]!, ...(body as Partial<Reward>) }),
      "PATCH /rewards/3": ({ body }) => ok({ ...rewards[2]!, ...(body as Partial<Reward>) }),
      "DELETE /rewards/1": () => ({ status: 204 }),
      "POST /rewards/requests/9/approve": ({ body }) =>
        ok({
          ...pending,
          status: "approved",
          decidedBy: 1,
          decidedAt: "2026-12-01T11:00:00Z",
          decisionNote: (body as { note?: string }).note ?? null,
        }),
    },
  });
}

describe("Rewards page", () => {
  it("shows a member what they can afford, asks for one, and lists their requests", async () => {
    const user = userEvent.setup();
    const { requests } = renderPage(alex);
    const list = await screen.findByRole("list", { name: "Rewards" });
    const [sweets, cinema, comic] = within(list).getAllByRole("listitem");
    expect(sweets).toHaveTextContent("Sweets5 points");
    expect(comic).toHaveTextContent("Comic4 points · none left");
    expect(within(comic!).queryByRole("button")).not.toBeInTheDocument();
    expect(cinema).toHaveTextContent("18 more to go");
    expect(screen.getByText("12").closest("p")).toHaveTextContent("12 points to spend");
    expect(within(screen.getByRole("list", { name: "My requests" })).getByRole("listitem")).toHaveTextContent(
      "Sweets · 5 points · Waiting",
    );
    expect(screen.queryByRole("form", { name: "New reward" })).not.toBeInTheDocument();
    expect(screen.queryByRole("list", { name: "Requests to decide" })).not.toBeInTheDocument();

    await user.click(within(sweets!).getByRole("button", { name: "Ask for it Sweets" }));
    expect(await screen.findByText("Asked for “Sweets”: 5 points are held until it is decided.")).toBeInTheDocument();
    expect(requests.some((request) => request.method === "POST" && request.path === "/rewards/1/requests")).toBe(true);
  });

  it("gives admins the queue with Approve and Decline, a note, and the new reward form", async () => {
    const user = userEvent.setup();
    const { requests } = renderPage(sam);
    const queue = await screen.findByRole("list", { name: "Requests to decide" });
    const row = within(queue).getByRole("listitem");
    expect(row).toHaveTextContent("Asked by Alex");
    await user.type(within(row).getByLabelText("Note to Alex about Sweets"), "Well earned");
    await user.click(within(row).getByRole("button", { name: "Approve Sweets for Alex" }));
    expect(await screen.findByText("Alex’s “Sweets” approved.")).toBeInTheDocument();
    expect(requests.find((request) => request.path === "/rewards/requests/9/approve")?.body).toEqual({ note: "Well earned" });
    expect(screen.getByRole("form", { name: "New reward" })).toBeInTheDocument();
  });

  it("lets admins edit a reward's name, cost, stock and who may ask, and archive it after confirming", async () => {
    const user = userEvent.setup();
    const { requests } = renderPage(sam);
    const list = await screen.findByRole("list", { name: "Rewards" });
    const cinema = within(list).getByRole("listitem", { name: "Cinema" });
    expect(cinema).toHaveTextContent("30 points · for everyone");
    await user.click(within(cinema).getByRole("button", { name: "Edit Cinema" }));

    const form = within(list).getByRole("form", { name: "Edit Cinema" });
    expect(within(form).getByLabelText("Name")).toHaveValue("Cinema");
    expect(within(form).getByLabelText("Cost in points")).toHaveValue("30");
    await user.clear(within(form).getByLabelText("Cost in points"));
    await user.type(within(form).getByLabelText("Cost in points"), "0");
    await user.click(within(form).getByRole("button", { name: "Save reward" }));
    expect(within(form).getByLabelText("Cost in points")).toHaveAccessibleDescription("Cost must be 1-100000");
    expect(requests.some((request) => request.method === "PATCH")).toBe(false);

    await user.clear(within(form).getByLabelText("Cost in points"));
    await user.type(within(form).getByLabelText("Cost in points"), "25");
    await user.type(within(form).getByLabelText("How many left (optional)"), "3");
    await user.click(within(within(form).getByRole("group", { name: "Who can ask for it" })).getByRole("checkbox", { name: "Alex" }));
    await user.click(within(form).getByRole("button", { name: "Save reward" }));
    expect(await screen.findByText("“Cinema” is saved.")).toBeInTheDocument();
    expect(requests.find((request) => request.method === "PATCH")).toMatchObject({
      path: "/rewards/2",
      body: { name: "Cinema", cost: 25, stock: 3, availableTo: [2] },
    });
    expect(within(list).queryByRole("form", { name: "Edit Cinema" })).not.toBeInTheDocument();

    const sweets = within(list).getByRole("listitem", { name: "Sweets" });
    await user.click(within(sweets).getByRole("button", { name: "Archive… Sweets" }));
    expect(requests.some((request) => request.method === "DELETE")).toBe(false);
    await user.click(within(sweets).getByRole("button", { name: "Archive Sweets" }));
    expect(await screen.findByText("“Sweets” is no longer on offer. Its requests stay.")).toBeInTheDocument();
    expect(requests.find((request) => request.method === "DELETE")?.path).toBe("/rewards/1");
  });

  it("sends an emptied stock as no limit, and Cancel leaves the reward as it was", async () => {
    const user = userEvent.setup();
    const { requests } = renderPage(sam);
    const list = await screen.findByRole("list", { name: "Rewards" });
    await user.click(within(list).getByRole("button", { name: "Edit Comic" }));
    await user.click(within(list).getByRole("button", { name: "Cancel" }));
    expect(within(list).getByRole("listitem", { name: "Comic" })).toHaveTextContent("4 points · none left · for everyone");

    await user.click(within(list).getByRole("button", { name: "Edit Comic" }));
    const form = within(list).getByRole("form", { name: "Edit Comic" });
    expect(within(form).getByLabelText("How many left (optional)")).toHaveValue("0");
    await user.clear(within(form).getByLabelText("How many left (optional)"));
    await user.click(within(form).getByRole("button", { name: "Save reward" }));
    expect(await screen.findByText("“Comic” is saved.")).toBeInTheDocument();
    expect(requests.find((request) => request.method === "PATCH")?.body).toMatchObject({ stock: null, availableTo: [] });
  });
});
