import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { apiError, ok, renderWithApi, type FakeReply } from "../../../testing/fake-api";
import { ActAsConsentForm } from "./act-as-consent-form";

describe("ActAsConsentForm", () => {
  it("shows the member's choice and saves a new one", async () => {
    const user = userEvent.setup();
    const { requests } = renderWithApi(<ActAsConsentForm />, {
      routes: {
        "GET /users/me/act-as-consent": () => ok({ consent: "anyone", choosable: true }),
        "PUT /users/me/act-as-consent": ({ body }) => ok({ ...(body as object), choosable: true }),
      },
    });
    const group = await screen.findByRole("group", { name: "Who may view and do your tasks as you" });
    expect(group).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: /Anyone my role allows/ })).toBeChecked();
    await user.click(screen.getByRole("radio", { name: /Ask me first/ }));
    await waitFor(() => expect(screen.getByRole("radio", { name: /Ask me first/ })).toBeChecked());
    expect(requests.find((request) => request.method === "PUT")).toMatchObject({ body: { consent: "ask" } });
    // Always as the person themselves, never with an impersonation header.
    expect(requests.every((request) => request.headers["x-impersonate-user-id"] === undefined)).toBe(true);
    expect(await screen.findByText("Saved: ask me first.")).toBeInTheDocument();
  });

  it("keeps the tapped choice checked while the save is on its way, and puts the saved one back if it fails", async () => {
    let answer: ((reply: FakeReply) => void) | undefined;
    renderWithApi(<ActAsConsentForm />, {
      routes: {
        "GET /users/me/act-as-consent": () => ok({ consent: "anyone", choosable: true }),
        "PUT /users/me/act-as-consent": () => new Promise<FakeReply>((resolve) => (answer = resolve)),
      },
    });
    // A bare click with no waiting after it: checked straight away, not a render later.
    fireEvent.click(await screen.findByRole("radio", { name: /Nobody/ }));
    expect(screen.getByRole("radio", { name: /Nobody/ })).toBeChecked();
    await waitFor(() => expect(answer).toBeDefined());
    answer!(apiError(503, "database_unavailable", "The database is restarting"));
    await waitFor(() => expect(screen.getByRole("radio", { name: /Anyone my role allows/ })).toBeChecked());
  });

  it("explains that a child's account cannot choose", async () => {
    renderWithApi(<ActAsConsentForm />, { routes: { "GET /users/me/act-as-consent": () => ok({ consent: "anyone", choosable: false }) } });
    expect(await screen.findByText(/This is a child's account/)).toBeInTheDocument();
    expect(screen.queryByRole("radio")).not.toBeInTheDocument();
  });
});
