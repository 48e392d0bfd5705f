import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ok, renderWithApi } from "../../../testing/fake-api";
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

  it("explains that a child's account cannot choose", async () => {
    renderWithApi(<ActAsConsentForm />, { routes: { "GET /users/me/act-as-consent": () => ok({ consent: "anyone", choosable: false }) } });
    expect(await screen.findByText(/This is a child's account/)).toBeInTheDocument();
    expect(screen.queryByRole("radio")).not.toBeInTheDocument();
  });
});
