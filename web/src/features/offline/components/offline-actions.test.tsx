import "fake-indexeddb/auto";
import { deserialize, serialize } from "node:v8";
import { onlineManager } from "@tanstack/react-query";
import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { makeChore, makeUser } from "../../../testing/fixtures";
import { ok, renderWithApi } from "../../../testing/fake-api";
import { ChoreActions } from "../../chores/components/chore-actions";
import { readQueue } from "../api/offline-store";
import { queueSent } from "../api/queued-actions";
import { OfflineBanner } from "./offline-banner";

// IndexedDB copies values with structuredClone, which jsdom lacks; Node's serializer is the same algorithm.
globalThis.structuredClone ??= <T,>(value: T): T => deserialize(serialize(value)) as T;

// jsdom's page is not a secure context; the app queues only in one (like a service worker).
Object.defineProperty(window, "isSecureContext", { value: true });
beforeEach(() => onlineManager.setOnline(false));
afterEach(() => onlineManager.setOnline(true));

test("offline, Done as yourself is queued with the occurrence the card showed: the card waits, nothing is sent", async () => {
  const user = userEvent.setup();
  const chore = makeChore({ nextDueDate: "2026-11-21T17:00:00Z" });
  const { requests } = renderWithApi(
    <>
      <OfflineBanner timeZone="Europe/Berlin" actingFor={null} />
      <ChoreActions chore={chore} timeZone="Europe/Berlin" />
    </>,
    { routes: { "GET /users/me": () => ok(makeUser({ id: 1 })) } },
  );
  expect(screen.getByText("You’re offline. Your tasks will show once you’re back online.")).toHaveAttribute("role", "status");
  onlineManager.setOnline(true); // the account loads, then the connection goes
  await screen.findByRole("button", { name: "Done: Dishes" });
  act(() => onlineManager.setOnline(false));
  await user.click(screen.getByRole("button", { name: "Done: Dishes" }));
  expect(await screen.findByText("Done on this device — waiting to send")).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Done: Dishes" })).toBeDisabled();
  expect(await readQueue()).toMatchObject([{ userId: 1, choreId: 1, action: "do", dueDate: "2026-11-21T17:00:00Z" }]);
  expect(requests.filter((request) => request.method === "POST")).toEqual([]);

  // Refused once sent: the card says why until dismissed.
  await act(() => queueSent([[1, "Your Done from offline was not sent: gone."]]));
  expect(screen.getByText("Your Done from offline was not sent: gone.").parentElement).toHaveAttribute("role", "alert");
  await user.click(screen.getByRole("button", { name: "Dismiss: Dishes" }));
  expect(screen.queryByText("Your Done from offline was not sent: gone.")).not.toBeInTheDocument();
});
