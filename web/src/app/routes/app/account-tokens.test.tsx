import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route } from "react-router";
import { makeUser } from "../../../testing/fixtures";
import { ok, type FakeHandler } from "../../../testing/fake-api";
import { renderInSignedInShell } from "../../../testing/signed-in-shell";
import { AccountRoute } from "./account";
import { AccountTokensRoute } from "./account-tokens";

const sam = makeUser();
const alexAsSeenBySam = makeUser({ id: 2, username: "alex", displayName: "Alex", role: "member", impersonatorUserId: 1 });

function renderTokensPage(options: { path: string; me?: FakeHandler; actingAs?: number }) {
  return renderInSignedInShell(
    <>
      <Route index element={<p>The tasks page</p>} />
      <Route path="account" element={<AccountRoute />} />
      <Route path="account/tokens" element={<AccountTokensRoute />} />
    </>,
    {
      path: options.path,
      ...(options.actingAs ? { actingAs: options.actingAs } : {}),
      routes: {
        "GET /users/me": options.me ?? (() => ok(sam)),
        "GET /users/me/tokens": () => ok({ tokens: [] }),
      },
    },
  );
}

const header = () => screen.getByRole("banner");

describe("API tokens page", () => {
  it("opens from the Account page, linked next to the user's name", async () => {
    const user = userEvent.setup();
    renderTokensPage({ path: "/" });
    await user.click(await within(header()).findByRole("link", { name: "Account" }));
    await user.click(within(await screen.findByRole("list", { name: "Your settings" })).getByRole("link", { name: "API tokens" }));
    expect(await screen.findByRole("heading", { level: 1, name: "API tokens" })).toBeInTheDocument();
    expect(await screen.findByText("You have no API tokens.")).toBeInTheDocument();
    expect(screen.getByRole("form", { name: "Create an API token" })).toBeInTheDocument();
  });

  it("is open to someone who is in no circle", async () => {
    renderTokensPage({ path: "/account/tokens", me: () => ok(makeUser({ circleId: null, role: null })) });
    expect(await screen.findByRole("heading", { level: 1, name: "API tokens" })).toBeInTheDocument();
  });

  it("is hidden and blocked while viewing tasks as someone", async () => {
    const { requests } = renderTokensPage({
      path: "/account/tokens",
      actingAs: 2,
      me: ({ headers }) => ok(headers["x-impersonate-user-id"] === "2" ? alexAsSeenBySam : sam),
    });
    expect(await screen.findByText(/This page is not available while you view tasks as Alex/)).toBeInTheDocument();
    expect(within(header()).queryByRole("link", { name: "Account" })).not.toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Create an API token" })).not.toBeInTheDocument();
    expect(requests.some((request) => request.path === "/users/me/tokens")).toBe(false);
  });
});
