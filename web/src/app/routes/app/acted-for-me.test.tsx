import type { ActedForMeItem } from "@chorus/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route } from "react-router";
import { makeUser } from "../../../testing/fixtures";
import { ok } from "../../../testing/fake-api";
import { renderInSignedInShell } from "../../../testing/signed-in-shell";
import { ActedForMeRoute } from "./acted-for-me";

const alex = makeUser({ id: 2, username: "alex", displayName: "Alex", role: "member", timezone: "UTC" });
const sam = { userId: 1, displayName: "Sam" };

const completed: ActedForMeItem = {
  kind: "chore_action",
  id: "history-9",
  at: "2026-11-30T18:00:00Z",
  actor: sam,
  action: "completed",
  choreId: 5,
  choreName: "Feed the cat",
  note: "Fed twice",
  points: 3,
};
const session: ActedForMeItem = {
  kind: "impersonation_session",
  id: "impersonation-4",
  at: "2026-11-30T17:55:00Z",
  actor: sam,
  reason: "Alex is ill",
  mode: "act",
  expiresAt: "2026-11-30T18:55:00Z",
  endedAt: "2026-11-30T18:05:00Z",
  actionCount: 2,
};
const older: ActedForMeItem = {
  ...completed,
  id: "history-3",
  at: "2026-11-20T08:00:00Z",
  action: "skipped",
  choreName: "Bins",
  note: null,
};

function renderPage(unread: number, path = "/done-for-you") {
  let read = false;
  const rendered = renderInSignedInShell(
    <>
      <Route index element={<p>The tasks page</p>} />
      <Route path="done-for-you" element={<ActedForMeRoute />} />
    </>,
    {
      path,
      routes: {
        "GET /users/me": () => ok(alex),
        "GET /users/me/acted-for-me": ({ query }) => {
          const unreadCount = read ? 0 : unread;
          if (query.get("before") === "page2") return ok({ items: [older], nextCursor: null, unreadCount });
          return ok({ items: query.get("limit") === "1" ? [completed] : [completed, session], nextCursor: "page2", unreadCount });
        },
        "POST /users/me/acted-for-me/read": () => {
          read = true;
          return { status: 204 };
        },
      },
    },
  );
  return { ...rendered, wasRead: () => read };
}

describe("Done for you", () => {
  it("shows what others did as you, with who, the note and the impersonation reason, and pages older entries", async () => {
    const user = userEvent.setup();
    renderPage(0);
    const list = await screen.findByRole("list", { name: "Done for you" });
    const entries = within(list).getAllByRole("listitem");
    expect(entries[0]).toHaveTextContent("Done for you by Sam: Feed the cat · +3 pts for you");
    expect(entries[0]).toHaveTextContent("“Fed twice”");
    expect(within(entries[0]!).getByRole("link", { name: "Feed the cat" })).toHaveAttribute("href", "/chores/5");
    // The session: who, its mode, start, end, the reason and how many actions were made in it.
    expect(entries[1]).toHaveTextContent("Sam viewed and acted as you View and act");
    expect(entries[1]).toHaveTextContent(/^.*Started .+ · ended .+ · 2 actions/);
    expect(entries[1]).toHaveTextContent("Reason: “Alex is ill”");

    await user.click(screen.getByRole("button", { name: "Show older entries" }));
    expect(await within(list).findByText(/Skipped for you by Sam/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Show older entries" })).not.toBeInTheDocument();
  });

  it("shows the unread count on the navigation link, and opening the page marks it read", async () => {
    const user = userEvent.setup();
    const { wasRead } = renderPage(2, "/");
    const nav = await screen.findByRole("navigation", { name: "Main" });
    const link = await within(nav).findByRole("link", { name: /Done for you/ });
    await waitFor(() => expect(within(link).getByLabelText("2 new")).toHaveTextContent("2"));
    expect(wasRead()).toBe(false);

    await user.click(link);
    await screen.findByRole("list", { name: "Done for you" });
    await waitFor(() => expect(wasRead()).toBe(true));
    await waitFor(() => expect(within(link).queryByLabelText(/new/)).not.toBeInTheDocument());
  });

  it("names a view-only session and one with no reason as such", async () => {
    renderInSignedInShell(<Route path="done-for-you" element={<ActedForMeRoute />} />, {
      path: "/done-for-you",
      routes: {
        "GET /users/me": () => ok(alex),
        "GET /users/me/acted-for-me": () =>
          ok({ items: [{ ...session, mode: "view", reason: null, actionCount: 1, endedAt: null }], nextCursor: null, unreadCount: 0 }),
      },
    });
    const [entry] = within(await screen.findByRole("list", { name: "Done for you" })).getAllByRole("listitem");
    expect(entry).toHaveTextContent("Sam viewed your tasks as you View only");
    expect(entry).toHaveTextContent("1 action");
    expect(entry).toHaveTextContent("No reason given");
  });

  it("says so when nobody did anything for you", async () => {
    renderInSignedInShell(<Route path="done-for-you" element={<ActedForMeRoute />} />, {
      path: "/done-for-you",
      routes: { "GET /users/me": () => ok(alex), "GET /users/me/acted-for-me": () => ok({ items: [], nextCursor: null, unreadCount: 0 }) },
    });
    expect(await screen.findByText("Nobody has done anything for you yet.")).toBeInTheDocument();
  });
});
