import type { ActedForMeItem } from "@chorus/shared";
import { act, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { i18next } from "../../../lib/i18n";
import { ActedForMeList } from "./acted-for-me-list";

const sam = { userId: 1, displayName: "Sam" };
const items: ActedForMeItem[] = [
  {
    kind: "chore_action",
    id: "history-9",
    at: "2026-11-30T18:00:00Z",
    actor: sam,
    action: "completed",
    choreId: 5,
    choreName: "Katze füttern",
    note: null,
    points: 3,
  },
  {
    kind: "impersonation_session",
    id: "impersonation-4",
    at: "2026-11-30T17:55:00Z",
    actor: sam,
    reason: null,
    mode: "act",
    expiresAt: "2026-11-30T18:55:00Z",
    endedAt: "2026-11-30T18:05:00Z",
    actionCount: 1,
  },
];

describe("Done for you, in German", () => {
  beforeEach(async () => {
    await act(() => i18next.changeLanguage("de"));
  });
  afterEach(async () => {
    await act(() => i18next.changeLanguage("en"));
  });

  it("names who did what for you, the session's actions in the singular, and no reason", () => {
    render(
      <MemoryRouter>
        <ActedForMeList items={items} timeZone="Europe/Berlin" />
      </MemoryRouter>,
    );
    const [done, session] = within(screen.getByRole("list", { name: "Für dich erledigt" })).getAllByRole("listitem");
    expect(done).toHaveTextContent("Für dich erledigt von Sam: Katze füttern · +3 Pkt. für dich");
    expect(session).toHaveTextContent("Sam hat als du angesehen und gehandelt Ansehen und handeln");
    expect(session).toHaveTextContent(/Begonnen .+ · beendet .+ · 1 Aktion/);
    expect(session).toHaveTextContent("Kein Grund angegeben");
  });
});
