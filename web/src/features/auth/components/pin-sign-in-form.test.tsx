import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SignInRoute } from "../../../app/routes/auth/sign-in";
import { makeUser } from "../../../testing/fixtures";
import { apiError, ok, renderWithApi, type FakeHandler } from "../../../testing/fake-api";

function renderSignIn(pinLogin: FakeHandler) {
  return renderWithApi(<SignInRoute />, { routes: { "POST /auth/pin-login": pinLogin }, token: null, path: "/signin" });
}

/** The page also asks which ways to sign in there are (GET /auth/options). */
const pinLogins = (requests: readonly { path: string; body: unknown }[]) =>
  requests.filter((request) => request.path === "/auth/pin-login");

async function signInWithPin(username: string, pin: string) {
  const user = userEvent.setup();
  await user.click(screen.getByRole("button", { name: "Child's account? Use a PIN" }));
  await user.type(screen.getByLabelText("Username"), username);
  await user.type(screen.getByLabelText("PIN"), pin);
  await user.click(screen.getByRole("button", { name: "Sign in with PIN" }));
  return user;
}

describe("PIN sign-in on the sign-in page", () => {
  it("signs a child in with username and PIN", async () => {
    const { api, requests } = renderSignIn(() =>
      ok({ token: "kid-token", user: makeUser({ id: 9, username: "alex", email: null, role: "member" }) }),
    );
    await signInWithPin(" alex ", "4821");
    expect(pinLogins(requests)[0]?.body).toEqual({ username: "alex", pin: "4821" });
    expect(api.getSession().token).toBe("kid-token");
  });

  it("checks the PIN's shape before sending", async () => {
    const { requests } = renderSignIn(() => ok({}));
    await signInWithPin("alex", "12a");
    expect(screen.getByLabelText("PIN")).toHaveAccessibleDescription(/PIN must be 4 to 8 digits/);
    expect(pinLogins(requests)).toEqual([]);
  });

  it("gives one message for an unknown username or a wrong PIN", async () => {
    const { api } = renderSignIn(() => apiError(401, "invalid_credentials", "Wrong username or PIN"));
    await signInWithPin("alex", "0000");
    const alert = await within(screen.getByRole("form", { name: "Sign in with a PIN" })).findByRole("alert");
    expect(alert).toHaveTextContent("That username and PIN do not match.");
    expect(api.getSession().token).toBeNull();
  });

  it('says the PIN is locked, and until when, instead of "do not match"', async () => {
    const lockedUntil = new Date(2026, 11, 2, 10, 45).toISOString();
    renderSignIn(() => apiError(423, "pin_locked", "Too many wrong PINs", { lockedUntil, retryAfterSeconds: 600 }));
    await signInWithPin("alex", "4821");
    const alert = await within(screen.getByRole("form", { name: "Sign in with a PIN" })).findByRole("alert");
    const until = new Date(lockedUntil).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    expect(alert).toHaveTextContent(`Too many wrong PINs: PIN sign-in is locked until ${until}.`);
    expect(alert).not.toHaveTextContent("do not match");
  });

  it("switches back to the password form", async () => {
    renderSignIn(() => ok({}));
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Child's account? Use a PIN" }));
    await user.click(screen.getByRole("button", { name: "Use a password instead" }));
    expect(screen.getByRole("form", { name: "Sign in" })).toBeInTheDocument();
  });
});
