import type { Reward, RewardRequest, Tablet } from "@chorus/shared";
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
    routes: {
      "GET /devices/current": () => ok(tablet),
      "GET /rewards": () => ok({ rewards: [], points: 0 }),
      "GET /rewards/requests": () => ok({ requests: [], nextCursor: null }),
      ...routes,
    },
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

  it("shows the member's points and rewards, asks for one they can afford after their PIN, and lists their requests", async () => {
    const user = userEvent.setup();
    const reward = (id: number, name: string, cost: number, stock: number | null = null): Reward => ({
      id,
      name,
      cost,
      stock,
      availableTo: [],
      archived: false,
      createdAt: "2026-11-01T00:00:00Z",
    });
    const request = (id: number, name: string, status: RewardRequest["status"], decisionNote: string | null = null): RewardRequest => ({
      id,
      reward: { id, name },
      userId: 2,
      actorUserId: 2,
      viaDeviceId: 4,
      status,
      cost: 4,
      decidedBy: null,
      decidedAt: null,
      decisionNote,
      createdAt: "2026-12-01T10:00:00Z",
    });
    let balance = 10;
    let asked: RewardRequest[] = [request(5, "Sweets", "declined", "Not before dinner")];
    const { requests } = renderTablet({
      "GET /chores": () => ok({ chores: [] }),
      "GET /rewards": () =>
        ok({ rewards: [reward(1, "Comic", 4, 2), reward(2, "Bike", 500), reward(3, "Stickers", 1, 0)], points: balance }),
      "GET /rewards/requests": () => ok({ requests: asked, nextCursor: null }),
      "POST /rewards/1/requests": () => {
        balance = 6;
        asked = [request(6, "Comic", "pending"), ...asked];
        return { status: 201, body: asked[0] };
      },
    });
    await setUp(user);
    await user.click(screen.getByRole("button", { name: /Alex/ }));
    await enterPin(user, "2468");

    const section = await screen.findByRole("region", { name: "Alex’s rewards" });
    expect(await within(section).findByText("10 points")).toBeInTheDocument();
    const offer = within(section).getByRole("list", { name: "Rewards on offer" });
    expect(within(offer).getByRole("listitem", { name: "Bike" })).toHaveTextContent("490 more to go");
    expect(within(within(offer).getByRole("listitem", { name: "Stickers" })).queryByRole("button")).not.toBeInTheDocument();
    expect(within(section).getByRole("list", { name: "Alex’s requests" })).toHaveTextContent(
      "Sweets · 4 points · Declined · “Not before dinner”",
    );

    await user.click(within(offer).getByRole("button", { name: "Ask for Comic" }));
    expect(await screen.findByText("Asked for “Comic”. A grown-up will decide; 4 points are kept for it.")).toBeInTheDocument();
    expect(await within(section).findByText("6 points")).toBeInTheDocument();
    const [latest] = within(within(section).getByRole("list", { name: "Alex’s requests" })).getAllByRole("listitem");
    expect(latest).toHaveTextContent("Comic · 4 points · Waiting");
    // Every rewards call carries the picked member and their PIN.
    for (const sent of requests.filter((each) => each.path.startsWith("/rewards"))) {
      expect(sent.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, "x-chorus-member-id": "2", "x-chorus-member-pin": "2468" });
    }

    // Back at the tiles the tablet keeps nothing of Alex's: picking Alex again loads afresh, after the PIN.
    const loads = () => requests.filter((each) => each.path === "/rewards").length;
    const before = loads();
    await user.click(screen.getByRole("button", { name: "Finished — back to everyone" }));
    await user.click(screen.getByRole("button", { name: /Alex/ }));
    expect(screen.queryByRole("region", { name: "Alex’s rewards" })).not.toBeInTheDocument();
    await enterPin(user, "2468");
    await within(await screen.findByRole("region", { name: "Alex’s rewards" })).findByText("6 points");
    expect(loads()).toBe(before + 1);
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

  it("asks for the photo a chore needs, then uploads it for the picked member and names it in the do", async () => {
    const user = userEvent.setup();
    const { requests } = renderTablet({
      "GET /chores": () => ok({ chores: [makeChore({ id: 7, name: "Make the bed", photoRequired: true })] }),
      "POST /chores/7/photos": () => ({ status: 201, body: { id: 31, contentType: "image/jpeg", width: 640, height: 480 } }),
      "POST /chores/7/do": () => ok(makeChore({ id: 7 })),
    });
    await setUp(user);
    await user.click(screen.getByRole("button", { name: /Jamie/ }));
    const list = await screen.findByRole("region", { name: "Jamie’s chores" });
    await user.click(await within(list).findByRole("button", { name: "Done: Make the bed" }));
    expect(await within(list).findByRole("alert")).toHaveTextContent("Take a photo first: this chore needs one.");
    const input = within(list).getByLabelText("Photo proof: Make the bed");
    expect(input).toHaveFocus();
    expect(requests.filter((request) => request.method === "POST")).toEqual([]);

    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff])], "bed.jpg", { type: "image/jpeg" });
    await user.upload(input, photo);
    await user.click(within(list).getByRole("button", { name: "Done: Make the bed" }));
    expect(await screen.findByText("Make the bed: done!")).toBeInTheDocument();
    const [upload, done] = requests.filter((request) => request.method === "POST");
    expect(upload).toMatchObject({ path: "/chores/7/photos", body: photo, headers: { "x-chorus-member-id": "3" } });
    expect(done).toMatchObject({ path: "/chores/7/do", body: { dueDate: null, photoId: 31 } });
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
