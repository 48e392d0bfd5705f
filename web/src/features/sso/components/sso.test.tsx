import { screen, waitFor } from "@testing-library/react";
import { SignInRoute } from "../../../app/routes/auth/sign-in";
import { SsoCallbackRoute } from "../../../app/routes/auth/sso-callback";
import { makeUser } from "../../../testing/fixtures";
import { ok, renderWithApi } from "../../../testing/fake-api";

describe("single sign-on (decision 0040)", () => {
  it("with PASSWORD_LOGIN=off the sign-in page offers the provider's button and children's PIN sign-in only", async () => {
    renderWithApi(<SignInRoute />, {
      routes: { "GET /auth/options": () => ok({ passwordLogin: false, sso: { name: "Authentik" }, passkeys: false }) },
      token: null,
      path: "/signin",
    });
    expect(await screen.findByRole("button", { name: "Sign in with Authentik" })).toBeInTheDocument();
    expect(screen.getByLabelText("PIN")).toBeInTheDocument();
    expect(screen.queryByLabelText("Password")).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Create an account" })).not.toBeInTheDocument();
  });

  it("the callback page sends the provider's answer once, keeps the session, and takes the code off the address", async () => {
    window.history.pushState(null, "", "/sso/callback?code=the-code&state=the-state&iss=https%3A%2F%2Fid.example");
    const { api, requests } = renderWithApi(<SsoCallbackRoute />, {
      routes: { "POST /auth/sso/callback": () => ok({ token: "sso-token", user: makeUser({ id: 4 }) }) },
      token: null,
      path: "/sso/callback",
    });
    await waitFor(() => expect(api.getSession().token).toBe("sso-token"));
    const sent = requests.filter((request) => request.path === "/auth/sso/callback");
    expect(sent.map((request) => request.body)).toEqual([{ code: "the-code", state: "the-state", iss: "https://id.example" }]);
    expect(window.location.search).toBe("");
  });
});
