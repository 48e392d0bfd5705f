import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route } from "react-router";
import { makeUser } from "../../../testing/fixtures";
import { ok } from "../../../testing/fake-api";
import { renderInSignedInShell } from "../../../testing/signed-in-shell";
import { AccountCalendarRoute } from "./account-calendar";

const alex = makeUser({ id: 2, displayName: "Alex", role: "member" });
const alexAsSeenBySam = makeUser({ id: 2, displayName: "Alex", role: "member", impersonatorUserId: 1 });

function renderCalendarPage(options: { actingAs?: number } = {}) {
  let feed: { createdAt: string } | null = null;
  let made = 0;
  const rendered = renderInSignedInShell(<Route path="account/calendar" element={<AccountCalendarRoute />} />, {
    path: "/account/calendar",
    ...(options.actingAs ? { actingAs: options.actingAs } : {}),
    routes: {
      "GET /users/me": ({ headers }) => ok(headers["x-impersonate-user-id"] ? alexAsSeenBySam : alex),
      "GET /users/me/ical-feed": () => ok({ feed }),
      "POST /users/me/ical-feed": () => {
        made += 1;
        feed = { createdAt: "2026-12-01T10:00:00Z" };
        return { status: 201, body: { path: `/api/v1/ical/secret${made}.ics`, createdAt: feed.createdAt } };
      },
      "DELETE /users/me/ical-feed": () => {
        feed = null;
        return { status: 204 };
      },
    },
  });
  return rendered;
}

describe("Calendar feed settings", () => {
  it("creates a link shown once to copy, regenerates it after confirming, and revokes it", async () => {
    const user = userEvent.setup();
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const { requests } = renderCalendarPage();

    expect(within(await screen.findByRole("banner")).getByRole("link", { name: "Account" })).toHaveAttribute("href", "/account");
    await user.click(await screen.findByRole("button", { name: "Create calendar link" }));
    const box = await screen.findByRole("status", { name: "New calendar link" });
    expect(within(box).getByLabelText("Calendar link")).toHaveValue(`${window.location.origin}/api/v1/ical/secret1.ics`);
    await user.click(within(box).getByRole("button", { name: "Copy link" }));
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/api/v1/ical/secret1.ics`);
    expect(await within(box).findByRole("button", { name: "Copied" })).toBeInTheDocument();

    await user.click(within(box).getByRole("button", { name: "Done" }));
    expect(await screen.findByText(/shown only when it is made/)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Regenerate link…" }));
    await user.click(screen.getByRole("button", { name: "Regenerate: the old link stops working" }));
    expect(await screen.findByLabelText("Calendar link")).toHaveValue(`${window.location.origin}/api/v1/ical/secret2.ics`);

    await user.click(screen.getByRole("button", { name: "Revoke link…" }));
    await user.click(screen.getByRole("button", { name: "Revoke the calendar link" }));
    expect(await screen.findByText("You have no calendar link.")).toBeInTheDocument();
    expect(screen.queryByLabelText("Calendar link")).not.toBeInTheDocument();
    expect(requests.filter((request) => request.path === "/users/me/ical-feed").map((request) => request.method)).toEqual(
      expect.arrayContaining(["POST", "POST", "DELETE"]),
    );
  });

  it("is hidden from the header and blocked while viewing tasks as someone", async () => {
    const { requests } = renderCalendarPage({ actingAs: 2 });
    expect(await screen.findByText(/This page is not available while you view tasks as Alex/)).toBeInTheDocument();
    expect(within(screen.getByRole("banner")).queryByRole("link", { name: "Account" })).not.toBeInTheDocument();
    await waitFor(() => expect(requests.some((request) => request.path === "/users/me/ical-feed")).toBe(false));
  });
});
