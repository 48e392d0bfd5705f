import type { AwayPeriod, Chore } from "@chorus/shared";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ok, renderWithApi } from "../../../testing/fake-api";
import { awayTextFor } from "./away-notice";
import { AwayPeriods } from "./away-periods";

const period = (overrides: Partial<AwayPeriod> = {}): AwayPeriod => ({
  id: 1,
  member: { id: 7, displayName: "Sam" },
  startsOn: "2026-12-20",
  endsOn: "2026-12-27",
  startsAt: "2026-12-20T00:00:00.000Z",
  endsAt: "2026-12-28T00:00:00.000Z",
  ...overrides,
});

describe("AwayPeriods", () => {
  it("lists the member's own days, adds new ones as themselves and removes one", async () => {
    const user = userEvent.setup();
    let periods = [period(), period({ id: 2, member: null })];
    const { requests } = renderWithApi(<AwayPeriods userId={7} label="Your away days" />, {
      routes: {
        "GET /circles/current/away": () => ok({ periods }),
        "POST /circles/current/away": ({ body }) => {
          const created = period({ id: 3, ...(body as { startsOn: string; endsOn: string }) });
          periods = [...periods, created];
          return { status: 201, body: created };
        },
        "DELETE /circles/current/away/1": () => {
          periods = periods.filter(({ id }) => id !== 1);
          return { status: 204 };
        },
      },
    });
    const list = await screen.findByRole("list", { name: "Your away days" });
    // The circle's pause is not this member's to remove here.
    expect(list.querySelectorAll("li")).toHaveLength(1);
    expect(list).toHaveTextContent(/Dec 20, 2026 – Dec 27, 2026|20 Dec 2026 – 27 Dec 2026/);

    await user.type(screen.getByLabelText("First day"), "2027-01-05");
    await user.type(screen.getByLabelText("Last day"), "2027-01-06");
    await user.click(screen.getByRole("button", { name: "Add" }));
    await waitFor(() => expect(requests.find((request) => request.method === "POST")).toBeDefined());
    expect(requests.find((request) => request.method === "POST")).toMatchObject({
      body: { userId: 7, startsOn: "2027-01-05", endsOn: "2027-01-06" },
    });
    expect(requests.every((request) => request.headers["x-impersonate-user-id"] === undefined)).toBe(true);
    await waitFor(() => expect(screen.getByRole("list", { name: "Your away days" }).querySelectorAll("li")).toHaveLength(2));

    await user.click(screen.getAllByRole("button", { name: "Remove…" })[0]!);
    await user.click(screen.getByRole("button", { name: /^Remove .*2026/ }));
    await waitFor(() => expect(screen.getByRole("list", { name: "Your away days" }).querySelectorAll("li")).toHaveLength(1));
  });

  it("refuses a last day before the first without asking the server", async () => {
    const user = userEvent.setup();
    const { requests } = renderWithApi(<AwayPeriods userId={null} label="Circle paused" />, {
      routes: { "GET /circles/current/away": () => ok({ periods: [] }) },
    });
    expect(await screen.findByText("None set.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("First day"), "2027-01-05");
    await user.type(screen.getByLabelText("Last day"), "2027-01-01");
    await user.click(screen.getByRole("button", { name: "Add" }));
    expect(await screen.findByText("The last day must be on or after the first")).toBeInTheDocument();
    expect(requests.some((request) => request.method === "POST")).toBe(false);
  });
});

describe("awayTextFor", () => {
  const chore = { assignedTo: 7, nextDueDate: "2026-12-22T18:00:00.000Z", finishedAt: null, archived: false } as Chore;
  it("says until when the assignee is away for the occurrence, or the circle paused", () => {
    expect(awayTextFor([period()], chore)).toMatch(/^Away until (Dec 27, 2026|27 Dec 2026)$/);
    expect(awayTextFor([period({ member: null })], chore)).toMatch(/^Circle paused until/);
    expect(awayTextFor([period({ member: { id: 8, displayName: "Kim" } })], chore)).toBeNull();
    expect(awayTextFor([period()], { ...chore, nextDueDate: "2026-12-28T18:00:00.000Z" })).toBeNull();
  });
});
