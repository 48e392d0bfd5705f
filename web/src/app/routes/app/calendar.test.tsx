import type { Calendar } from "@chorus/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route } from "react-router";
import { makeCircle, makeMember, makeUser } from "../../../testing/fixtures";
import { ok } from "../../../testing/fake-api";
import { renderInSignedInShell } from "../../../testing/signed-in-shell";
import { CalendarRoute } from "./calendar";

const sam = makeUser({ id: 1, displayName: "Sam", role: "admin", timezone: "Europe/Berlin" });

function answer(from: string, to: string, member: string | null): Calendar {
  return {
    from,
    to,
    timezone: "Europe/Berlin",
    locale: "de-DE",
    weekStart: 1,
    member: member === "everyone" ? "everyone" : 1,
    occurrences: [
      {
        choreId: 7,
        choreName: member === "everyone" ? "Feed the cat" : "Water the plants",
        at: "2026-12-08T17:00:00.000Z",
        day: "2026-12-08",
        state: "upcoming",
        member: member === "everyone" ? { userId: 2, displayName: "Alex" } : { userId: 1, displayName: "Sam" },
        rotates: false,
        shared: null,
        away: false,
        doneBy: null,
        doneAt: null,
      },
    ],
  };
}

const alexAsSeenBySam = makeUser({ id: 2, displayName: "Alex", role: "member", impersonatorUserId: 1 });

function renderPage(path: string, actingAs?: number) {
  return renderInSignedInShell(<Route path="calendar" element={<CalendarRoute />} />, {
    path,
    ...(actingAs ? { actingAs } : {}),
    routes: {
      "GET /users/me": ({ headers }) => ok(headers["x-impersonate-user-id"] ? alexAsSeenBySam : sam),
      "GET /circles/current": () => ok(makeCircle()),
      "GET /circles/current/members": () =>
        ok({ members: [makeMember({ userId: 1, displayName: "Sam" }), makeMember({ userId: 2, displayName: "Alex" })] }),
      "GET /calendar": ({ query }) => ok(answer(query.get("from")!, query.get("to")!, query.get("member"))),
    },
  });
}

describe("the calendar page", () => {
  it("asks for the days around the week, shows it from the locale's first day, and switches to everyone's", async () => {
    const user = userEvent.setup();
    const { requests } = renderPage("/calendar?day=2026-12-09");
    expect(await screen.findByRole("heading", { level: 1, name: "Calendar" })).toBeInTheDocument();
    const week = await screen.findByRole("list", { name: "Week" });
    expect(within(week).getAllByRole("heading", { level: 2 })[0]).toHaveTextContent(/Monday/);
    expect(await within(week).findByRole("link", { name: "Water the plants" })).toHaveAttribute("href", "/chores/7");
    const first = requests.find(({ method, path }) => method === "GET" && path === "/calendar")!;
    expect(Object.fromEntries(first.query)).toEqual({ from: "2026-12-03", to: "2026-12-15", member: "me" });

    await user.selectOptions(screen.getByLabelText("Whose"), "everyone");
    expect(await within(week).findByRole("link", { name: "Feed the cat" })).toBeInTheDocument();
    // The other member is a choice too; not yourself (that is "Mine").
    expect(
      within(screen.getByLabelText("Whose"))
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["Mine", "Everyone", "Alex"]);
  });

  it("steps to the next month, asking for its padded days", async () => {
    const user = userEvent.setup();
    const { requests } = renderPage("/calendar?view=month&day=2026-12-09");
    await screen.findByRole("table");
    expect(screen.getByText("December 2026")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: /Next/ }));
    expect(await screen.findByText(/January 2027/)).toBeInTheDocument();
    await waitFor(() =>
      expect(
        requests.some(({ path, query }) => path === "/calendar" && query.get("from") === "2026-12-26" && query.get("to") === "2027-02-06"),
      ).toBe(true),
    );
  });

  it("while viewing as a member, shows only their calendar", async () => {
    const { requests } = renderPage("/calendar?member=everyone", 2);
    expect(await screen.findByRole("heading", { level: 1, name: "Alex’s calendar" })).toBeInTheDocument();
    await screen.findByRole("list", { name: "Week" });
    expect(screen.queryByLabelText("Whose")).not.toBeInTheDocument();
    const asked = requests.filter(({ path }) => path === "/calendar");
    expect(asked.length).toBeGreaterThan(0);
    for (const request of asked) {
      expect(request.query.get("member")).toBe("me");
      expect(request.headers["x-impersonate-user-id"]).toBe("2");
    }
  });
});
