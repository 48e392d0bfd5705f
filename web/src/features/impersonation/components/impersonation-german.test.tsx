import { act, screen, waitFor, within } from "@testing-library/react";
import { i18next } from "../../../lib/i18n";
import { makeUser } from "../../../testing/fixtures";
import { ok, renderWithApi } from "../../../testing/fake-api";
import { ImpersonationBanner } from "./impersonation-banner";
import { describeTimeLeft } from "./impersonation-countdown";

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const alex = (extensionsLeft: number) =>
  makeUser({
    id: 2,
    displayName: "Alex",
    role: "member",
    impersonatorUserId: 1,
    impersonationMode: "act",
    impersonationExpiresAt: inMinutes(3),
    impersonationExtensionsLeft: extensionsLeft,
  });

describe("acting as someone, in German", () => {
  beforeEach(async () => {
    await act(() => i18next.changeLanguage("de"));
  });
  afterEach(async () => {
    await act(() => i18next.changeLanguage("en"));
  });

  it("says whom you act for, the time left with its end in German time, and the extensions left in the plural", async () => {
    renderWithApi(<ImpersonationBanner />, { routes: { "GET /users/me": () => ok(alex(2)) }, actingAs: 2 });
    const banner = await screen.findByRole("region", { name: "Aufgaben eines anderen Mitglieds ansehen" });
    await waitFor(() => expect(banner).toHaveTextContent("Handelt als Alex"));
    expect(banner).toHaveTextContent("noch 3 Min.");
    expect(banner).toHaveTextContent("noch 2 Verlängerungen");
    // German times are 24-hour, without AM/PM.
    expect(within(banner).getByText("noch 3 Min.")).toHaveAttribute("title", expect.stringMatching(/^Endet um \d{2}:\d{2}:\d{2}$/));
    expect(within(banner).getByRole("button", { name: "Handeln als Alex verlängern" })).toHaveTextContent("Verlängern");
    expect(within(banner).getByRole("button", { name: "Beenden (Handeln)" })).toBeInTheDocument();
  });

  it("says one extension in the singular, and the last seconds", async () => {
    renderWithApi(<ImpersonationBanner />, { routes: { "GET /users/me": () => ok(alex(1)) }, actingAs: 2 });
    const banner = await screen.findByRole("region", { name: "Aufgaben eines anderen Mitglieds ansehen" });
    await waitFor(() => expect(banner).toHaveTextContent("noch 1 Verlängerung"));
    expect(describeTimeLeft(30_000)).toBe("noch 30 s");
    expect(describeTimeLeft(0)).toBe("Zeit ist um");
  });
});
