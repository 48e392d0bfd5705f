import { screen, within } from "@testing-library/react";
import { makeMember } from "../../../testing/fixtures";
import { renderWithApi } from "../../../testing/fake-api";
import { MembersList } from "./members-list";

describe("MembersList: who may act for each member (decision 0023)", () => {
  it("shows each grown-up's setting as the server sends it, nothing for children or admins", () => {
    const members = [
      makeMember({ userId: 1, displayName: "Sam", role: "admin" }),
      makeMember({ userId: 2, displayName: "Alex", actAsConsent: "ask" }),
      makeMember({ userId: 3, displayName: "Jo", actAsConsent: "nobody" }),
      makeMember({ userId: 4, displayName: "Kim" }),
      makeMember({ userId: 5, displayName: "Kid", email: null }),
    ];
    renderWithApi(<MembersList members={members} viewer={{ userId: 1, role: "admin", canAdminister: true }} />, { routes: {} });
    const row = (name: string) => screen.getByText(name).closest("li")!;
    expect(within(row("Alex")).getByText("Ask before acting for them")).toBeInTheDocument();
    expect(within(row("Jo")).getByText("Nobody may act for them")).toBeInTheDocument();
    expect(within(row("Kim")).getByText("Others may act for them")).toBeInTheDocument();
    expect(within(row("Kid")).queryByText(/act for them/)).not.toBeInTheDocument();
    expect(within(row("Sam")).queryByText(/act for them/)).not.toBeInTheDocument();
  });

  it("shows nothing when the server does not send the setting (a member's view)", () => {
    const members = [makeMember({ userId: 2, displayName: "Alex", actAsConsent: null })];
    renderWithApi(<MembersList members={members} viewer={{ userId: 3, role: "member", canAdminister: true }} />, { routes: {} });
    expect(screen.queryByText(/act for them/)).not.toBeInTheDocument();
  });
});
