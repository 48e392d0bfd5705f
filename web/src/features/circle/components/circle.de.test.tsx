import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { i18next } from "../../../lib/i18n";
import { makeCircle, makeMember } from "../../../testing/fixtures";
import { renderWithApi } from "../../../testing/fake-api";
import { CircleSettingsForm } from "./circle-settings-form";
import { Leaderboard } from "./leaderboard";
import { MembersList } from "./members-list";

beforeEach(async () => {
  await act(() => i18next.changeLanguage("de"));
});
afterEach(async () => {
  await act(() => i18next.changeLanguage("en"));
});

describe("the circle page in German", () => {
  it("names roles, child accounts and the claim link's date in German", async () => {
    const members = [
      makeMember({ userId: 1, displayName: "Sam", role: "admin" }),
      makeMember({ userId: 2, displayName: "Alex", awaitingClaim: true }),
      makeMember({ userId: 3, displayName: "Kim", email: null }),
    ];
    renderWithApi(<MembersList members={members} viewer={{ userId: 1, role: "admin", canAdminister: true }} />, {
      routes: {
        "POST /circles/current/members/2/claim-link": () => ({
          status: 201,
          body: { token: "tok", expiresAt: "2026-12-10T12:00:00.000Z" },
        }),
      },
    });
    expect(screen.getByRole("heading", { name: "Mitglieder" })).toBeInTheDocument();
    expect(within(screen.getByRole("combobox", { name: "Rolle von Alex" })).getByRole("option", { name: "Verwalter" })).toBeInTheDocument();
    expect(screen.getByText(/Kinderkonto/)).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "Anmeldelink erstellen für Alex" }));
    expect(await screen.findByRole("status", { name: "Anmeldelink für Alex" })).toHaveTextContent("bis zum 10. Dezember");
  });

  it("counts points with German plurals and numbers", () => {
    const members = [
      makeMember({ userId: 1, displayName: "Sam", points: 1250 }),
      makeMember({ userId: 2, displayName: "Alex", points: 1 }),
    ];
    renderWithApi(<Leaderboard members={members} mayOpenHistory={() => false} />, { routes: {} });
    const rows = screen.getAllByRole("listitem").map((row) => row.textContent);
    expect(rows).toEqual(["Sam1.250 Punkte", "Alex1 Punkt"]);
  });

  it("names the circle's first weekday in German", async () => {
    renderWithApi(<CircleSettingsForm circle={makeCircle({ locale: "en-US" })} />, { routes: {} });
    expect(screen.getByText(/beginnen mit seinem ersten Tag: Sonntag\./)).toBeInTheDocument();
    const locale = screen.getByRole("textbox", { name: "Gebietsschema" });
    await userEvent.setup().clear(locale);
    await userEvent.setup().type(locale, "de-DE");
    expect(screen.getByText(/beginnen mit seinem ersten Tag: Montag\./)).toBeInTheDocument();
  });
});
