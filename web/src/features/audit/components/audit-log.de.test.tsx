import { act, screen, within } from "@testing-library/react";
import { i18next } from "../../../lib/i18n";
import { makeAuditEvent as event, makeMember } from "../../../testing/fixtures";
import { ok, renderWithApi } from "../../../testing/fake-api";
import { AuditLog } from "./audit-log";

beforeEach(async () => {
  await act(() => i18next.changeLanguage("de"));
});
afterEach(async () => {
  await act(() => i18next.changeLanguage("en"));
});

describe("AuditLog in German", () => {
  it("labels known actions in German next to the recorded name, and shows an unknown one as recorded", async () => {
    const members = [makeMember({ userId: 1, displayName: "Sam", role: "admin" })];
    renderWithApi(<AuditLog members={members} nameOf={() => "Sam"} choreNameOf={() => undefined} timeZone="Europe/Berlin" />, {
      routes: {
        "GET /circles/current/audit": () =>
          ok({
            events: [
              event(2, { action: "chore.completed", entityType: "chore", entityId: "4" }),
              event(1, { action: "garden.watered", outcome: "denied" }),
            ],
            nextCursor: null,
          }),
      },
    });
    const cells = (action: string) =>
      within(screen.getByText(action).closest("tr") as HTMLElement)
        .getAllByRole("cell")
        .map((cell) => cell.textContent);
    expect((await screen.findAllByRole("columnheader")).map((header) => header.textContent)).toEqual([
      "Wann",
      "Wer",
      "Als",
      "Aktion",
      "Betrifft",
      "Ergebnis",
    ]);
    expect(cells("chore.completed").slice(2)).toEqual(["selbst", "Aufgabe erledigt chore.completed", "Aufgabe #4", "Erlaubt"]);
    expect(cells("garden.watered")[3]).toBe("garden.watered");
    expect(cells("garden.watered")[5]).toBe("Abgelehnt");
  });
});
