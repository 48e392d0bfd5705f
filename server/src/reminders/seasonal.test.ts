/**
 * Seasonal chores and reminders (decision 0033): the scheduler follows `nextDueDate`, which a
 * season moves past the off months, so nothing is sent until the season's first occurrence.
 */
import pino from "pino";
import { makeChore } from "../test/choreFactories";
import { signUp } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";
import { startReceiver, type Receiver } from "../test/receiver";
import { createReminderScheduler } from "./scheduler";

let server: TestServer;
let receiver: Receiver;
beforeAll(async () => {
  [server, receiver] = await Promise.all([startTestServer(), startReceiver()]);
});
afterAll(() => Promise.all([server.close(), receiver.close()]));

it("sends no reminder in the off months, and the due reminder when the season starts", async () => {
  const user = await signUp(server, { timezone: "Europe/Berlin" });
  await user.client.reminders.updateSettings({
    push: { enabled: false },
    ntfy: null,
    webhook: { url: `${receiver.url}/hook/${user.user.username}` },
    when: { due: true, overdue: true },
    quietHours: null,
  });
  // Due 15 November at 09:00 in Berlin, outside April–October: first due 1 April at 09:00 (07:00 UTC).
  const chore = await makeChore(user.client, {
    frequency: { type: "daily" },
    nextDueDate: "2026-11-15T08:00:00.000Z",
    activeMonths: [4, 5, 6, 7, 8, 9, 10],
  });
  expect(chore.nextDueDate).toBe("2027-04-01T07:00:00.000Z");
  const scheduler = createReminderScheduler({ db: server.db, config: server.config, logger: pino({ level: "silent" }) });

  expect(await scheduler.runOnce(new Date("2026-11-15T09:00:00Z"))).toMatchObject({ sent: 0 });
  expect(await scheduler.runOnce(new Date("2027-02-01T12:00:00Z"))).toMatchObject({ sent: 0 });
  expect(receiver.requests).toEqual([]);

  expect(await scheduler.runOnce(new Date("2027-04-01T07:01:00Z"))).toMatchObject({ sent: 1 });
  const [request] = receiver.requests;
  expect(JSON.parse(request!.body.toString("utf8"))).toMatchObject({ event: "chore.due", chore: { id: chore.id } });
});
