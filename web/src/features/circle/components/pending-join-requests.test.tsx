import type { JoinRequest } from "@chorus/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { apiError, ok, renderWithApi } from "../../../testing/fake-api";
import { PendingJoinRequests } from "./pending-join-requests";

const joneses: JoinRequest = { circleId: 7, circleName: "The Joneses", requestedAt: "2026-11-21T09:00:00Z" };
const flat: JoinRequest = { circleId: 9, circleName: "Flat 3B", requestedAt: "2026-11-20T18:30:00Z" };

describe("PendingJoinRequests", () => {
  it("lists the user's own requests with when they were sent, and withdraws one", async () => {
    const user = userEvent.setup();
    let pending = [joneses, flat];
    const { requests } = renderWithApi(<PendingJoinRequests timeZone="Europe/Berlin" currentCircleName="The Smiths" />, {
      routes: {
        "GET /circles/join": () => ok({ requests: pending }),
        "DELETE /circles/join/7": () => {
          pending = [flat];
          return { status: 204 };
        },
      },
    });

    const region = await screen.findByRole("region", { name: "Waiting for acceptance" });
    expect(region).toHaveTextContent("until then you stay in The Smiths.");
    const rows = within(region).getAllByRole("listitem");
    expect(rows).toHaveLength(2);
    // Newest first as the server sends them, in the user's own time zone.
    expect(rows[0]).toHaveTextContent(/^The JonesesRequested Nov 21, 2026, 10:00\sAM/);
    expect(rows[1]).toHaveTextContent(/^Flat 3BRequested Nov 20, 2026, 7:30\sPM/);

    await user.click(screen.getByRole("button", { name: "Withdraw request to The Joneses" }));

    expect(await screen.findByText("Your request to join The Joneses was withdrawn.")).toBeInTheDocument();
    expect(requests.filter((request) => request.method === "DELETE").map((request) => request.path)).toEqual(["/circles/join/7"]);
    expect(requests.find((request) => request.method === "DELETE")!.headers).not.toHaveProperty("x-impersonate-user-id");
    await within(region).findByRole("button", { name: "Withdraw request to Flat 3B" });
    expect(within(region).queryByText("The Joneses")).not.toBeInTheDocument();
  });

  it("shows nothing without pending requests", async () => {
    const { queryClient } = renderWithApi(<PendingJoinRequests timeZone="UTC" currentCircleName={null} />, {
      routes: { "GET /circles/join": () => ok({ requests: [] }) },
    });
    await waitFor(() => expect(queryClient.getQueryState(["joinRequests"])?.status).toBe("success"));
    expect(screen.queryByRole("region")).not.toBeInTheDocument();
  });

  it("reports a failed withdrawal and keeps the request", async () => {
    const user = userEvent.setup();
    renderWithApi(<PendingJoinRequests timeZone="UTC" currentCircleName={null} />, {
      routes: {
        "GET /circles/join": () => ok({ requests: [joneses] }),
        "DELETE /circles/join/7": () => apiError(404, "not_found", "Pending join request not found"),
      },
    });
    await user.click(await screen.findByRole("button", { name: "Withdraw request to The Joneses" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Pending join request not found");
    expect(screen.getByText("The Joneses")).toBeInTheDocument();
  });
});
