import type { ImpersonationSessionReview } from "@chorus/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route } from "react-router";
import { apiError, ok, type FakeReply } from "../../../testing/fake-api";
import { makeCircle, makeMember, makeUser } from "../../../testing/fixtures";
import { renderInSignedInShell } from "../../../testing/signed-in-shell";
import { AuditRoute } from "../../../app/routes/app/audit";

const sam = { userId: 1, displayName: "Sam" };
const alex = { userId: 3, displayName: "Alex" };

function makeSession(id: number, overrides: Partial<ImpersonationSessionReview> = {}): ImpersonationSessionReview {
  return {
    id,
    actor: sam,
    target: alex,
    mode: "act",
    reason: "Alex is ill",
    startedAt: "2026-11-30T17:00:00Z",
    expiresAt: "2026-11-30T18:00:00Z",
    endedAt: "2026-11-30T17:20:00Z",
    actionCount: 3,
    refusalCount: 1,
    ...overrides,
  };
}

function renderSessions(exportReply: () => FakeReply = () => ({ status: 200, document: "session,started_at\r\n" })) {
  return renderInSignedInShell(<Route path="audit" element={<AuditRoute />} />, {
    path: "/audit?view=sessions",
    routes: {
      "GET /users/me": () => ok(makeUser()),
      "GET /circles/current": () => ok(makeCircle({ timezone: "UTC" })),
      "GET /circles/current/members": () => ok({ members: [makeMember({ userId: 1, displayName: "Sam", role: "admin" })] }),
      "GET /chores": () => ok({ chores: [] }),
      "GET /circles/current/audit/sessions": ({ query }) =>
        query.get("before") === "2"
          ? ok({ sessions: [makeSession(1, { reason: null, mode: "view", actionCount: 0, refusalCount: 0 })], nextCursor: null })
          : ok({ sessions: [makeSession(2)], nextCursor: "2" }),
      "GET /circles/current/audit/sessions.csv": exportReply,
    },
  });
}

describe("the audit page's Sessions view", () => {
  it("shows one row per session with who, for whom, mode, reason, times, actions and refusals, and pages older ones", async () => {
    const user = userEvent.setup();
    renderSessions();
    expect(await screen.findByRole("button", { name: "Sessions" })).toHaveAttribute("aria-pressed", "true");
    const table = await screen.findByRole("table");
    const [, first] = within(table).getAllByRole("row");
    const cells = within(first!)
      .getAllByRole("cell")
      .map((cell) => cell.textContent);
    expect(cells).toEqual(["Sam", "Alex", "View and act", "Alex is ill", "Nov 30, 2026, 5:00 PM", "Nov 30, 2026, 5:20 PM", "3", "1"]);

    await user.click(screen.getByRole("button", { name: "Show older sessions" }));
    const older = await within(table).findByText("No reason given");
    expect(older.closest("tr")).toHaveTextContent("View only");
    expect(screen.queryByRole("button", { name: "Show older sessions" })).not.toBeInTheDocument();
  });

  it("downloads the CSV of the chosen range with the sign-in's token", async () => {
    const user = userEvent.setup();
    const createObjectURL = jest.fn(() => "blob:sessions");
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    const { requests } = renderSessions();
    await user.clear(await screen.findByLabelText("From"));
    await user.type(screen.getByLabelText("From"), "2026-11-01");
    await user.clear(screen.getByLabelText("To"));
    await user.type(screen.getByLabelText("To"), "2026-11-30");
    await user.click(screen.getByRole("button", { name: "Download CSV" }));

    await waitFor(() => expect(click).toHaveBeenCalled());
    const request = requests.find(({ path }) => path === "/circles/current/audit/sessions.csv")!;
    expect(Object.fromEntries(request.query)).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(request.headers.authorization).toMatch(/^Bearer /);
    const link = click.mock.contexts[0] as HTMLAnchorElement;
    expect(link.download).toBe("chorus-sessions-2026-11-01-to-2026-11-30.csv");
    const [blob] = createObjectURL.mock.calls[0] as unknown as [Blob];
    // jsdom's Blob has no text(); the bytes show the byte-order mark is there.
    const bytes = await new Promise<ArrayBuffer>((resolve) => {
      const reader = new FileReader();
      reader.addEventListener("load", () => resolve(reader.result as ArrayBuffer));
      reader.readAsArrayBuffer(blob);
    });
    expect(Buffer.from(bytes).toString("hex")).toBe(Buffer.from("\uFEFFsession,started_at\r\n").toString("hex"));
    click.mockRestore();
  });

  it("says what is wrong with the range before asking, and shows the server's refusal", async () => {
    const user = userEvent.setup();
    const { requests } = renderSessions(() => apiError(403, "forbidden", "Only circle admins can do this"));
    await user.clear(await screen.findByLabelText("From"));
    await user.type(screen.getByLabelText("From"), "2026-12-01");
    await user.clear(screen.getByLabelText("To"));
    await user.type(screen.getByLabelText("To"), "2026-11-01");
    await user.click(screen.getByRole("button", { name: "Download CSV" }));
    expect(await screen.findByText("The range must end on or after its start")).toBeInTheDocument();
    expect(requests.some(({ path }) => path.endsWith(".csv"))).toBe(false);

    await user.clear(screen.getByLabelText("To"));
    await user.type(screen.getByLabelText("To"), "2026-12-02");
    await user.click(screen.getByRole("button", { name: "Download CSV" }));
    expect(await screen.findByText(/Only circle admins can do this/)).toBeInTheDocument();
  });
});
