import type { Calendar, PointsPage } from "@chorus/shared";
import { act, render, screen, within } from "@testing-library/react";
import { Route } from "react-router";
import { FormErrorSummary } from "../../../components/form";
import { i18next } from "../../../lib/i18n";
import { makeCircle, makeMember, makeUser } from "../../../testing/fixtures";
import { ok } from "../../../testing/fake-api";
import { renderInSignedInShell } from "../../../testing/signed-in-shell";
import { CalendarRoute } from "./calendar";
import { MemberPointsRoute } from "./member-points";

const sam = makeUser({ id: 1, displayName: "Sam", role: "admin", timezone: "Europe/Berlin" });

function calendar(from: string, to: string): Calendar {
  return { from, to, timezone: "Europe/Berlin", locale: "de-DE", weekStart: 1, member: 1, occurrences: [] };
}

function pointsPage(points: number): PointsPage {
  return { member: { userId: 1, displayName: "Sam", points }, entries: [], nextCursor: null };
}

/** The account's language is German: the shell puts it on screen, as it does after signing in. */
function renderInGerman(page: React.ReactNode, path: string, extra: Parameters<typeof renderInSignedInShell>[1]["routes"] = {}) {
  return renderInSignedInShell(page, {
    path,
    routes: {
      "GET /users/me": () => ok(sam),
      "GET /users/me/language": () => ok({ language: "de" }),
      "GET /circles/current": () => ok(makeCircle()),
      "GET /circles/current/members": () => ok({ members: [makeMember({ userId: 1, displayName: "Sam" })] }),
      ...extra,
    },
  });
}

beforeEach(async () => {
  await act(() => i18next.changeLanguage("de"));
});

afterEach(async () => {
  localStorage.clear();
  await act(() => i18next.changeLanguage("en"));
});

describe("the pages in German", () => {
  it("shows the shell, the calendar's controls and its month and week in German", async () => {
    renderInGerman(<Route path="calendar" element={<CalendarRoute />} />, "/calendar?view=month&day=2026-12-09", {
      "GET /calendar": ({ query }) => ok(calendar(query.get("from")!, query.get("to")!)),
    });
    expect(await screen.findByRole("heading", { level: 1, name: "Kalender" })).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "Hauptmenü" });
    expect(within(nav).getByRole("link", { name: "Aufgaben" })).toBeInTheDocument();
    expect(within(nav).getByRole("link", { name: "Haushalt" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Abmelden" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Monat" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByRole("button", { name: /Weiter/ })).toBeInTheDocument();
    expect(await screen.findByText("Dezember 2026")).toBeInTheDocument();
    expect(document.title).toBe("Kalender · Chorus");

    screen.getByRole("button", { name: "Woche" }).click();
    expect(await screen.findByText("Woche vom 7. Dezember 2026")).toBeInTheDocument();
  });

  it("counts points with German plurals", async () => {
    const { unmount } = renderInGerman(<Route path="points/:userId" element={<MemberPointsRoute />} />, "/points/1", {
      "GET /circles/current/members/1/points": () => ok(pointsPage(1)),
    });
    expect(await screen.findByRole("heading", { level: 1, name: "Deine Punkte" })).toBeInTheDocument();
    expect(document.querySelector(".points-balance")).toHaveTextContent(/^1 Punkt$/);
    unmount();

    renderInGerman(<Route path="points/:userId" element={<MemberPointsRoute />} />, "/points/1", {
      "GET /circles/current/members/1/points": () => ok(pointsPage(1250)),
    });
    expect(await screen.findByRole("heading", { level: 1, name: "Deine Punkte" })).toBeInTheDocument();
    expect(document.querySelector(".points-balance")).toHaveTextContent(/^1250 Punkte$/);
    expect(screen.getByRole("heading", { level: 2, name: "Verlauf" })).toBeInTheDocument();
  });

  it("asks to fix one field or several, in German", () => {
    const { rerender } = render(<FormErrorSummary errors={{ name: "Zu kurz" }} shownFields={["name"]} />);
    expect(screen.getByRole("alert")).toHaveTextContent("Bitte korrigiere das markierte Feld.");
    rerender(<FormErrorSummary errors={{ name: "Zu kurz", points: "Zu groß" }} shownFields={["name", "points"]} />);
    expect(screen.getByRole("alert")).toHaveTextContent("Bitte korrigiere die 2 markierten Probleme.");
  });
});
