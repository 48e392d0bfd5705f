import type { Reward, Tablet } from "@chorus/shared";
import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { i18next } from "../../../lib/i18n";
import { makeChore } from "../../../testing/fixtures";
import { ok, renderWithApi } from "../../../testing/fake-api";
import { TabletScreen } from "./tablet-screen";

const tablet: Tablet = {
  device: { id: 4, name: "Küchentablet" },
  circle: { id: 1, name: "Familie Schmidt", timezone: "Europe/Berlin" },
  members: [{ userId: 3, displayName: "Jamie", hasPin: false }],
};
const reward = (id: number, name: string, cost: number, stock: number | null = null): Reward => ({
  id,
  name,
  cost,
  stock,
  availableTo: [],
  archived: false,
  createdAt: "2026-11-01T00:00:00Z",
});

describe("the wall tablet, in German", () => {
  beforeEach(async () => {
    await act(() => i18next.changeLanguage("de"));
  });
  afterEach(async () => {
    await act(() => i18next.changeLanguage("en"));
  });

  it("sets up, asks who you are, and shows chores, points with German digit grouping and plural forms", async () => {
    const user = userEvent.setup();
    renderWithApi(<TabletScreen />, {
      routes: {
        "GET /devices/current": () => ok(tablet),
        "GET /chores": () => ok({ chores: [makeChore({ id: 8, name: "Blumen gießen" })] }),
        "GET /rewards": () => ok({ rewards: [reward(1, "Comic", 1), reward(2, "Fahrrad", 1500, 0)], points: 1200 }),
        "GET /rewards/requests": () => ok({ requests: [], nextCursor: null }),
      },
      token: null,
      path: "/tablet",
    });
    await user.type(screen.getByLabelText("Tablet-Token"), "chorus_dev_abcdefghijklmnopqrstuvwxyz012345");
    await user.click(screen.getByRole("button", { name: "Dieses Tablet verwenden" }));
    await user.click(within(await screen.findByRole("list", { name: "Wer bist du?" })).getByRole("button", { name: /Jamie/ }));

    const chores = await screen.findByRole("region", { name: "Aufgaben von Jamie" });
    expect(await within(chores).findByRole("button", { name: "Erledigt: Blumen gießen" })).toBeInTheDocument();
    expect(within(chores).getByRole("button", { name: "Überspringen: Blumen gießen" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Fertig – zurück zu allen" })).toBeInTheDocument();

    const rewards = await screen.findByRole("region", { name: "Belohnungen von Jamie" });
    expect(await within(rewards).findByText("1.200 Punkte")).toBeInTheDocument();
    const offer = within(rewards).getByRole("list", { name: "Belohnungen im Angebot" });
    expect(within(offer).getByRole("listitem", { name: "Comic" })).toHaveTextContent("1 Punkt");
    expect(within(offer).getByRole("listitem", { name: "Fahrrad" })).toHaveTextContent("1.500 Punkte · keine mehr");
    expect(within(offer).getByRole("button", { name: "Comic anfragen" })).toHaveTextContent("Anfragen");
    expect(within(rewards).getByText("Noch keine Anfragen.")).toBeInTheDocument();
  });
});
