import type { ReminderSettings } from "@chorus/shared";
import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NoticesProvider } from "../../../components/notices";
import { i18next } from "../../../lib/i18n";
import { ok, renderWithApi } from "../../../testing/fake-api";
import { ReminderSettingsPanel } from "./reminder-settings";

const settings: ReminderSettings = {
  push: { enabled: true, subscriptions: 1 },
  webhook: null,
  ntfy: null,
  email: { enabled: false, address: "sam@example.org", available: false },
  gotify: null,
  discord: { host: "discord.com" },
  slack: null,
  telegram: null,
  when: { due: true, overdue: false },
  events: { approvalNeeded: true, rewardRequested: true },
  quietHours: { start: "22:00", end: "07:00" },
};

afterEach(async () => {
  await act(() => i18next.changeLanguage("en"));
});

describe("reminder settings in German (decision 0046)", () => {
  it("labels channels, events and quiet hours in German, with a German plural", async () => {
    await act(() => i18next.changeLanguage("de"));
    renderWithApi(
      <NoticesProvider>
        <ReminderSettingsPanel />
      </NoticesProvider>,
      {
        routes: {
          "GET /users/me/reminders": () => ok(settings),
          "POST /users/me/reminders/test": () =>
            ok({
              results: [
                { channel: "push", ok: true, error: null },
                { channel: "discord", ok: false, error: "HTTP 404" },
              ],
            }),
        },
      },
    );
    expect(
      await screen.findByRole("checkbox", { name: "Benachrichtigungen an meine abonnierten Browser senden (1 Browser)" }),
    ).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "wenn eine meiner Aufgaben fällig wird" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "E-Mail an sam@example.org senden" })).toBeDisabled();
    expect(screen.getByLabelText("Discord-Webhook-URL")).toHaveAccessibleDescription(
      "Gespeichert für discord.com. Leer lassen, um es zu behalten, oder ein neues einfügen.",
    );
    expect(screen.getByLabelText("Von")).toHaveValue("22:00");
    await userEvent.setup().click(screen.getByRole("button", { name: "Test senden" }));
    const results = await screen.findByRole("status", { name: "Testergebnisse" });
    expect(await screen.findByText("Browser-Benachrichtigungen: gesendet")).toBeInTheDocument();
    expect(results).toHaveTextContent("Discord: nicht gesendet — HTTP 404");
  });
});
