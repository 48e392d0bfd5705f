import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { makeMember } from "../../../testing/fixtures";
import { renderWithApi } from "../../../testing/fake-api";
import { MembersList } from "./members-list";

describe("MembersList: imported members awaiting their claim (decision 0045)", () => {
  it("lets an admin make a one-time sign-in link and shows it once; others see nothing", async () => {
    const members = [
      makeMember({ userId: 1, displayName: "Sam", role: "admin" }),
      makeMember({ userId: 2, displayName: "Alex", awaitingClaim: true }),
      makeMember({ userId: 3, displayName: "Kim" }),
    ];
    const { requests } = renderWithApi(<MembersList members={members} viewer={{ userId: 1, role: "admin", canAdminister: true }} />, {
      routes: {
        "POST /circles/current/members/2/claim-link": () => ({
          status: 201,
          body: { token: "tok-123", expiresAt: "2026-12-10T12:00:00.000Z" },
        }),
      },
    });
    const row = (name: string) => screen.getByText(name).closest("li")!;
    expect(within(row("Kim")).queryByText("Not signed in yet")).not.toBeInTheDocument();
    expect(within(row("Alex")).getByText("Not signed in yet")).toBeInTheDocument();
    await userEvent.setup().click(within(row("Alex")).getByRole("button", { name: "Make a sign-in link for Alex" }));
    const box = await screen.findByRole("status", { name: "Sign-in link for Alex" });
    expect(within(box).getByTestId("claim-link")).toHaveTextContent(`${window.location.origin}/claim#tok-123`);
    const until = new Date("2026-12-10T12:00:00.000Z").toLocaleDateString([], { day: "numeric", month: "long" });
    expect(box).toHaveTextContent(`It works once, until ${until}`);
    expect(requests.map(({ method, path }) => `${method} ${path}`)).toEqual(["POST /circles/current/members/2/claim-link"]);
  });

  it("offers no link to a manager", () => {
    const members = [makeMember({ userId: 2, displayName: "Alex", awaitingClaim: true })];
    renderWithApi(<MembersList members={members} viewer={{ userId: 4, role: "manager", canAdminister: true }} />, { routes: {} });
    expect(screen.queryByRole("button", { name: /sign-in link/ })).not.toBeInTheDocument();
  });
});
