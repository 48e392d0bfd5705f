import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { apiError, ok, renderWithApi, type FakeReply } from "../../../testing/fake-api";
import { useThemeSync } from "../api/theme";
import { ThemeChooser } from "./theme-chooser";

/** The chooser with the signed-in shell's sync, as the app has them. */
function AccountWithSync() {
  useThemeSync();
  return <ThemeChooser />;
}

const shown = jest.fn();
beforeEach(() => {
  shown.mockClear();
  window.chorusTheme = { use: shown };
});
afterAll(() => delete window.chorusTheme);

describe("ThemeChooser", () => {
  it("shows the saved choice, saves a new one as the person themselves, and puts it on screen and in this device's cache", async () => {
    const user = userEvent.setup();
    const { requests } = renderWithApi(<AccountWithSync />, {
      actingAs: 7,
      routes: {
        "GET /users/me/theme": () => ok({ theme: "system" }),
        "PUT /users/me/theme": ({ body }) => ok(body),
      },
    });
    expect(await screen.findByRole("group", { name: "Colours" })).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "Same as this device" })).toBeChecked();
    await waitFor(() => expect(shown).toHaveBeenLastCalledWith("system"));
    await user.click(screen.getByRole("radio", { name: "Dark" }));
    await waitFor(() => expect(screen.getByRole("radio", { name: "Dark" })).toBeChecked());
    expect(requests.find((request) => request.method === "PUT")).toMatchObject({ body: { theme: "dark" } });
    // The real person's screen even while they view as a member: never the impersonation header.
    expect(requests.every((request) => request.headers["x-impersonate-user-id"] === undefined)).toBe(true);
    expect(await screen.findByText("Saved: dark.")).toBeInTheDocument();
    expect(shown).toHaveBeenLastCalledWith("dark");
    expect(localStorage.getItem("chorus.theme")).toBe("dark");
  });

  it("keeps the tapped choice while the save is on its way, and puts the saved one back if it fails", async () => {
    let answer: ((reply: FakeReply) => void) | undefined;
    renderWithApi(<AccountWithSync />, {
      routes: {
        "GET /users/me/theme": () => ok({ theme: "light" }),
        "PUT /users/me/theme": () => new Promise<FakeReply>((resolve) => (answer = resolve)),
      },
    });
    fireEvent.click(await screen.findByRole("radio", { name: "Dark" }));
    expect(screen.getByRole("radio", { name: "Dark" })).toBeChecked();
    await waitFor(() => expect(answer).toBeDefined());
    answer!(apiError(503, "database_unavailable", "The database is restarting"));
    await waitFor(() => expect(screen.getByRole("radio", { name: "Light" })).toBeChecked());
    await waitFor(() => expect(shown).toHaveBeenLastCalledWith("light"));
    expect(localStorage.getItem("chorus.theme")).toBe("light");
    expect(await screen.findByText("The database is restarting")).toBeInTheDocument();
  });
});
