import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { makeMember } from "../../../testing/fixtures";
import { apiError, renderWithApi, type FakeReply } from "../../../testing/fake-api";
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

describe("MembersList: controls that save on change", () => {
  it("keeps a new role and the act-as switch as chosen while the save is on its way, the saved ones back on failure", async () => {
    const answers: ((reply: FakeReply) => void)[] = [];
    const pending = () => new Promise<FakeReply>((resolve) => answers.push(resolve));
    const members = [
      makeMember({ userId: 1, displayName: "Sam", role: "admin" }),
      makeMember({ userId: 2, displayName: "Alex", role: "manager" }),
    ];
    renderWithApi(<MembersList members={members} viewer={{ userId: 1, role: "admin", canAdminister: true }} />, {
      routes: { "PUT /circles/current/members/2/role": pending, "PUT /circles/current/members/2/impersonator": pending },
    });
    const role = screen.getByRole("combobox", { name: "Role of Alex" });
    fireEvent.change(role, { target: { value: "member" } });
    expect(role).toHaveValue("member");
    await waitFor(() => expect(answers).toHaveLength(1));
    answers[0]!(apiError(503, "database_unavailable", "The database is restarting"));
    await waitFor(() => expect(role).toHaveValue("manager"));

    const row = screen.getByText("Alex").closest("li")!;
    const actAs = within(row).getByRole("checkbox", { name: "Can view tasks as others" });
    fireEvent.click(actAs);
    expect(actAs).toBeChecked();
    await waitFor(() => expect(answers).toHaveLength(2));
    answers[1]!(apiError(503, "database_unavailable", "The database is restarting"));
    await waitFor(() => expect(actAs).not.toBeChecked());
  });
});
