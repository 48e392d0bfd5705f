import { act, screen } from "@testing-library/react";
import { NoticesProvider } from "../../../components/notices";
import { i18next } from "../../../lib/i18n";
import { ok, renderWithApi } from "../../../testing/fake-api";
import { SsoButton } from "./sso-button";
import { SsoIdentities } from "./sso-identities";

afterEach(async () => {
  await act(() => i18next.changeLanguage("en"));
});

it("names the provider and the linked accounts in German (decision 0046)", async () => {
  await act(() => i18next.changeLanguage("de"));
  renderWithApi(
    <NoticesProvider>
      <SsoButton />
      <SsoIdentities timeZone="Europe/Berlin" />
    </NoticesProvider>,
    {
      routes: {
        "GET /auth/options": () => ok({ passwordLogin: true, sso: { name: "Authentik" }, passkeys: false }),
        "GET /users/me/sso-identities": () =>
          ok({ identities: [{ id: 3, issuer: "https://id.example", email: "sam@example.org", createdAt: "2026-12-01T09:00:00.000Z" }] }),
      },
    },
  );
  expect(await screen.findByRole("button", { name: "Mit Authentik anmelden" })).toBeInTheDocument();
  expect(screen.getByText("Konten bei Authentik, mit denen du dich hier anmeldest.")).toBeInTheDocument();
  expect(await screen.findByRole("list", { name: "Verknüpfte Konten" })).toHaveTextContent(/Verknüpft am/);
  expect(screen.getByRole("button", { name: "Trennen… sam@example.org" })).toBeInTheDocument();
});
