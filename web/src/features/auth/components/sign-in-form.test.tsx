import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { makeUser } from "../../../testing/fixtures";
import { apiError, ok, renderWithApi, type FakeHandler } from "../../../testing/fake-api";
import { SignInForm } from "./sign-in-form";

/** The form's own error summary (the app's pop-up messages have an alert region too). */
const formAlert = () => within(screen.getByRole("form", { name: "Sign in" })).findByRole("alert");

function renderSignIn(login: FakeHandler) {
  const onSignedIn = jest.fn();
  const rendered = renderWithApi(<SignInForm onSignedIn={onSignedIn} />, { routes: { "POST /auth/login": login }, token: null });
  // The form also asks whether passkeys are set up (GET /auth/options): only sign-ins count here.
  const requests = () => rendered.requests.filter((request) => request.path === "/auth/login");
  return { ...rendered, onSignedIn, requests };
}

async function signIn(login: string, password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("Username or email"), login);
  await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("SignInForm", () => {
  it("signs in and keeps the session token", async () => {
    const { api, onSignedIn, requests } = renderSignIn(() => ok({ token: "new-token", user: makeUser() }));
    await signIn("  sam ", "correct horse");
    expect(onSignedIn).toHaveBeenCalledTimes(1);
    expect(requests()[0]?.body).toEqual({ login: "sam", password: "correct horse" });
    expect(api.getSession().token).toBe("new-token");
  });

  it("says so in an alert when the credentials do not match (401 invalid_credentials)", async () => {
    const { api, onSignedIn } = renderSignIn(() => apiError(401, "invalid_credentials", "Invalid login or password"));
    await signIn("sam", "wrong password");
    const alert = await formAlert();
    expect(alert).toHaveTextContent("That username or email and password do not match.");
    expect(alert).toHaveFocus();
    expect(screen.getByLabelText("Username or email")).not.toHaveAttribute("aria-invalid");
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(api.getSession().token).toBeNull();
  });

  it("shows the API's validation_failed field errors next to their inputs", async () => {
    renderSignIn(() => apiError(400, "validation_failed", "Some fields are invalid", { fields: { login: "Login is too long" } }));
    await signIn("sam", "secret");
    const login = await screen.findByLabelText("Username or email");
    expect(await formAlert()).toHaveTextContent("Please fix the highlighted field.");
    expect(login).toHaveAttribute("aria-invalid", "true");
    expect(login).toHaveAccessibleDescription("Login is too long");
    expect(screen.getByLabelText("Password")).not.toHaveAttribute("aria-invalid");
  });

  it("asks for both fields before sending anything", async () => {
    const { requests } = renderSignIn(() => ok({}));
    await userEvent.setup().click(screen.getByRole("button", { name: "Sign in" }));
    expect(screen.getByLabelText("Username or email")).toHaveAccessibleDescription("Enter your username or email");
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("Enter your password");
    expect(await formAlert()).toHaveTextContent("Please fix the 2 highlighted problems.");
    expect(requests()).toEqual([]);
  });
});
