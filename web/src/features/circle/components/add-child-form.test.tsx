import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { makeMember } from "../../../testing/fixtures";
import { apiError, ok, renderWithApi } from "../../../testing/fake-api";
import { AddChildForm } from "./add-child-form";
import { MembersList } from "./members-list";

describe("Add a child", () => {
  it("creates a child's account with username, display name and PIN", async () => {
    const user = userEvent.setup();
    const { requests } = renderWithApi(<AddChildForm />, {
      routes: {
        "POST /circles/current/members": () => ({
          status: 201,
          body: makeMember({ userId: 9, displayName: "Alex", username: "alex", email: null }),
        }),
      },
    });
    await user.type(screen.getByLabelText("Display name"), " Alex ");
    await user.type(screen.getByLabelText("Username"), "alex");
    await user.type(screen.getByLabelText("PIN (optional)"), "4821");
    await user.click(screen.getByRole("button", { name: "Add child" }));
    expect(await screen.findByText("Alex joined the circle. They sign in as “alex”.")).toBeInTheDocument();
    expect(requests[0]?.body).toEqual({ username: "alex", displayName: "Alex", pin: "4821" });
    expect(screen.getByLabelText("Username")).toHaveValue("");
  });

  it("checks the PIN before sending and shows a taken username on its field", async () => {
    const user = userEvent.setup();
    const { requests } = renderWithApi(<AddChildForm />, {
      routes: { "POST /circles/current/members": () => apiError(409, "conflict", "That username is already taken", { field: "username" }) },
    });
    await user.type(screen.getByLabelText("Display name"), "Alex");
    await user.type(screen.getByLabelText("Username"), "alex");
    await user.type(screen.getByLabelText("PIN (optional)"), "12");
    await user.click(screen.getByRole("button", { name: "Add child" }));
    expect(screen.getByLabelText("PIN (optional)")).toHaveAccessibleDescription(/PIN must be 4 to 8 digits/);
    expect(requests).toEqual([]);

    await user.clear(screen.getByLabelText("PIN (optional)"));
    await user.click(screen.getByRole("button", { name: "Add child" }));
    expect(await screen.findByLabelText("Username")).toHaveAccessibleDescription(/That username is already taken/);
    expect(requests[0]?.body).toEqual({ username: "alex", displayName: "Alex" });
  });
});

describe("a child's row on the members list", () => {
  const child = makeMember({ userId: 9, displayName: "Alex", username: "alex", email: null });
  const adult = makeMember({ userId: 3, displayName: "Morgan" });

  it("says it is a child's account and lets an admin set a new PIN", async () => {
    const user = userEvent.setup();
    const { requests } = renderWithApi(
      <MembersList members={[child, adult]} viewer={{ userId: 1, role: "admin", canAdminister: true }} />,
      {
        routes: { "PUT /circles/current/members/9/pin": () => ok(child) },
      },
    );
    const rows = screen.getAllByRole("listitem");
    expect(rows[0]).toHaveTextContent("@alex · child's account");
    expect(within(rows[1]!).queryByRole("button", { name: /Set PIN/ })).not.toBeInTheDocument();

    await user.click(within(rows[0]!).getByRole("button", { name: "Set PIN… for Alex" }));
    await user.type(screen.getByLabelText("New PIN for Alex"), "99");
    await user.click(screen.getByRole("button", { name: "Save PIN" }));
    expect(screen.getByLabelText("New PIN for Alex")).toHaveAccessibleDescription("PIN must be 4 to 8 digits");
    expect(requests).toEqual([]);
    await user.type(screen.getByLabelText("New PIN for Alex"), "88");
    await user.click(screen.getByRole("button", { name: "Save PIN" }));
    expect(await screen.findByText("Alex's PIN was changed.")).toBeInTheDocument();
    expect(requests[0]?.body).toEqual({ pin: "9988" });
  });

  it("shows an admin that a child's PIN is locked, and unlocks it", async () => {
    const user = userEvent.setup();
    const lockedUntil = new Date(2026, 11, 2, 10, 45).toISOString();
    const locked = { ...child, pinLockedUntil: lockedUntil };
    const { requests } = renderWithApi(
      <MembersList members={[locked, adult]} viewer={{ userId: 1, role: "admin", canAdminister: true }} />,
      {
        routes: { "POST /circles/current/members/9/pin/unlock": () => ok(child) },
      },
    );
    const rows = screen.getAllByRole("listitem");
    const until = new Date(lockedUntil).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    expect(rows[0]).toHaveTextContent(`PIN locked until ${until}`);
    await user.click(within(rows[0]!).getByRole("button", { name: "Unlock PIN for Alex" }));
    expect(await screen.findByText("Alex can use their PIN again.")).toBeInTheDocument();
    expect(requests.map((request) => `${request.method} ${request.path}`)).toContain("POST /circles/current/members/9/pin/unlock");
  });

  it("shows no lock and no unlock for a child who is not locked", () => {
    renderWithApi(<MembersList members={[child]} viewer={{ userId: 1, role: "admin", canAdminister: true }} />, { routes: {} });
    expect(screen.queryByRole("button", { name: /Unlock PIN/ })).not.toBeInTheDocument();
  });

  it("offers managers no PIN change and no unlock", () => {
    renderWithApi(
      <MembersList
        members={[{ ...child, pinLockedUntil: new Date(Date.now() + 600_000).toISOString() }]}
        viewer={{ userId: 1, role: "manager", canAdminister: true }}
      />,
      { routes: {} },
    );
    expect(screen.queryByRole("button", { name: /Set PIN/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Unlock PIN/ })).not.toBeInTheDocument();
  });
});
