import type { Device } from "@chorus/shared";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ok, renderWithApi } from "../../../testing/fake-api";
import { DevicesAdmin } from "./devices-admin";

const kitchen: Device = {
  id: 4,
  name: "Kitchen tablet",
  createdBy: 1,
  createdAt: "2026-11-01T08:00:00Z",
  lastUsedAt: "2026-11-21T09:00:00Z",
};

describe("Shared tablets on the circle page", () => {
  it("adds a tablet, shows its token once, and lists it", async () => {
    const user = userEvent.setup();
    let devices: Device[] = [];
    const { requests } = renderWithApi(<DevicesAdmin timeZone="Europe/Berlin" />, {
      routes: {
        "GET /circles/current/devices": () => ok({ devices }),
        "POST /circles/current/devices": () => {
          devices = [kitchen];
          return { status: 201, body: { ...kitchen, lastUsedAt: null, token: "chorus_dev_secret" } };
        },
      },
    });
    expect(await screen.findByText("No shared tablets yet.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Tablet name"), "Kitchen tablet");
    await user.click(screen.getByRole("button", { name: "Add tablet" }));
    const shown = await screen.findByRole("status", { name: "New tablet token" });
    expect(within(shown).getByTestId("new-device-token")).toHaveTextContent("chorus_dev_secret");
    expect(shown).toHaveTextContent("You won’t see either again.");
    expect(within(shown).getByRole("img", { name: "QR code that sets up Kitchen tablet" })).toBeInTheDocument();
    expect(requests.find((request) => request.method === "POST")?.body).toEqual({ name: "Kitchen tablet" });
    const list = await screen.findByRole("list", { name: "Shared tablets" });
    expect(list).toHaveTextContent(/Kitchen tabletLast used Nov 21, 2026, 10:00\sAM/);
    await user.click(within(shown).getByRole("button", { name: "Done" }));
    expect(screen.queryByText("chorus_dev_secret")).not.toBeInTheDocument();
  });

  it("revokes a tablet after asking once more", async () => {
    const user = userEvent.setup();
    let devices: Device[] = [kitchen];
    const { requests } = renderWithApi(<DevicesAdmin timeZone="Europe/Berlin" />, {
      routes: {
        "GET /circles/current/devices": () => ok({ devices }),
        "DELETE /circles/current/devices/4": () => {
          devices = [];
          return { status: 204 };
        },
      },
    });
    await user.click(await screen.findByRole("button", { name: "Revoke… Kitchen tablet" }));
    await user.click(screen.getByRole("button", { name: "Revoke Kitchen tablet" }));
    expect(await screen.findByText("Kitchen tablet was revoked; it stops working now.")).toBeInTheDocument();
    expect(await screen.findByText("No shared tablets yet.")).toBeInTheDocument();
    expect(requests.some((request) => request.method === "DELETE")).toBe(true);
  });
});
