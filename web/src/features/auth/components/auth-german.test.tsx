import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { i18next } from "../../../lib/i18n";
import { apiError, ok, renderWithApi } from "../../../testing/fake-api";
import { PinSignInForm } from "./pin-sign-in-form";
import { SignUpForm } from "./sign-up-form";

afterEach(async () => {
  await act(() => i18next.changeLanguage("en"));
});

describe("signing in and up in German (decision 0046)", () => {
  it("says until when PIN sign-in is locked, the time in German format", async () => {
    await act(() => i18next.changeLanguage("de"));
    const lockedUntil = new Date(2026, 11, 2, 10, 45).toISOString();
    renderWithApi(<PinSignInForm onSignedIn={() => undefined} />, {
      routes: { "POST /auth/pin-login": () => apiError(423, "pin_locked", "Too many wrong PINs", { lockedUntil, retryAfterSeconds: 600 }) },
      token: null,
    });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Benutzername"), "alex");
    await user.type(screen.getByLabelText("PIN"), "4821");
    await user.click(screen.getByRole("button", { name: "Mit PIN anmelden" }));
    const alert = await within(screen.getByRole("form", { name: "Mit PIN anmelden" })).findByRole("alert");
    expect(alert).toHaveTextContent("Zu viele falsche PINs: Die Anmeldung mit PIN ist bis 10:45 gesperrt.");
  });

  it("labels the sign-up form in German", async () => {
    await act(() => i18next.changeLanguage("de"));
    renderWithApi(<SignUpForm onSignedUp={() => undefined} />, { routes: { "POST /auth/signup": () => ok({}) }, token: null });
    expect(screen.getByRole("form", { name: "Konto erstellen" })).toBeInTheDocument();
    expect(screen.getByLabelText("Anzeigename (optional)")).toBeInTheDocument();
    expect(screen.getByLabelText("Passwort")).toHaveAccessibleDescription("Mindestens 8 Zeichen");
  });
});
