import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route } from "react-router";
import { apiError, ok } from "../../../testing/fake-api";
import { makeCircle, makeUser } from "../../../testing/fixtures";
import { renderInSignedInShell } from "../../../testing/signed-in-shell";
import { CircleSettingsRoute } from "./circle-settings";

describe("Circle settings", () => {
  it("lets an admin turn off the notice to children when someone views their tasks", async () => {
    const user = userEvent.setup();
    const { requests } = renderInSignedInShell(<Route path="circle/settings" element={<CircleSettingsRoute />} />, {
      path: "/circle/settings",
      routes: {
        "GET /users/me": () => ok(makeUser({ role: "admin" })),
        "GET /circles/current": () => ok(makeCircle()),
        "PATCH /circles/current": ({ body }) => ok({ ...makeCircle(), ...(body as object) }),
      },
    });
    const notice = await screen.findByRole("switch", { name: /Notify children when someone views their tasks/ });
    expect(notice).toBeChecked();
    await user.click(notice);
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    await waitFor(() => expect(requests.some(({ method }) => method === "PATCH")).toBe(true));
    expect(requests.find(({ method }) => method === "PATCH")!.body).toMatchObject({
      impersonationNoticeForChildren: false,
      impersonationEnabled: true,
    });
  });

  it("asks for two-step sign-in of admins, and says why when the admin has none yet", async () => {
    const user = userEvent.setup();
    const { requests } = renderInSignedInShell(<Route path="circle/settings" element={<CircleSettingsRoute />} />, {
      path: "/circle/settings",
      routes: {
        "GET /users/me": () => ok(makeUser({ role: "admin" })),
        "GET /circles/current": () => ok(makeCircle()),
        "PATCH /circles/current": () =>
          apiError(409, "mfa_not_enrolled", "Set up two-step sign-in for yourself before requiring it of admins"),
      },
    });
    const required = await screen.findByRole("switch", { name: /Require two-step sign-in for admins/ });
    expect(required).not.toBeChecked();
    await user.click(required);
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expect(await screen.findByText("Set up two-step sign-in for yourself before requiring it of admins")).toBeInTheDocument();
    expect(requests.find(({ method }) => method === "PATCH")!.body).toMatchObject({ mfaRequiredForAdmins: true });
  });

  it("lets an admin set the circle's locale, naming the week's first day, and refuses a tag that is not one", async () => {
    const user = userEvent.setup();
    const { requests } = renderInSignedInShell(<Route path="circle/settings" element={<CircleSettingsRoute />} />, {
      path: "/circle/settings",
      routes: {
        "GET /users/me": () => ok(makeUser({ role: "admin" })),
        "GET /circles/current": () => ok(makeCircle()),
        "PATCH /circles/current": ({ body }) => ok({ ...makeCircle(), ...(body as object) }),
      },
    });
    const locale = await screen.findByLabelText("Locale");
    expect(locale).toHaveValue("en-US");
    expect(screen.getByText(/first day: Sunday/)).toBeInTheDocument();
    await user.clear(locale);
    await user.type(locale, "en_US!");
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expect(await screen.findAllByText(/Unknown locale/)).not.toHaveLength(0);
    expect(requests.some(({ method }) => method === "PATCH")).toBe(false);
    await user.clear(locale);
    await user.type(locale, "de-de");
    expect(screen.getByText(/first day: Monday/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    await waitFor(() => expect(requests.some(({ method }) => method === "PATCH")).toBe(true));
    expect(requests.find(({ method }) => method === "PATCH")!.body).toMatchObject({ locale: "de-DE" });
  });
});
