import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { announceImpersonationEnded } from "../../../lib/live-updates";
import { makeChore, makeUser } from "../../../testing/fixtures";
import { apiError, ok, renderWithApi } from "../../../testing/fake-api";
import { useSignOut } from "../../auth/api/sign-out";
import { ChoreActions } from "../../chores/components/chore-actions";
import { useImpersonationGuard } from "../use-impersonation";
import { ImpersonationBanner } from "./impersonation-banner";

function BannerWithGuard() {
  useImpersonationGuard();
  const signOut = useSignOut();
  return (
    <>
      <ImpersonationBanner />
      <button type="button" onClick={() => signOut.mutate()}>
        Sign out
      </button>
    </>
  );
}

const alexAsSeenBySam = makeUser({
  id: 2,
  username: "alex",
  displayName: "Alex",
  role: "member",
  impersonatorUserId: 1,
  impersonationMode: "act",
  impersonationExtensionsLeft: 3,
});
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe("ImpersonationBanner", () => {
  it("shows whom you act as, from GET /users/me sent with the impersonation header", async () => {
    const { requests } = renderWithApi(<BannerWithGuard />, { routes: { "GET /users/me": () => ok(alexAsSeenBySam) }, actingAs: 2 });
    const banner = await screen.findByRole("region", { name: "Viewing tasks as another member" });
    await waitFor(() => expect(banner).toHaveTextContent("Acting as Alex"));
    expect(requests[0]?.headers["x-impersonate-user-id"]).toBe("2");
  });

  it("names a view-only session, and Allow actions switches it to act with PATCH /impersonation", async () => {
    const user = userEvent.setup();
    let mode: "view" | "act" = "view";
    const { requests } = renderWithApi(<BannerWithGuard />, {
      routes: {
        "GET /users/me": () => ok({ ...alexAsSeenBySam, impersonationMode: mode }),
        "PATCH /impersonation": ({ body }) => {
          mode = (body as { mode: "view" | "act" }).mode;
          return ok({ userId: 2, reason: null, mode, startedAt: inMinutes(-5), expiresAt: inMinutes(55), extensionsLeft: 3 });
        },
      },
      actingAs: 2,
    });
    const banner = await screen.findByRole("region", { name: "Viewing tasks as another member" });
    await waitFor(() => expect(banner).toHaveTextContent("Viewing Alex’s tasks — view only"));
    await user.click(within(banner).getByRole("button", { name: "Allow actions" }));
    await waitFor(() => expect(banner).toHaveTextContent("Acting as Alex"));
    expect(await screen.findByText(/You can now act for Alex/)).toBeInTheDocument();
    const patch = requests.find((request) => request.method === "PATCH")!;
    expect(patch).toMatchObject({ path: "/impersonation", body: { mode: "act" } });
    expect(patch.headers["x-impersonate-user-id"]).toBe("2");

    await user.click(within(banner).getByRole("button", { name: "View only" }));
    await waitFor(() => expect(banner).toHaveTextContent("Viewing Alex’s tasks — view only"));
    expect(requests.findLast((request) => request.method === "PATCH")?.body).toEqual({ mode: "view" });
  });

  it("asks an older sign-in for its password in the bar, says when it is wrong, and Escape cancels", async () => {
    const user = userEvent.setup();
    let mode: "view" | "act" = "view";
    const { api } = renderWithApi(<BannerWithGuard />, {
      routes: {
        "GET /users/me": () => ok({ ...alexAsSeenBySam, impersonationMode: mode }),
        "PATCH /impersonation": ({ body }) => {
          const { password } = body as { password?: string };
          if (password === undefined) return apiError(403, "step_up_required", "Enter your password again", { signInMethod: "password" });
          if (password !== "sam-secret") return apiError(403, "step_up_failed", "Wrong password", { signInMethod: "password" });
          mode = "act";
          return ok({ userId: 2, reason: null, mode, startedAt: inMinutes(-5), expiresAt: inMinutes(55), extensionsLeft: 3 });
        },
      },
      actingAs: 2,
    });
    const banner = await screen.findByRole("region", { name: "Viewing tasks as another member" });
    const allow = await within(banner).findByRole("button", { name: "Allow actions" });
    await user.click(allow);
    const form = await within(banner).findByRole("form", { name: "Confirm it is you" });
    const field = within(form).getByLabelText("Your password");
    expect(field).toHaveFocus();
    expect(field).toHaveAccessibleDescription(/confirm it is you to act for Alex/);
    await user.keyboard("{Escape}");
    expect(within(banner).queryByRole("form", { name: "Confirm it is you" })).not.toBeInTheDocument();
    expect(allow).toHaveFocus();
    expect(banner).toHaveTextContent("view only");

    await user.click(allow);
    await user.type(await within(banner).findByLabelText("Your password"), "guess{Enter}");
    await waitFor(() => expect(within(banner).getByLabelText("Your password")).toHaveAccessibleDescription(/Wrong password/));
    // Neither answer ends the session: the header is still sent.
    expect(api.getSession().actingAs).toBe(2);
    await user.type(within(banner).getByLabelText("Your password"), "sam-secret");
    await user.click(within(banner).getByRole("button", { name: "Confirm" }));
    await waitFor(() => expect(banner).toHaveTextContent("Acting as Alex"));
    expect(within(banner).queryByRole("form", { name: "Confirm it is you" })).not.toBeInTheDocument();
  });

  it("asks for the PIN after a PIN sign-in, or a passkey when the server says one would do (decision 0046)", async () => {
    const user = userEvent.setup();
    const { requests } = renderWithApi(<BannerWithGuard />, {
      routes: {
        "GET /users/me": () => ok({ ...alexAsSeenBySam, impersonationMode: "view" }),
        "PATCH /impersonation": () => apiError(403, "step_up_required", "Enter your PIN again", { signInMethod: "pin", passkey: true }),
        "POST /users/me/mfa/passkey-options": () => ok({ challengeToken: "challenge-1", options: { challenge: "Y2hhbGxlbmdl" } }),
      },
      actingAs: 2,
    });
    await user.click(await screen.findByRole("button", { name: "Allow actions" }));
    const field = await screen.findByLabelText("Your PIN");
    expect(field).toHaveFocus();
    // jsdom has no WebAuthn: the browser's refusal is said in the form, which stays open.
    await user.click(screen.getByRole("button", { name: "Use a passkey" }));
    await waitFor(() => expect(field).toHaveAccessibleDescription(/Your passkey could not be used: WebAuthn is not supported/));
    // The challenge is the caller's own: asked for without the selector header.
    const asked = requests.find((request) => request.path === "/users/me/mfa/passkey-options")!;
    expect(asked.headers["x-impersonate-user-id"]).toBeUndefined();
  });

  it("does not keep an open password form for the next session", async () => {
    const user = userEvent.setup();
    const { api } = renderWithApi(<BannerWithGuard />, {
      routes: {
        "GET /users/me": () => ok({ ...alexAsSeenBySam, impersonationMode: "view" }),
        "PATCH /impersonation": () => apiError(403, "step_up_required", "Enter your password again", { signInMethod: "password" }),
        "DELETE /impersonation": () => ({ status: 204 }),
      },
      actingAs: 2,
    });
    await user.click(await screen.findByRole("button", { name: "Allow actions" }));
    await screen.findByLabelText("Your password");
    await user.click(screen.getByRole("button", { name: "Exit impersonation" }));
    act(() => api.setActingAs(2));
    await screen.findByRole("button", { name: "Allow actions" });
    expect(screen.queryByLabelText("Your password")).not.toBeInTheDocument();
  });

  it("says so, and keeps the session, when a write is refused because the session is view only", async () => {
    let mode: "view" | "act" = "act";
    const user = userEvent.setup();
    const { api } = renderWithApi(
      <>
        <BannerWithGuard />
        <ChoreActions chore={makeChore({ nextDueDate: "2026-11-21T17:00:00Z" })} timeZone="Europe/Berlin" />
      </>,
      {
        routes: {
          "GET /users/me": () => ok({ ...alexAsSeenBySam, impersonationMode: mode }),
          "POST /chores/1/do": () => apiError(403, "impersonation_read_only", "chores.do acts for the member; this session is view only"),
        },
        actingAs: 2,
      },
    );
    const banner = await screen.findByRole("region", { name: "Viewing tasks as another member" });
    await waitFor(() => expect(banner).toHaveTextContent("Acting as Alex"));
    // Another tab switched to view only; this one still shows the buttons and sends a write.
    mode = "view";
    await user.click(screen.getByRole("button", { name: "Done for Alex: Dishes" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Nothing was changed: you are viewing Alex’s tasks, view only. Choose “Allow actions” in the banner to act.",
    );
    await waitFor(() => expect(banner).toHaveTextContent("Viewing Alex’s tasks — view only"));
    expect(api.getSession().actingAs).toBe(2);
  });

  it("keeps the session when the server asks for a step-up", async () => {
    const user = userEvent.setup();
    const { api } = renderWithApi(
      <>
        <BannerWithGuard />
        <ChoreActions chore={makeChore({ nextDueDate: "2026-11-21T17:00:00Z" })} timeZone="Europe/Berlin" />
      </>,
      {
        routes: {
          "GET /users/me": () => ok(alexAsSeenBySam),
          "POST /chores/1/do": () => apiError(403, "step_up_required", "Enter your password again", { signInMethod: "password" }),
        },
        actingAs: 2,
      },
    );
    await user.click(await screen.findByRole("button", { name: "Done for Alex: Dishes" }));
    expect(await screen.findByText("Enter your password again")).toBeInTheDocument();
    expect(api.getSession().actingAs).toBe(2);
    expect(screen.getByRole("region", { name: "Viewing tasks as another member" })).toBeInTheDocument();
  });

  it("counts down the impersonation session's time from the server's expiry", async () => {
    renderWithApi(<BannerWithGuard />, {
      routes: { "GET /users/me": () => ok({ ...alexAsSeenBySam, impersonationExpiresAt: inMinutes(41.5) }) },
      actingAs: 2,
    });
    const banner = await screen.findByRole("region", { name: "Viewing tasks as another member" });
    await waitFor(() => expect(banner).toHaveTextContent("Acting as Alex · 42 min left"));
  });

  it("asks the server again when time is up, and ends with its message", async () => {
    let expired = false;
    const { api } = renderWithApi(<BannerWithGuard />, {
      routes: {
        "GET /users/me": () =>
          expired
            ? apiError(403, "impersonation_expired", "Your time acting as this member is up; start acting as them again to continue")
            : ok({ ...alexAsSeenBySam, impersonationExpiresAt: new Date(Date.now() + 1500).toISOString() }),
        "DELETE /impersonation": () => ({ status: 204 }),
      },
      actingAs: 2,
    });
    expect(await screen.findByText(/s left/)).toBeInTheDocument();
    expired = true;
    await act(() => new Promise((resolve) => setTimeout(resolve, 2500)));
    expect(await screen.findByRole("alert")).toHaveTextContent('"View tasks as" has ended: Your time acting as this member is up');
    expect(api.getSession().actingAs).toBeNull();
  });

  it("ends the impersonation session on the server from its Exit button", async () => {
    const user = userEvent.setup();
    const { requests } = renderWithApi(<BannerWithGuard />, {
      routes: { "GET /users/me": () => ok(alexAsSeenBySam), "DELETE /impersonation": () => ({ status: 204 }) },
      actingAs: 2,
    });
    await screen.findByText("Alex");
    await user.click(screen.getByRole("button", { name: "Exit impersonation" }));
    await waitFor(() => expect(requests.find((request) => request.method === "DELETE")?.path).toBe("/impersonation"));
    expect(requests.find((request) => request.method === "DELETE")?.headers["x-impersonate-user-id"]).toBeUndefined();
  });

  it("is absent when you act as yourself", () => {
    renderWithApi(<BannerWithGuard />, { routes: {} });
    expect(screen.queryByRole("region", { name: "Viewing tasks as another member" })).not.toBeInTheDocument();
  });

  it("ends impersonation from its Exit button", async () => {
    const user = userEvent.setup();
    const { api } = renderWithApi(<BannerWithGuard />, { routes: { "GET /users/me": () => ok(alexAsSeenBySam) }, actingAs: 2 });
    await screen.findByText("Alex");
    await user.click(screen.getByRole("button", { name: "Exit impersonation" }));
    expect(api.getSession().actingAs).toBeNull();
    expect(sessionStorage.getItem("chorus.actingAsUserId")).toBeNull();
    expect(api.acting.getImpersonation()).toBeNull();
    expect(screen.queryByRole("region", { name: "Viewing tasks as another member" })).not.toBeInTheDocument();
  });

  it("ends impersonation with a clear message when the server refuses it", async () => {
    const { api } = renderWithApi(<BannerWithGuard />, {
      routes: { "GET /users/me": () => apiError(403, "impersonation_target_not_allowed", "You cannot act as that user.") },
      actingAs: 4,
    });
    expect(await screen.findByRole("alert")).toHaveTextContent('"View tasks as" has ended: You cannot act as that user.');
    expect(api.getSession().actingAs).toBeNull();
    expect(sessionStorage.getItem("chorus.actingAsUserId")).toBeNull();
    expect(screen.queryByRole("region", { name: "Viewing tasks as another member" })).not.toBeInTheDocument();
  });

  it("ends impersonation on sign-out, without sending the header to /auth/logout", async () => {
    const user = userEvent.setup();
    const { api, requests } = renderWithApi(<BannerWithGuard />, {
      routes: { "GET /users/me": () => ok(alexAsSeenBySam), "POST /auth/logout": () => ({ status: 204 }) },
      actingAs: 2,
    });
    await screen.findByText("Alex");
    await user.click(screen.getByRole("button", { name: "Sign out" }));
    await waitFor(() => expect(api.getSession().token).toBeNull());
    expect(requests.find((request) => request.path === "/auth/logout")?.headers["x-impersonate-user-id"]).toBeUndefined();
    expect(api.getSession().actingAs).toBeNull();
    await waitFor(() => expect(screen.queryByRole("region", { name: "Viewing tasks as another member" })).not.toBeInTheDocument());
    expect(sessionStorage.getItem("chorus.actingAsUserId")).toBeNull();
  });

  it("offers Extend only in the last five minutes, and takes the server's new end", async () => {
    const user = userEvent.setup();
    // Two seconds before the last five minutes.
    let expiresAt = inMinutes(5 + 2 / 60);
    const { requests } = renderWithApi(<BannerWithGuard />, {
      routes: {
        "GET /users/me": () => ok({ ...alexAsSeenBySam, impersonationExpiresAt: expiresAt }),
        "POST /impersonation/extend": () => {
          expiresAt = inMinutes(60);
          return ok({ userId: 2, reason: null, mode: "act", startedAt: inMinutes(-55), expiresAt, extensionsLeft: 2 });
        },
      },
      actingAs: 2,
    });
    const banner = await screen.findByRole("region", { name: "Viewing tasks as another member" });
    await waitFor(() => expect(banner).toHaveTextContent("6 min left"));
    expect(within(banner).queryByRole("button", { name: /Extend/ })).not.toBeInTheDocument();
    // The countdown ticks: Extend appears once five minutes are left, without a reload.
    const extend = await within(banner).findByRole("button", { name: "Extend acting as Alex" }, { timeout: 5_000 });
    expect(within(banner).getAllByRole("button", { name: "Exit impersonation" })).toHaveLength(1);
    // Three extensions left is not few: no count shown.
    expect(banner).not.toHaveTextContent(/extensions? left/);
    await user.click(extend);
    await waitFor(() => expect(banner).toHaveTextContent("60 min left"));
    expect(within(banner).queryByRole("button", { name: /Extend/ })).not.toBeInTheDocument();
    const sent = requests.find((request) => request.path === "/impersonation/extend");
    expect(sent).toMatchObject({ method: "POST" });
    expect(sent?.headers["x-impersonate-user-id"]).toBe("2");
  });

  it("says how many extensions are left when few, and that none are when none are", async () => {
    let extensionsLeft = 1;
    const { queryClient } = renderWithApi(<BannerWithGuard />, {
      routes: {
        "GET /users/me": () =>
          ok({ ...alexAsSeenBySam, impersonationExpiresAt: inMinutes(4), impersonationExtensionsLeft: extensionsLeft }),
      },
      actingAs: 2,
    });
    const banner = await screen.findByRole("region", { name: "Viewing tasks as another member" });
    const extend = await within(banner).findByRole("button", { name: "Extend acting as Alex" });
    expect(extend).toHaveAccessibleDescription("1 extension left");
    extensionsLeft = 0;
    await act(() => queryClient.invalidateQueries({ queryKey: ["me"] }));
    await waitFor(() => expect(banner).toHaveTextContent("No extensions left"));
    expect(within(banner).queryByRole("button", { name: /Extend/ })).not.toBeInTheDocument();
  });

  it.each([
    ["request", "You stopped acting as Alex in another tab or on another device."],
    ["expired", '"View tasks as" has ended: Your time acting as Alex is up.'],
  ] as const)("leaves at once when the live-update stream says the session ended (%s), with a message", async (reason, message) => {
    const { api, requests } = renderWithApi(<BannerWithGuard />, { routes: { "GET /users/me": () => ok(alexAsSeenBySam) }, actingAs: 2 });
    await screen.findByText("Alex");
    act(() => announceImpersonationEnded(api, { type: "impersonation_ended", userId: 2, reason }));
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(api.getSession().actingAs).toBeNull();
    expect(sessionStorage.getItem("chorus.actingAsUserId")).toBeNull();
    expect(screen.queryByRole("region", { name: "Viewing tasks as another member" })).not.toBeInTheDocument();
    // The server ended it already: this tab does not send an end that would reach other sessions.
    expect(requests.some((request) => request.method === "DELETE")).toBe(false);
  });

  it("ignores the end of a session on another member, as when this tab has just switched", async () => {
    const { api } = renderWithApi(<BannerWithGuard />, { routes: { "GET /users/me": () => ok(alexAsSeenBySam) }, actingAs: 2 });
    await screen.findByText("Alex");
    act(() => announceImpersonationEnded(api, { type: "impersonation_ended", userId: 3, reason: "replaced" }));
    expect(api.getSession().actingAs).toBe(2);
    expect(screen.getByRole("region", { name: "Viewing tasks as another member" })).toHaveTextContent("Acting as Alex");
  });
});
