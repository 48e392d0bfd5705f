import type { ApiToken } from "@chorus/shared";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { apiError, ok, renderWithApi } from "../../../testing/fake-api";
import { ApiTokensList } from "./api-tokens-list";
import { CreateApiTokenForm } from "./create-api-token-form";

const homeAssistant: ApiToken = { id: 4, name: "Home Assistant", createdAt: "2026-11-01T08:00:00Z", lastUsedAt: "2026-11-21T09:00:00Z" };
const backup: ApiToken = { id: 5, name: "Backup", createdAt: "2026-11-02T08:00:00Z", lastUsedAt: null };

function renderTokens(routes: Parameters<typeof renderWithApi>[1]["routes"]) {
  return renderWithApi(
    <>
      <ApiTokensList timeZone="Europe/Berlin" />
      <CreateApiTokenForm />
    </>,
    { routes },
  );
}

describe("API tokens", () => {
  it("lists tokens with when they were created and last used", async () => {
    renderTokens({ "GET /users/me/tokens": () => ok({ tokens: [homeAssistant, backup] }) });
    const rows = within(await screen.findByRole("list", { name: "Your API tokens" })).getAllByRole("listitem");
    expect(rows[0]).toHaveTextContent(/Home AssistantCreated Nov 1, 2026, 9:00\sAM · last used Nov 21, 2026, 10:00\sAM/);
    expect(rows[1]).toHaveTextContent(/BackupCreated Nov 2, 2026, 9:00\sAM · never used/);
  });

  it("says so when there are none", async () => {
    renderTokens({ "GET /users/me/tokens": () => ok({ tokens: [] }) });
    expect(await screen.findByText("You have no API tokens.")).toBeInTheDocument();
  });

  it("creates a token, shows its secret once with a copy button, and lists it", async () => {
    const user = userEvent.setup();
    const writeText = jest.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    let tokens: ApiToken[] = [];
    const { requests } = renderTokens({
      "GET /users/me/tokens": () => ok({ tokens }),
      "POST /users/me/tokens": () => {
        tokens = [backup];
        return { status: 201, body: { id: 5, name: "Backup", token: "secret-abc" } };
      },
    });

    await user.type(await screen.findByLabelText("Token name"), "  Backup ");
    await user.click(screen.getByRole("button", { name: "Create token" }));

    const shown = await screen.findByRole("status", { name: "New API token" });
    expect(shown).toHaveTextContent("you won’t see this token again");
    expect(within(shown).getByTestId("new-token-secret")).toHaveTextContent("secret-abc");
    expect(requests.find((request) => request.method === "POST")?.body).toEqual({ name: "Backup" });
    await user.click(within(shown).getByRole("button", { name: "Copy token" }));
    expect(writeText).toHaveBeenCalledWith("secret-abc");
    expect(await within(shown).findByRole("button", { name: "Copied" })).toBeInTheDocument();
    expect(await screen.findByRole("list", { name: "Your API tokens" })).toHaveTextContent("Backup");

    await user.click(within(shown).getByRole("button", { name: "Done" }));
    expect(screen.queryByText("secret-abc")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Token name")).toHaveValue("");
  });

  it("checks the name before sending and shows the server's field errors on the field", async () => {
    const user = userEvent.setup();
    const { requests } = renderTokens({
      "GET /users/me/tokens": () => ok({ tokens: [] }),
      "POST /users/me/tokens": () =>
        apiError(400, "validation_failed", "Invalid body: name", { fields: { name: "Token name must be at most 64 characters" } }),
    });

    await user.click(await screen.findByRole("button", { name: "Create token" }));
    expect(screen.getByLabelText("Token name")).toHaveAccessibleDescription(/Token name cannot be blank/);
    expect(requests.filter((request) => request.method === "POST")).toEqual([]);

    await user.type(screen.getByLabelText("Token name"), "Script");
    await user.click(screen.getByRole("button", { name: "Create token" }));
    const form = screen.getByRole("form", { name: "Create an API token" });
    expect(await within(form).findByRole("alert")).toHaveTextContent("Please fix the highlighted field.");
    expect(screen.getByLabelText("Token name")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Token name")).toHaveAccessibleDescription(/Token name must be at most 64 characters/);
  });

  it("revokes only after confirmation, and Keep backs out", async () => {
    const user = userEvent.setup();
    let tokens = [homeAssistant, backup];
    const { requests } = renderTokens({
      "GET /users/me/tokens": () => ok({ tokens }),
      "DELETE /users/me/tokens/4": () => {
        tokens = [backup];
        return { status: 204 };
      },
    });

    await user.click(await screen.findByRole("button", { name: "Revoke… Home Assistant" }));
    await user.click(screen.getByRole("button", { name: "Keep" }));
    expect(requests.filter((request) => request.method === "DELETE")).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Revoke… Home Assistant" }));
    await user.click(screen.getByRole("button", { name: "Revoke Home Assistant" }));
    expect(await screen.findByText("Token “Home Assistant” was revoked; scripts using it stop working now.")).toBeInTheDocument();
    expect(requests.filter((request) => request.method === "DELETE").map((request) => request.path)).toEqual(["/users/me/tokens/4"]);
    await screen.findByRole("button", { name: "Revoke… Backup" });
    expect(screen.queryByText("Home Assistant")).not.toBeInTheDocument();
  });
});
