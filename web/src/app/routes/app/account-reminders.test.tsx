import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route } from "react-router";
import { makeUser } from "../../../testing/fixtures";
import { ok, type FakeHandler } from "../../../testing/fake-api";
import { renderInSignedInShell } from "../../../testing/signed-in-shell";
import { AccountRoute } from "./account";
import { AccountRemindersRoute } from "./account-reminders";

const sam = makeUser();
const alexAsSeenBySam = makeUser({ id: 2, username: "alex", displayName: "Alex", role: "member", impersonatorUserId: 1 });

function renderRemindersPage(options: { path: string; me?: FakeHandler; actingAs?: number }) {
  return renderInSignedInShell(
    <>
      <Route index element={<p>The tasks page</p>} />
      <Route path="account" element={<AccountRoute />} />
      <Route path="account/reminders" element={<AccountRemindersRoute />} />
    </>,
    {
      path: options.path,
      ...(options.actingAs ? { actingAs: options.actingAs } : {}),
      routes: {
        "GET /users/me": options.me ?? (() => ok(sam)),
        "GET /users/me/reminders": () =>
          ok({
            push: { enabled: false, subscriptions: 0 },
            webhook: null,
            ntfy: null,
            email: { enabled: false, address: "sam@example.org", available: false },
            gotify: null,
            discord: null,
            slack: null,
            telegram: null,
            when: { due: true, overdue: true },
            events: { approvalNeeded: true, rewardRequested: true },
            quietHours: null,
          }),
      },
    },
  );
}

const header = () => screen.getByRole("banner");

describe("Reminders page", () => {
  it("opens from the Account page", async () => {
    const user = userEvent.setup();
    renderRemindersPage({ path: "/" });
    await user.click(await within(header()).findByRole("link", { name: "Account" }));
    await user.click(within(await screen.findByRole("list", { name: "Your settings" })).getByRole("link", { name: "Reminders" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Reminders" })).toBeInTheDocument();
    expect(await screen.findByRole("form", { name: "Reminder settings" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Send test" })).toBeInTheDocument();
  });

  it("is hidden and blocked while viewing tasks as someone: reminders are personal", async () => {
    const { requests } = renderRemindersPage({
      path: "/account/reminders",
      actingAs: 2,
      me: ({ headers }) => ok(headers["x-impersonate-user-id"] === "2" ? alexAsSeenBySam : sam),
    });
    expect(await screen.findByText(/This page is not available while you view tasks as Alex/)).toBeInTheDocument();
    expect(within(header()).queryByRole("link", { name: "Account" })).not.toBeInTheDocument();
    expect(requests.some((request) => request.path === "/users/me/reminders")).toBe(false);
  });
});
