import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { makeMember } from "../../../testing/fixtures";
import { apiError, ok, renderWithApi, type FakeHandler } from "../../../testing/fake-api";
import { ViewAsPanel } from "./view-as-panel";

const members = [
  makeMember({ userId: 1, displayName: "Sam", role: "admin", impersonator: true }),
  makeMember({ userId: 2, displayName: "Alex", role: "member" }),
  makeMember({ userId: 3, displayName: "Morgan", role: "manager", impersonator: true }),
  makeMember({ userId: 4, displayName: "Robin", role: "admin" }),
  makeMember({ userId: 5, displayName: "Pat", role: "member", status: "pending" }),
];

const startSession: FakeHandler = ({ body }) => {
  const { userId, reason, mode } = body as { userId: number; reason?: string; mode: "view" | "act" };
  return {
    status: 201,
    body: { userId, reason: reason ?? null, mode, startedAt: "2026-12-01T10:00:00Z", expiresAt: "2026-12-01T11:00:00Z", extensionsLeft: 3 },
  };
};

describe("ViewAsPanel", () => {
  it("lets an admin choose among active managers and members, never self, other admins or pending people", async () => {
    const user = userEvent.setup();
    const { api, requests } = renderWithApi(
      <ViewAsPanel caller={{ userId: 1, role: "admin", impersonator: true }} members={members} impersonationEnabled />,
      {
        routes: { "POST /impersonation": startSession },
      },
    );

    await user.click(screen.getByRole("button", { name: "Choose User" }));
    const list = screen.getByRole("list", { name: "Members you can view tasks as" });
    const names = within(list)
      .getAllByRole("button")
      .map((button) => button.textContent);
    expect(names).toEqual(["Alex member", "Morgan manager"]);

    await user.type(screen.getByLabelText("Reason (optional)"), "Alex is ill");
    await user.click(within(list).getByRole("button", { name: /Alex/ }));
    await waitFor(() => expect(api.getSession().actingAs).toBe(2));
    // The impersonation session is started, with its reason, before the header is ever sent: view only unless chosen.
    const start = requests.find((request) => request.path === "/impersonation")!;
    expect(start).toMatchObject({ method: "POST", body: { userId: 2, reason: "Alex is ill", mode: "view" } });
    expect(start.headers["x-impersonate-user-id"]).toBeUndefined();
    expect(sessionStorage.getItem("chorus.actingAsUserId")).toBe("2");
    expect(api.acting.getImpersonation()).toEqual({ by: "id", value: 2 });
    expect(api.self.getImpersonation()).toBeNull();
    expect(await screen.findByText(/You are now viewing Alex’s tasks, view only/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Change User" })).toBeInTheDocument();
  });

  it("offers View only, chosen, and View and act, each saying what it means; View and act starts an acting session", async () => {
    const user = userEvent.setup();
    const { requests } = renderWithApi(
      <ViewAsPanel caller={{ userId: 1, role: "admin", impersonator: true }} members={members} impersonationEnabled />,
      { routes: { "POST /impersonation": startSession } },
    );
    await user.click(screen.getByRole("button", { name: "Choose User" }));
    const modes = screen.getByRole("group", { name: "What you can do" });
    const viewOnly = within(modes).getByRole("radio", { name: "View only" });
    const viewAndAct = within(modes).getByRole("radio", { name: "View and act" });
    expect(viewOnly).toBeChecked();
    expect(viewOnly).toHaveAccessibleDescription("See their tasks as they do. Nothing can be changed.");
    expect(viewAndAct).toHaveAccessibleDescription(/do, skip, start and pause tasks for them/);

    await user.click(viewAndAct);
    await user.click(screen.getByRole("button", { name: /Alex/ }));
    expect(await screen.findByText(/You are now viewing tasks as Alex\. What you do counts for Alex/)).toBeInTheDocument();
    expect(requests.find((request) => request.path === "/impersonation")).toMatchObject({ body: { userId: 2, mode: "act" } });

    // The next choice starts from View only again.
    await user.click(screen.getByRole("button", { name: "Change User" }));
    expect(screen.getByRole("radio", { name: "View only" })).toBeChecked();
  });

  it("asks an older sign-in for its password, says when it is wrong, then starts with the right one (decision 0020)", async () => {
    const user = userEvent.setup();
    const { api, requests } = renderWithApi(
      <ViewAsPanel caller={{ userId: 1, role: "admin", impersonator: true }} members={members} impersonationEnabled />,
      {
        routes: {
          "POST /impersonation": (request) => {
            const { password } = request.body as { password?: string };
            if (password === "right password") return startSession(request);
            if (password) return apiError(403, "step_up_failed", "Wrong password", { signInMethod: "password" });
            return apiError(403, "step_up_required", "Confirm it is you: enter your password", { signInMethod: "password" });
          },
        },
      },
    );
    await user.click(screen.getByRole("button", { name: "Choose User" }));
    await user.click(screen.getByRole("radio", { name: "View and act" }));
    await user.click(screen.getByRole("button", { name: /Alex/ }));
    const field = await screen.findByLabelText("Your password");
    expect(field).toHaveAttribute("autocomplete", "current-password");
    // No passkey in the server's answer: none is offered.
    expect(screen.queryByRole("button", { name: "Use a passkey" })).not.toBeInTheDocument();
    expect(field).toHaveFocus();
    expect(field).toHaveAccessibleDescription(/confirm it is you to act as Alex/);
    expect(api.getSession().actingAs).toBeNull();
    await user.type(field, "wrong password{Enter}");
    await waitFor(() => expect(field).toHaveAccessibleDescription(/Wrong password/));
    expect(field).toHaveValue("");
    expect(field).toHaveFocus();
    expect(api.getSession().actingAs).toBeNull();
    await user.type(field, "right password");
    await user.click(screen.getByRole("button", { name: "Confirm" }));
    await waitFor(() => expect(api.getSession().actingAs).toBe(2));
    expect(requests.findLast((request) => request.path === "/impersonation")).toMatchObject({
      body: { userId: 2, mode: "act", password: "right password" },
    });
    expect(screen.queryByLabelText("Your password")).not.toBeInTheDocument();
  });

  it("asks for the PIN after a PIN sign-in, for a view-only start too; Escape cancels and gives focus back", async () => {
    const user = userEvent.setup();
    const { api, requests } = renderWithApi(
      <ViewAsPanel caller={{ userId: 1, role: "admin", impersonator: true }} members={members} impersonationEnabled />,
      {
        routes: {
          "POST /impersonation": () => apiError(403, "step_up_required", "Enter your PIN again", { signInMethod: "pin" }),
        },
      },
    );
    await user.click(screen.getByRole("button", { name: "Choose User" }));
    await user.click(screen.getByRole("button", { name: /Alex/ }));
    const field = await screen.findByLabelText("Your PIN");
    expect(field).toHaveAttribute("inputmode", "numeric");
    expect(field).toHaveFocus();
    expect(field).toHaveAccessibleDescription(/confirm it is you to view tasks as Alex/);
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("form", { name: "Confirm it is you" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Choose User" })).toHaveFocus();
    expect(requests.filter((request) => request.path === "/impersonation")).toHaveLength(1);
    expect(requests[0]).toMatchObject({ body: { userId: 2, mode: "view" } });
    expect(api.getSession().actingAs).toBeNull();
  });

  it("after a single sign-on asks for a new sign-in there, not for a password it may not have (decision 0040)", async () => {
    const user = userEvent.setup();
    renderWithApi(<ViewAsPanel caller={{ userId: 1, role: "admin", impersonator: true }} members={members} impersonationEnabled />, {
      routes: { "POST /impersonation": () => apiError(403, "step_up_required", "Sign in again", { signInMethod: "oidc" }) },
    });
    await user.click(screen.getByRole("button", { name: "Choose User" }));
    await user.click(screen.getByRole("button", { name: /Alex/ }));
    expect(await screen.findByText(/sign out and sign in again to view tasks as Alex/)).toBeInTheDocument();
    expect(screen.queryByLabelText("Your password")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Use a passkey" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByText(/sign out and sign in again/)).not.toBeInTheDocument();
  });

  describe("with a passkey the server takes (decision 0046)", () => {
    const options = { challengeToken: "challenge-1", options: { challenge: "Y2hhbGxlbmdl", rpId: "localhost", allowCredentials: [] } };
    const bytes = (text: string) => new TextEncoder().encode(text).buffer;
    /** The browser's WebAuthn call, answered as an authenticator would (jsdom has none). */
    function browserPasskeys(answer: () => Promise<unknown>) {
      Object.defineProperty(window, "PublicKeyCredential", { configurable: true, value: function PublicKeyCredential() {} });
      Object.defineProperty(navigator, "credentials", { configurable: true, value: { get: answer } });
    }
    afterEach(() => {
      Reflect.deleteProperty(window, "PublicKeyCredential");
      Reflect.deleteProperty(navigator, "credentials");
    });
    const credential = {
      id: "cred-1",
      rawId: bytes("cred-1"),
      type: "public-key",
      response: { authenticatorData: bytes("auth"), clientDataJSON: bytes("{}"), signature: bytes("sig"), userHandle: bytes("1") },
      getClientExtensionResults: () => ({}),
      authenticatorAttachment: "platform",
    };

    it("offers Use a passkey beside the password, says in words when the browser gives none, then starts with one", async () => {
      const user = userEvent.setup();
      let answer: () => Promise<unknown> = () =>
        Promise.reject(new DOMException("The operation either timed out or was not allowed.", "NotAllowedError"));
      browserPasskeys(() => answer());
      const { api, requests } = renderWithApi(
        <ViewAsPanel caller={{ userId: 1, role: "admin", impersonator: true }} members={members} impersonationEnabled />,
        {
          routes: {
            "POST /users/me/mfa/passkey-options": () => ok(options),
            "POST /impersonation": (request) => {
              const { passkey } = request.body as { passkey?: { challengeToken: string } };
              if (passkey) return startSession(request);
              return apiError(403, "step_up_required", "Enter your password again", { signInMethod: "password", passkey: true });
            },
          },
        },
      );
      await user.click(screen.getByRole("button", { name: "Choose User" }));
      await user.click(screen.getByRole("button", { name: /Alex/ }));
      const field = await screen.findByLabelText("Your password");
      await user.click(screen.getByRole("button", { name: "Use a passkey" }));
      await waitFor(() => expect(field).toHaveAccessibleDescription(/No passkey was used: the browser’s prompt was closed or timed out/));
      // The prompt stays usable: the password field, and the passkey again.
      expect(screen.getByRole("button", { name: "Use a passkey" })).toBeEnabled();
      expect(api.getSession().actingAs).toBeNull();

      answer = () => Promise.resolve(credential);
      await user.click(screen.getByRole("button", { name: "Use a passkey" }));
      await waitFor(() => expect(api.getSession().actingAs).toBe(2));
      const starts = requests.filter((request) => request.path === "/impersonation");
      expect(starts.at(-1)).toMatchObject({
        body: { userId: 2, mode: "view", passkey: { challengeToken: "challenge-1", credential: { id: "cred-1", type: "public-key" } } },
      });
      // The options came from the caller's own sign-in, never as the member.
      const asked = requests.filter((request) => request.path === "/users/me/mfa/passkey-options");
      expect(asked).toHaveLength(2);
      expect(asked[0]!.headers["x-impersonate-user-id"]).toBeUndefined();
    });

    it("after a single sign-on offers the passkey too, and shows the server's refusal", async () => {
      const user = userEvent.setup();
      browserPasskeys(() => Promise.resolve(credential));
      const { api } = renderWithApi(
        <ViewAsPanel caller={{ userId: 1, role: "admin", impersonator: true }} members={members} impersonationEnabled />,
        {
          routes: {
            "POST /users/me/mfa/passkey-options": () => ok(options),
            "POST /impersonation": (request) =>
              (request.body as { passkey?: unknown }).passkey
                ? apiError(403, "step_up_failed", "That passkey was not accepted", { signInMethod: "oidc", via: "passkey" })
                : apiError(403, "step_up_required", "Use a passkey, or sign in again", { signInMethod: "oidc", passkey: true }),
          },
        },
      );
      await user.click(screen.getByRole("button", { name: "Choose User" }));
      await user.click(screen.getByRole("button", { name: /Alex/ }));
      expect(await screen.findByText(/use your passkey, or sign out and sign in again to view tasks as Alex/)).toBeInTheDocument();
      await user.click(screen.getByRole("button", { name: "Use a passkey" }));
      expect(await screen.findByText("That passkey was not accepted")).toBeInTheDocument();
      expect(screen.getByRole("button", { name: "Use a passkey" })).toBeEnabled();
      expect(api.getSession().actingAs).toBeNull();
    });
  });

  it("stays on your own tasks, with the server's reason, when the start is refused", async () => {
    const user = userEvent.setup();
    const { api } = renderWithApi(
      <ViewAsPanel caller={{ userId: 1, role: "admin", impersonator: true }} members={members} impersonationEnabled />,
      {
        routes: { "POST /impersonation": () => apiError(403, "impersonation_forbidden", "Impersonation is turned off for this circle") },
      },
    );
    await user.click(screen.getByRole("button", { name: "Choose User" }));
    await user.click(screen.getByRole("button", { name: /Alex/ }));
    expect(await screen.findByText(/Could not view tasks as Alex: Impersonation is turned off for this circle/)).toBeInTheDocument();
    expect(api.getSession().actingAs).toBeNull();
  });

  it("offers a manager only members", async () => {
    const user = userEvent.setup();
    renderWithApi(<ViewAsPanel caller={{ userId: 3, role: "manager", impersonator: true }} members={members} impersonationEnabled />, {
      routes: {},
    });
    await user.click(screen.getByRole("button", { name: "Choose User" }));
    const list = screen.getByRole("list", { name: "Members you can view tasks as" });
    expect(
      within(list)
        .getAllByRole("button")
        .map((button) => button.textContent),
    ).toEqual(["Alex member"]);
    expect(within(list).queryByText(/Sam/)).not.toBeInTheDocument();
  });

  it("closes the list with Cancel and exits from the panel", async () => {
    const user = userEvent.setup();
    const { api, requests } = renderWithApi(
      <ViewAsPanel caller={{ userId: 1, role: "admin", impersonator: true }} members={members} impersonationEnabled />,
      {
        routes: { "DELETE /impersonation": () => ({ status: 204 }) },
        actingAs: 2,
      },
    );
    expect(screen.getByText("Now viewing: Alex")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Change User" }));
    const list = screen.getByRole("list", { name: "Members you can view tasks as" });
    expect(within(list).queryByText("Alex")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("list", { name: "Members you can view tasks as" })).not.toBeInTheDocument();
    expect(api.getSession().actingAs).toBe(2);

    await user.click(screen.getByRole("button", { name: "Exit impersonation" }));
    expect(api.getSession().actingAs).toBeNull();
    expect(sessionStorage.getItem("chorus.actingAsUserId")).toBeNull();
    expect(screen.getByRole("button", { name: "Choose User" })).toBeInTheDocument();
    await waitFor(() => expect(requests.some((request) => request.method === "DELETE" && request.path === "/impersonation")).toBe(true));
  });

  it("is not shown to members", () => {
    renderWithApi(<ViewAsPanel caller={{ userId: 2, role: "member", impersonator: false }} members={members} impersonationEnabled />, {
      routes: {},
    });
    expect(screen.queryByRole("heading", { name: "View tasks as" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });

  it("explains why it is unavailable when the circle turned it off", () => {
    renderWithApi(
      <ViewAsPanel caller={{ userId: 1, role: "admin", impersonator: true }} members={members} impersonationEnabled={false} />,
      { routes: {} },
    );
    expect(screen.getByText(/turned off/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Choose User" })).not.toBeInTheDocument();
  });

  it("is not there at all while there is no one the caller may view", () => {
    const alone = [
      makeMember({ userId: 1, displayName: "Sam", role: "admin", impersonator: true }),
      makeMember({ userId: 4, displayName: "Robin", role: "admin" }),
    ];
    const first = renderWithApi(
      <ViewAsPanel caller={{ userId: 1, role: "admin", impersonator: true }} members={alone} impersonationEnabled />,
      { routes: {} },
    );
    expect(screen.queryByRole("heading", { name: "View tasks as" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Choose User" })).not.toBeInTheDocument();
    first.unmount();
    // A manager next to admins and another manager, and a pending member, has no one either.
    const managers = [...members.filter((m) => m.role !== "member"), makeMember({ userId: 6, displayName: "Kim", role: "manager" })];
    renderWithApi(
      <ViewAsPanel caller={{ userId: 3, role: "manager", impersonator: true }} members={[...managers, members[4]!]} impersonationEnabled />,
      { routes: {} },
    );
    expect(screen.queryByRole("heading", { name: "View tasks as" })).not.toBeInTheDocument();
  });

  it("closes the chooser on Escape or Cancel and gives focus back to the button that opened it", async () => {
    const user = userEvent.setup();
    renderWithApi(<ViewAsPanel caller={{ userId: 1, role: "admin", impersonator: true }} members={members} impersonationEnabled />, {
      routes: {},
    });
    const opener = screen.getByRole("button", { name: "Choose User" });
    await user.click(opener);
    await user.click(screen.getByLabelText("Reason (optional)"));
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("list", { name: "Members you can view tasks as" })).not.toBeInTheDocument();
    expect(opener).toHaveAttribute("aria-expanded", "false");
    expect(opener).toHaveFocus();

    await user.click(opener);
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("list", { name: "Members you can view tasks as" })).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });

  describe("the members' consent (decision 0023)", () => {
    const consenting = [
      makeMember({ userId: 1, displayName: "Sam", role: "admin", impersonator: true }),
      makeMember({ userId: 2, displayName: "Alex", role: "member", actAsConsent: "nobody" }),
      makeMember({ userId: 3, displayName: "Jo", role: "member", actAsConsent: "ask" }),
      makeMember({ userId: 4, displayName: "Kim", role: "member" }),
    ];
    const request = (status: string, extra: object = {}) => ({
      id: 9,
      actor: { userId: 1, displayName: "Sam" },
      target: { userId: 3, displayName: "Jo" },
      reason: null,
      mode: "act",
      status,
      createdAt: "2026-12-01T10:00:00Z",
      expiresAt: "2026-12-01T10:15:00Z",
      respondedAt: null,
      grantedUntil: null,
      ...extra,
    });
    const panel = <ViewAsPanel caller={{ userId: 1, role: "admin", impersonator: true }} members={consenting} impersonationEnabled />;

    it("does not offer a member who said nobody, and says why", async () => {
      const user = userEvent.setup();
      renderWithApi(panel, { routes: { "GET /impersonation/requests": () => ok({ incoming: [], outgoing: [] }) } });
      await user.click(screen.getByRole("button", { name: "Choose User" }));
      const list = screen.getByRole("list", { name: "Members you can view tasks as" });
      expect(within(list).queryByRole("button", { name: /Alex/ })).not.toBeInTheDocument();
      expect(screen.getByRole("list", { name: "Not offered" })).toHaveTextContent("Alex does not allow others to act for them.");
    });

    it("asks a member who asks first, instead of starting, and shows the request waiting", async () => {
      const user = userEvent.setup();
      let outgoing: object[] = [];
      const { api, requests } = renderWithApi(panel, {
        routes: {
          "GET /impersonation/requests": () => ok({ incoming: [], outgoing }),
          "POST /impersonation/requests": () => {
            outgoing = [request("pending")];
            return { status: 201, body: outgoing[0] };
          },
        },
      });
      await user.click(screen.getByRole("button", { name: "Choose User" }));
      await user.click(await screen.findByRole("button", { name: /Jo member Asks to be asked first: Ask/ }));
      expect(await screen.findByText("Asked Jo. You can view their tasks once they allow it.")).toBeInTheDocument();
      expect(requests.find((r) => r.method === "POST")).toMatchObject({
        path: "/impersonation/requests",
        body: { userId: 3, mode: "view" },
      });
      expect(api.getSession().actingAs).toBeNull();
      await user.click(screen.getByRole("button", { name: "Choose User" }));
      expect(await screen.findByRole("button", { name: /Jo member Waiting for their answer/ })).toBeDisabled();
    });

    it("views as a member who granted the request, without starting another session", async () => {
      const user = userEvent.setup();
      const granted = request("granted", {
        respondedAt: new Date().toISOString(),
        grantedUntil: new Date(Date.now() + 3_600_000).toISOString(),
      });
      const { api, requests } = renderWithApi(panel, {
        routes: { "GET /impersonation/requests": () => ok({ incoming: [], outgoing: [granted] }) },
      });
      await user.click(screen.getByRole("button", { name: "Choose User" }));
      await user.click(await screen.findByRole("button", { name: /Jo member Allowed you: View/ }));
      await waitFor(() => expect(api.getSession().actingAs).toBe(3));
      expect(requests.filter((r) => r.method === "POST")).toEqual([]);
    });

    it("shows a declined request, and asking again is a new request", async () => {
      const user = userEvent.setup();
      renderWithApi(panel, { routes: { "GET /impersonation/requests": () => ok({ incoming: [], outgoing: [request("declined")] }) } });
      await user.click(screen.getByRole("button", { name: "Choose User" }));
      expect(await screen.findByRole("button", { name: /Jo member Declined: Ask again/ })).toBeEnabled();
    });
  });
});
