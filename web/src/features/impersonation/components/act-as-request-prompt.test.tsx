import type { ActAsRequest } from "@chorus/shared";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ok, renderWithApi } from "../../../testing/fake-api";
import { ActAsRequestPrompt } from "./act-as-request-prompt";

const pending: ActAsRequest = {
  id: 7,
  actor: { userId: 1, displayName: "Sam" },
  target: { userId: 2, displayName: "Alex" },
  reason: "the rota",
  mode: "act",
  status: "pending",
  createdAt: "2026-12-01T10:00:00Z",
  expiresAt: "2026-12-01T10:15:00Z",
  respondedAt: null,
  grantedUntil: null,
};

describe("ActAsRequestPrompt", () => {
  it("shows a pending request and grants it", async () => {
    const user = userEvent.setup();
    let incoming = [pending];
    const { requests } = renderWithApi(<ActAsRequestPrompt timeZone="UTC" />, {
      routes: {
        "GET /impersonation/requests": () => ok({ incoming, outgoing: [] }),
        "POST /impersonation/requests/7/grant": () => {
          incoming = [];
          return ok({ ...pending, status: "granted", respondedAt: "2026-12-01T10:01:00Z", grantedUntil: "2026-12-01T11:01:00Z" });
        },
      },
    });
    const card = await screen.findByRole("article", { name: "Sam asks to act for you" });
    expect(card).toHaveTextContent("Sam asks to view and do your tasks — reason: “the rota”.");
    expect(card).toHaveTextContent(/expires at 10:15/);
    await user.click(screen.getByRole("button", { name: "Allow Sam" }));
    await waitFor(() => expect(screen.queryByRole("article")).not.toBeInTheDocument());
    expect(requests.some((request) => request.method === "POST" && request.path === "/impersonation/requests/7/grant")).toBe(true);
  });

  it("declines", async () => {
    const user = userEvent.setup();
    const { requests } = renderWithApi(<ActAsRequestPrompt timeZone="UTC" />, {
      routes: {
        "GET /impersonation/requests": () => ok({ incoming: [pending], outgoing: [] }),
        "POST /impersonation/requests/7/decline": () => ok({ ...pending, status: "declined" }),
      },
    });
    await user.click(await screen.findByRole("button", { name: "Decline" }));
    await waitFor(() => expect(requests.some((request) => request.path === "/impersonation/requests/7/decline")).toBe(true));
  });

  it("shows nothing without requests", async () => {
    const { requests } = renderWithApi(<ActAsRequestPrompt timeZone="UTC" />, {
      routes: { "GET /impersonation/requests": () => ok({ incoming: [], outgoing: [] }) },
    });
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(screen.queryByRole("region")).not.toBeInTheDocument();
    expect(screen.queryByRole("article")).not.toBeInTheDocument();
  });
});
