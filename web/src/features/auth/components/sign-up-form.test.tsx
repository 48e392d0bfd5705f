import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { makeUser } from "../../../testing/fixtures";
import { apiError, ok, renderWithApi, type FakeHandler } from "../../../testing/fake-api";
import { SignUpForm } from "./sign-up-form";

/** The form's own error summary (the app's pop-up messages have an alert region too). */
const formAlert = () => within(screen.getByRole("form", { name: "Create account" })).findByRole("alert");

function renderSignUp(signup: FakeHandler) {
  const onSignedUp = jest.fn();
  const rendered = renderWithApi(<SignUpForm onSignedUp={onSignedUp} />, { routes: { "POST /auth/signup": signup }, token: null });
  return { ...rendered, onSignedUp };
}

async function fillAndSubmit(values: { username: string; email: string; displayName?: string; password: string }) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("Username"), values.username);
  await user.type(screen.getByLabelText("Email"), values.email);
  if (values.displayName) await user.type(screen.getByLabelText("Display name (optional)"), values.displayName);
  await user.type(screen.getByLabelText("Password"), values.password);
  await user.click(screen.getByRole("button", { name: "Create account" }));
}

const sam = { username: "sam", email: "sam@example.com", password: "long enough" };

describe("SignUpForm", () => {
  it("creates the account in this browser's time zone and starts the session", async () => {
    const { api, onSignedUp, requests } = renderSignUp(() => ok({ token: "new-token", user: makeUser() }));
    await fillAndSubmit({ ...sam, displayName: " Sam " });
    expect(onSignedUp).toHaveBeenCalledTimes(1);
    expect(requests[0]?.body).toEqual({ ...sam, displayName: "Sam", timezone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    expect(api.getSession().token).toBe("new-token");
  });

  it("sends the username in lower case, as the server stores it", async () => {
    const { requests } = renderSignUp(() => ok({ token: "new-token", user: makeUser() }));
    await fillAndSubmit({ ...sam, username: " Sam.Smith " });
    expect(requests[0]?.body).toMatchObject({ username: "sam.smith" });
  });

  it("shows the API's validation_failed field errors next to the right inputs and announces them", async () => {
    const { onSignedUp } = renderSignUp(() =>
      apiError(400, "validation_failed", "Some fields are invalid", {
        fields: { username: "Username is reserved", password: "Password is too common" },
      }),
    );
    await fillAndSubmit(sam);

    const summary = await formAlert();
    expect(summary).toHaveTextContent("Please fix the 2 highlighted problems.");
    expect(summary).toHaveFocus();
    const username = screen.getByLabelText("Username");
    expect(username).toHaveAttribute("aria-invalid", "true");
    // The hint stays, the error follows it.
    expect(username).toHaveAccessibleDescription("3–32 characters: letters, digits, _ . - (saved in lower case) Username is reserved");
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("At least 8 characters Password is too common");
    expect(screen.getByLabelText("Email")).not.toHaveAttribute("aria-invalid");
    expect(onSignedUp).not.toHaveBeenCalled();
  });

  it.each(["username", "email"] as const)("puts a 409 conflict on the taken %s", async (field) => {
    const { api } = renderSignUp(() => apiError(409, "conflict", `That ${field} is already taken`, { field }));
    await fillAndSubmit(sam);

    expect(await formAlert()).toHaveTextContent("Please fix the highlighted field.");
    const taken = screen.getByLabelText(field === "username" ? "Username" : "Email");
    expect(taken).toHaveAttribute("aria-invalid", "true");
    expect(taken).toHaveAccessibleDescription(new RegExp(`That ${field} is already taken$`));
    expect(screen.getAllByRole("textbox").filter((input) => input.getAttribute("aria-invalid") === "true")).toEqual([taken]);
    expect(api.getSession().token).toBeNull();
  });

  it("shows an error that names no field as a message of its own", async () => {
    renderSignUp(() => apiError(429, "rate_limited", "Too many sign-ups from here; try again later"));
    await fillAndSubmit(sam);
    const alert = await formAlert();
    expect(alert).toHaveTextContent("Too many sign-ups from here; try again later");
    expect(alert).not.toHaveTextContent("highlighted");
  });
});
