import type { Tablet } from "@chorus/shared";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { makeChore } from "../../../testing/fixtures";
import { apiError, ok, renderWithApi, type FakeHandler } from "../../../testing/fake-api";
import { TabletScreen } from "./tablet-screen";

const TOKEN = "chorus_dev_abcdefghijklmnopqrstuvwxyz012345";

const tablet: Tablet = {
  device: { id: 4, name: "Kitchen tablet" },
  circle: { id: 1, name: "The Smiths", timezone: "Europe/Berlin" },
  members: [
    { userId: 2, displayName: "Alex", hasPin: true },
    { userId: 3, displayName: "Jamie", hasPin: false },
  ],
};

function renderTablet(routes: Record<string, FakeHandler>, idleMs?: number) {
  return renderWithApi(<TabletScreen {...(idleMs ? { idleMs } : {})} />, {
    routes: { "GET /devices/current": () => ok(tablet), ...routes },
    token: null,
    path: "/tablet",
  });
}

async function setUp(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText("Tablet token"), TOKEN);
  await user.click(screen.getByRole("button", { name: "Use this tablet" }));
  await screen.findByRole("list", { name: "Who are you?" });
}

async function enterPin(user: ReturnType<typeof userEvent.setup>, pin: string) {
  for (const digit of pin) await user.click(screen.getByRole("button", { name: digit }));
  await user.click(screen.getByRole("button", { name: "OK" }));
}

describe("the tablet page", () => {
  it("is set up once with a device token kept in this device's storage, and refuses anything else", async () => {
    const user = userEvent.setup();
    const { requests } = renderTablet({});
    await user.type(screen.getByLabelText("Tablet token"), "not-a-token");
    await user.click(screen.getByRole("button", { name: "Use this tablet" }));
    expect(screen.getByLabelText("Tablet token")).toHaveAccessibleDescription(/start with chorus_dev_/);
    expect(requests).toEqual([]);

    await user.clear(screen.getByLabelText("Tablet token"));
    await setUp(user);
    expect(localStorage.getItem("chorus.deviceToken")).toBe(TOKEN);
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const tiles = within(screen.getByRole("list", { name: "Who are you?" })).getAllByRole("button");
    expect(tiles.map((tile) => tile.textContent)).toEqual(["AAlex", "JJamie"]);
  });

  it("sets itself up from the link in an admin's QR code, and takes the token out of the address", async () => {
    window.history.replaceState(null, "", `/tablet#token=${TOKEN}`);
    const { requests } = renderTablet({});
    expect(await screen.findByRole("list", { name: "Who are you?" })).toBeInTheDocument();
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(localStorage.getItem("chorus.deviceToken")).toBe(TOKEN);
    expect(window.location.hash).toBe("");
    expect(window.location.pathname).toBe("/tablet");
  });

  it("asks for the picked member's PIN, lists their chores and marks one done for them", async () => {
    const user = userEvent.setup();
    let chores = [makeChore({ id: 7, name: "Feed the cat", nextDueDate: "2026-11-21T08:00:00Z" })];
    const { requests } = renderTablet({
      "GET /chores": () => ok({ chores }),
      "POST /chores/7/do": () => {
        const done = chores[0]!;
        chores = [];
        return ok(done);
      },
    });
    await setUp(user);
    await user.click(screen.getByRole("button", { name: /Alex/ }));
    await enterPin(user, "2468");

    const list = await screen.findByRole("region", { name: "Alex’s chores" });
    expect(await within(list).findByRole("listitem", { name: "Feed the cat" })).toHaveTextContent("Due Nov 21, 2026, 9:00");
    const listRequest = requests.find((request) => request.path === "/chores")!;
    expect(listRequest.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      "x-chorus-member-id": "2",
      "x-chorus-member-pin": "2468",
    });

    await user.click(within(list).getByRole("button", { name: "Done: Feed the cat" }));
    expect(await screen.findByText("Feed the cat: done!")).toBeInTheDocument();
    expect(await within(list).findByText("Nothing to do. Well done!")).toBeInTheDocument();
    expect(requests.find((request) => request.method === "POST")?.headers).toMatchObject({
      "x-chorus-member-id": "2",
      "x-chorus-member-pin": "2468",
    });

    await user.click(screen.getByRole("button", { name: "Finished — back to everyone" }));
    expect(screen.getByRole("list", { name: "Who are you?" })).toBeInTheDocument();
  });

  it("does a chore due later today at once, naming its occurrence", async () => {
    const user = userEvent.setup();
    const due = new Date(Date.now() + 11 * 3_600_000).toISOString();
    const { requests } = renderTablet({
      "GET /chores": () => ok({ chores: [makeChore({ id: 9, name: "Tidy room", nextDueDate: due })] }),
      "POST /chores/9/do": () => ok(makeChore({ id: 9 })),
    });
    await setUp(user);
    await user.click(screen.getByRole("button", { name: /Jamie/ }));
    const list = await screen.findByRole("region", { name: "Jamie’s chores" });
    await user.click(await within(list).findByRole("button", { name: "Done: Tidy room" }));
    expect(await screen.findByText("Tidy room: done!")).toBeInTheDocument();
    expect(within(list).queryByRole("group", { name: "Done early: Tidy room" })).not.toBeInTheDocument();
    expect(requests.find((request) => request.method === "POST")?.body).toEqual({ dueDate: due });
  });

  it("says when a Done waits for approval, then shows the chore waiting without Done; a rejection shows its note", async () => {
    const user = userEvent.setup();
    const due = new Date(Date.now() + 11 * 3_600_000).toISOString();
    const rejected = { status: "rejected", note: "Lids open", rejectedBy: 1, rejectedAt: "2026-11-21T08:00:00Z" } as const;
    let chores = [
      makeChore({ id: 9, name: "Tidy room", nextDueDate: due, needsApproval: true }),
      makeChore({ id: 10, name: "Bins", nextDueDate: due, needsApproval: true, approval: rejected }),
    ];
    const waiting = makeChore({
      id: 9,
      name: "Tidy room",
      nextDueDate: due,
      needsApproval: true,
      approval: { status: "pending", approvalId: 3 },
    });
    renderTablet({
      "GET /chores": () => ok({ chores }),
      "POST /chores/9/do": () => {
        chores = [waiting, chores[1]!];
        return ok(waiting);
      },
    });
    await setUp(user);
    await user.click(screen.getByRole("button", { name: /Jamie/ }));
    const list = await screen.findByRole("region", { name: "Jamie’s chores" });
    expect(await within(list).findByText("Not approved: “Lids open”")).toBeInTheDocument();
    await user.click(await within(list).findByRole("button", { name: "Done: Tidy room" }));
    expect(await screen.findByText("Tidy room: waiting for approval.")).toBeInTheDocument();
    const tidy = within(list).getByRole("listitem", { name: "Tidy room" });
    expect(await within(tidy).findByText("Waiting for approval")).toBeInTheDocument();
    expect(within(tidy).queryByRole("button", { name: "Done: Tidy room" })).not.toBeInTheDocument();
  });

  it("names the occurrence it completes, and asks before doing the occurrence after a done one", async () => {
    const user = userEvent.setup();
    const due = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const currentFrom = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const { requests } = renderTablet({
      "GET /chores": () => ok({ chores: [makeChore({ id: 9, name: "Tidy room", nextDueDate: due, currentFrom })] }),
      "POST /chores/9/do": () => ok(makeChore({ id: 9 })),
    });
    await setUp(user);
    await user.click(screen.getByRole("button", { name: /Jamie/ }));
    const list = await screen.findByRole("region", { name: "Jamie’s chores" });
    await user.click(await within(list).findByRole("button", { name: "Done: Tidy room" }));
    const confirm = within(list).getByRole("group", { name: "Done early: Tidy room" });
    await user.click(within(confirm).getByRole("button", { name: "Not yet" }));
    expect(requests.filter((request) => request.method === "POST")).toEqual([]);

    await user.click(within(list).getByRole("button", { name: "Done: Tidy room" }));
    await user.click(within(list).getByRole("button", { name: "Done early" }));
    expect(await screen.findByText("Tidy room: done!")).toBeInTheDocument();
    expect(requests.find((request) => request.method === "POST")?.body).toEqual({ dueDate: due });
  });

  it("says from when a chore already done ahead can be done again, without asking or sending", async () => {
    const user = userEvent.setup();
    const chore = makeChore({
      id: 9,
      name: "Tidy room",
      nextDueDate: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      currentFrom: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      earlyFrom: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const { requests } = renderTablet({ "GET /chores": () => ok({ chores: [chore] }) });
    await setUp(user);
    await user.click(screen.getByRole("button", { name: /Jamie/ }));
    const list = await screen.findByRole("region", { name: "Jamie’s chores" });
    await user.click(await within(list).findByRole("button", { name: "Done: Tidy room" }));
    expect(within(list).getByRole("alert")).toHaveTextContent(/^Already done ahead\. It can be done again from .+\.$/);
    expect(within(list).queryByRole("group", { name: "Done early: Tidy room" })).not.toBeInTheDocument();
    expect(requests.filter((request) => request.method === "POST")).toEqual([]);
  });

  it("moves focus to the next chore's Done after one is done, and to Finished after the last", async () => {
    const user = userEvent.setup();
    const due = new Date(Date.now() + 3_600_000).toISOString();
    let left = [makeChore({ id: 9, name: "Tidy room", nextDueDate: due }), makeChore({ id: 10, name: "Feed cat", nextDueDate: due })];
    renderTablet({
      "GET /chores": () => ok({ chores: left }),
      "POST /chores/9/do": () => {
        left = left.filter((chore) => chore.id !== 9);
        return ok(makeChore({ id: 9 }));
      },
      "POST /chores/10/do": () => {
        left = [];
        return ok(makeChore({ id: 10 }));
      },
    });
    await setUp(user);
    await user.click(screen.getByRole("button", { name: /Jamie/ }));
    const list = await screen.findByRole("region", { name: "Jamie’s chores" });
    await user.click(await within(list).findByRole("button", { name: "Done: Tidy room" }));
    await screen.findByText("Tidy room: done!");
    await waitFor(() => expect(within(list).getByRole("button", { name: "Done: Feed cat" })).toHaveFocus());
    await user.keyboard("{Enter}");
    await screen.findByText("Feed cat: done!");
    await waitFor(() => expect(screen.getByRole("button", { name: "Finished — back to everyone" })).toHaveFocus());
  });

  it("goes straight to the chores of a member without a PIN, and skips", async () => {
    const user = userEvent.setup();
    const { requests } = renderTablet({
      "GET /chores": () => ok({ chores: [makeChore({ id: 8, name: "Water plants" })] }),
      "POST /chores/8/skip": () => ok(makeChore({ id: 8 })),
    });
    await setUp(user);
    await user.click(screen.getByRole("button", { name: /Jamie/ }));
    await user.click(await screen.findByRole("button", { name: "Skip: Water plants" }));
    expect(await screen.findByText("Water plants: skipped.")).toBeInTheDocument();
    const skip = requests.find((request) => request.method === "POST")!;
    expect(skip.headers["x-chorus-member-id"]).toBe("3");
    expect(skip.headers["x-chorus-member-pin"]).toBeUndefined();
  });

  it("shows the PIN pad again with the server's message after a wrong PIN", async () => {
    const user = userEvent.setup();
    renderTablet({ "GET /chores": () => apiError(403, "invalid_pin", "Wrong PIN") });
    await setUp(user);
    await user.click(screen.getByRole("button", { name: /Alex/ }));
    await enterPin(user, "1111");
    const pad = await screen.findByRole("form", { name: "PIN for Alex" });
    expect(await within(pad).findByRole("alert")).toHaveTextContent("Wrong PIN");
    expect(screen.queryByRole("region", { name: "Alex’s chores" })).not.toBeInTheDocument();
  });

  it("returns to the member picker after a while without a touch", async () => {
    const user = userEvent.setup();
    renderTablet({ "GET /chores": () => ok({ chores: [makeChore({ id: 8, name: "Water plants" })] }) }, 300);
    await setUp(user);
    await user.click(screen.getByRole("button", { name: /Jamie/ }));
    await screen.findByRole("button", { name: "Done: Water plants" });
    await act(() => new Promise((resolve) => setTimeout(resolve, 500)));
    expect(screen.getByRole("list", { name: "Who are you?" })).toBeInTheDocument();
    expect(screen.getByText(/Back to everyone after a minute/)).toBeInTheDocument();
  });

  it("forgets a revoked token and asks for a new one", async () => {
    const user = userEvent.setup();
    let revoked = false;
    renderTablet({
      "GET /devices/current": () => (revoked ? apiError(401, "unauthenticated", "Not valid") : ok(tablet)),
      "GET /chores": () => apiError(401, "unauthenticated", "Not valid"),
    });
    await setUp(user);
    revoked = true;
    await user.click(screen.getByRole("button", { name: /Jamie/ }));
    const setup = await screen.findByRole("form", { name: "Set up this tablet" });
    expect(within(setup).getByRole("alert")).toHaveTextContent("does not work any more");
    expect(screen.getByLabelText("Tablet token")).toHaveValue("");
    expect(localStorage.getItem("chorus.deviceToken")).toBeNull();
  });
});
