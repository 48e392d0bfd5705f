import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route } from "react-router";
import { ok } from "../../../testing/fake-api";
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
});
