import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { makeUser } from "../../../testing/fixtures";
import { apiError, ok, renderWithApi, type FakeHandler } from "../../../testing/fake-api";
import { ClaimRoute } from "./claim";

function openLink(claim: FakeHandler) {
  window.history.replaceState(null, "", "/claim#link-token");
  return renderWithApi(<ClaimRoute />, { routes: { "POST /auth/claim": claim }, token: null, path: "/claim" });
}

async function choose(password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("New password"), password);
  await user.click(screen.getByRole("button", { name: "Save and sign in" }));
}

describe("/claim (decision 0045)", () => {
  it("sends the link's token with the chosen password, signs in, and takes the token off the address bar", async () => {
    const { api, requests } = openLink(() => ok({ token: "session-token", user: makeUser({ id: 7 }) }));
    expect(window.location.hash).toBe("");
    await choose("a brand new secret");
    expect(requests.find(({ path }) => path === "/auth/claim")?.body).toEqual({ token: "link-token", password: "a brand new secret" });
    expect(api.getSession().token).toBe("session-token");
  });

  it("says what to do with a used or expired link, and checks the password before sending", async () => {
    const { requests } = openLink(() => apiError(400, "claim_link_invalid", "This link is not valid any more"));
    await choose("short");
    expect(await screen.findByText("Password must be at least 8 characters")).toBeInTheDocument();
    expect(requests).toEqual([]);
    await userEvent.setup().clear(screen.getByLabelText("New password"));
    await choose("a brand new secret");
    expect(await screen.findByText("This link does not work any more. Ask an admin of your circle for a new one.")).toBeInTheDocument();
  });

  it("sends an admin whose circle wants two-step sign-in on to the sign-in page", async () => {
    openLink(() => apiError(403, "mfa_enrolment_required", "Set up two-step sign-in first", { mfaToken: "x" }));
    await choose("a brand new secret");
    expect(await screen.findByText(/Your password is set\./)).toHaveTextContent("Your password is set. Sign in with it");
  });
});
