import { ChorusApiError, createChoreRequestSchema, formMessages, signupRequestSchema } from "@chorus/shared";
import { act, renderHook } from "@testing-library/react";
import { en } from "../locales/en";
import { errorMessage } from "./errors";
import { fieldErrorsFromApi, fieldErrorsFromIssues, translateFormMessage } from "./field-errors";
import { i18next } from "./i18n";
import { useFormErrors } from "./use-form-errors";

const german = () => act(() => i18next.changeLanguage("de"));
afterEach(() => act(() => i18next.changeLanguage("en")));

it("has the forms catalogue's English equal to the shared schemas' message table, both ways", () => {
  expect(en.forms).toEqual(formMessages);
});

describe("translateFormMessage", () => {
  it("keeps English as the schemas say it, and a message not in the table as it is", () => {
    expect(translateFormMessage(formMessages.usernameTooShort)).toBe("Username must be at least 3 characters");
    expect(translateFormMessage("Something a newer server says")).toBe("Something a newer server says");
  });

  it("says a shared schema's message in German", async () => {
    await german();
    expect(translateFormMessage("Username must be at least 3 characters")).toBe("Der Benutzername muss mindestens 3 Zeichen haben");
    expect(translateFormMessage(formMessages.awayTooLong)).toBe("Höchstens 366 Tage am Stück abwesend");
    expect(translateFormMessage("Something a newer server says")).toBe("Something a newer server says");
  });
});

describe("field errors in German", () => {
  it("from a form's own check with a shared schema, zod's default messages included", async () => {
    await german();
    const { result } = renderHook(() => useFormErrors());
    act(() => {
      result.current.validate(signupRequestSchema, { username: "al", password: "short", displayName: " ", timezone: "Europe/Berlin" });
    });
    expect(result.current.errors).toMatchObject({
      username: "Der Benutzername muss mindestens 3 Zeichen haben",
      password: "Das Passwort muss mindestens 8 Zeichen haben",
      displayName: "Der Anzeigename darf nicht leer sein",
    });
    // A field with no message of its own gets zod's, in the language on screen.
    const parsed = createChoreRequestSchema.safeParse({ name: "Dishes", points: "many" });
    expect(parsed.success).toBe(false);
    expect(fieldErrorsFromIssues(parsed.error!.issues).points).toMatch(/^Ungültige Eingabe/);
  });

  it("from the server's validation_failed answer, and a taken email of a 409 conflict", async () => {
    await german();
    const invalid = new ChorusApiError(400, "validation_failed", "Invalid body: username: Username must be at least 3 characters", {
      fields: { username: "Username must be at least 3 characters", "frequency.weekdays": "Pick at least one weekday" },
    });
    expect(fieldErrorsFromApi(invalid)).toEqual({
      username: "Der Benutzername muss mindestens 3 Zeichen haben",
      "frequency.weekdays": "Wähle mindestens einen Wochentag",
    });
    const taken = new ChorusApiError(409, "conflict", "That email is already taken", { field: "email" });
    expect(fieldErrorsFromApi(taken)).toEqual({ email: "Diese E-Mail-Adresse ist schon vergeben" });
  });
});

describe("errorMessage", () => {
  it("in English, shows the server's sentence for a code that names the case, and the catalogue's for the rest", () => {
    expect(errorMessage(new ChorusApiError(409, "invalid_state", "This completion was already rejected"))).toBe(
      "This completion was already rejected",
    );
    expect(errorMessage(new ChorusApiError(409, "checklist_incomplete", "Tick every checklist item first", { remaining: 2 }))).toBe(
      "Tick every checklist item first: 2 not ticked yet",
    );
    expect(errorMessage(new ChorusApiError(403, "step_up_required", "Enter it again", { signInMethod: "pin" }))).toMatch(
      /^Enter your PIN again/,
    );
  });

  it("in German, fills in details: a count, a wait in minutes, a variant by sign-in method, a time", async () => {
    await german();
    expect(errorMessage(new ChorusApiError(409, "invalid_state", "This completion was already rejected"))).toBe(
      "Das geht gerade nicht: lade die Seite neu und versuche es erneut",
    );
    expect(errorMessage(new ChorusApiError(409, "checklist_incomplete", "…", { remaining: 2 }))).toBe(
      "Hake zuerst jeden Punkt der Checkliste ab: 2 noch offen",
    );
    expect(errorMessage(new ChorusApiError(429, "rate_limited", "…", { retryAfterSeconds: 50 }))).toBe(
      "Zu viele Versuche: versuche es in 1 Minute erneut",
    );
    expect(errorMessage(new ChorusApiError(423, "pin_locked", "…", { retryAfterSeconds: 290 }))).toBe(
      "Zu viele falsche PINs: die PIN ist noch 5 Minuten gesperrt",
    );
    expect(errorMessage(new ChorusApiError(403, "step_up_failed", "Wrong PIN", { signInMethod: "pin" }))).toBe("Falsche PIN");
    const extendableAt = new Date(2026, 11, 3, 21, 5).toISOString();
    expect(errorMessage(new ChorusApiError(409, "impersonation_extend_too_early", "…", { extendableAt }))).toBe(
      "Diese Sitzung kann erst kurz vor ihrem Ende verlängert werden, ab 21:05",
    );
    expect(errorMessage(new ChorusApiError(0, "network_error", "Could not reach Chorus"))).toMatch(/^Chorus ist nicht erreichbar/);
    // A code this app does not know yet keeps the server's sentence.
    expect(errorMessage(new ChorusApiError(418, "brand_new" as never, "Brand new refusal"))).toBe("Brand new refusal");
  });
});
