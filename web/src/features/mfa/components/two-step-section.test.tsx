import type { MfaStatus } from "@chorus/shared";
import { act, screen } from "@testing-library/react";
import { NoticesProvider } from "../../../components/notices";
import { i18next } from "../../../lib/i18n";
import { ok, renderWithApi } from "../../../testing/fake-api";
import { TwoStepSection } from "./two-step-section";

const status = (recoveryCodesLeft: number): MfaStatus => ({
  totpEnabled: true,
  recoveryCodesLeft,
  passkeys: [{ id: 1, name: "Annas Handy", createdAt: "2026-12-01T09:00:00.000Z", lastUsedAt: null }],
  passkeysAvailable: true,
  requiredByCircle: true,
});

function renderSection(recoveryCodesLeft: number) {
  return renderWithApi(
    <NoticesProvider>
      <TwoStepSection timeZone="Europe/Berlin" />
    </NoticesProvider>,
    { routes: { "GET /users/me/mfa": () => ok(status(recoveryCodesLeft)) } },
  );
}

afterEach(async () => {
  await act(() => i18next.changeLanguage("en"));
});

describe("two-step sign-in in German (decision 0046)", () => {
  it("shows the app, its recovery codes left and the passkeys in German", async () => {
    await act(() => i18next.changeLanguage("de"));
    renderSection(1);
    expect(await screen.findByText("Dein Haushalt verlangt, dass Admins mindestens eines davon behalten.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Anmeldung in zwei Schritten" })).toBeInTheDocument();
    expect(screen.getByText(/Noch 1 von 10 Wiederherstellungscodes übrig\./)).toBeInTheDocument();
    expect(screen.getByText("Eingeschaltet.")).toBeInTheDocument();
    expect(screen.getByRole("list", { name: "Deine Passkeys" })).toHaveTextContent(/Hinzugefügt .+ · noch nie verwendet/);
    expect(screen.getByRole("button", { name: "Entfernen… Annas Handy" })).toBeInTheDocument();
    expect(screen.getByRole("form", { name: "Passkey hinzufügen" })).toBeInTheDocument();
  });

  it("keeps the English wording in English", async () => {
    renderSection(3);
    expect(await screen.findByText(/3 of 10 recovery codes left\./)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Remove… Annas Handy" })).toBeInTheDocument();
  });
});
