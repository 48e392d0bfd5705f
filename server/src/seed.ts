/**
 * `npm run seed`: fills a running Chorus (CHORUS_URL, or the PORT and HOST it was started with) with
 * a demo household through the public API — the same validation and audit as every other client.
 * It talks HTTP rather than opening the database so it is safe while the server runs.
 */
import { DateTime } from "luxon";
import { ChorusApiError, createClient, type ChorusClient, type CreateChoreRequest } from "@chorus/shared";

const password = process.env.SEED_PASSWORD ?? "chorus-demo";
const timezone = process.env.SEED_TIMEZONE ?? "Europe/Berlin";

const people = [
  { username: "sam", displayName: "Sam", role: "admin" },
  { username: "morgan", displayName: "Morgan", role: "manager" },
  { username: "alex", displayName: "Alex", role: "member" },
  { username: "jamie", displayName: "Jamie", role: "member" },
] as const;

/** Tomorrow at `hour`:00 in the demo time zone, as an ISO instant. */
const tomorrowAt = (hour: number) =>
  DateTime.now().setZone(timezone).plus({ days: 1 }).set({ hour, minute: 0, second: 0, millisecond: 0 }).toISO()!;

export async function seedDemoHousehold(baseUrl: string): Promise<void> {
  const anonymous = createClient({ baseUrl });
  await anonymous.health.get();
  const clients = new Map<string, { client: ChorusClient; id: number }>();
  for (const person of people) {
    const { token, user } = await anonymous.auth.signup({
      username: person.username,
      email: `${person.username}@demo.chorus.test`,
      password,
      displayName: person.displayName,
      timezone,
    });
    clients.set(person.username, { client: createClient({ baseUrl, token }), id: user.id });
  }
  const sam = clients.get("sam")!;
  await sam.client.circles.update({ name: "The Demo House", timezone });
  const { inviteCode } = await sam.client.circles.current();
  for (const person of people.slice(1)) {
    const joiner = clients.get(person.username)!;
    await joiner.client.circles.join({ inviteCode: inviteCode! });
    await sam.client.circles.accept(joiner.id);
    if (person.role !== "member") await sam.client.circles.setRole(joiner.id, { role: person.role });
  }
  const id = (username: string) => clients.get(username)!.id;
  const chores: CreateChoreRequest[] = [
    { name: "Feed the cat", frequency: { type: "daily" }, nextDueDate: tomorrowAt(8), assignees: [id("alex")], points: 2 },
    {
      name: "Take out the bins",
      frequency: { type: "weekly", weekdays: [1, 4] },
      nextDueDate: tomorrowAt(19),
      assignees: [id("alex"), id("jamie")],
      assignmentStrategy: "round_robin",
      points: 3,
      labels: ["outside"],
    },
    {
      name: "Vacuum the stairs",
      frequency: { type: "weekly", weekdays: [6] },
      nextDueDate: tomorrowAt(10),
      assignees: [id("jamie"), id("alex"), id("morgan")],
      assignmentStrategy: "least_completed",
      points: 5,
      priority: 2,
    },
    {
      name: "Water the plants",
      frequency: { type: "interval", every: 3, unit: "days" },
      scheduleMode: "rolling",
      nextDueDate: tomorrowAt(18),
      assignees: [id("morgan")],
      points: 1,
    },
    {
      name: "Pay the bills",
      frequency: { type: "monthly", dayOfMonth: 1 },
      nextDueDate: tomorrowAt(9),
      assignees: [id("sam")],
      isPrivate: true,
      priority: 4,
    },
    {
      name: "Book the chimney sweep",
      frequency: { type: "yearly" },
      nextDueDate: tomorrowAt(12),
      assignees: [id("sam"), id("morgan")],
      assignmentStrategy: "random",
    },
  ];
  for (const chore of chores) await sam.client.chores.create(chore);
}

/**
 * Where the server is: CHORUS_URL, else the PORT (and a specific HOST) the same
 * environment would start `npm start` on, so `PORT=4000 npm run seed` finds it.
 */
export function seedBaseUrl(env: NodeJS.ProcessEnv): string {
  if (env.CHORUS_URL) return env.CHORUS_URL;
  // A server on every interface answers on IPv4 loopback; "localhost" may resolve to ::1 first.
  const host = env.HOST && env.HOST !== "0.0.0.0" && env.HOST !== "::" ? env.HOST : "127.0.0.1";
  // An empty PORT, like an unset one, means the default.
  // oxlint-disable-next-line typescript/prefer-nullish-coalescing
  return `http://${host.includes(":") ? `[${host}]` : host}:${env.PORT || "3000"}`;
}

if (require.main === module) {
  const baseUrl = seedBaseUrl(process.env);
  seedDemoHousehold(baseUrl)
    .then(() => {
      console.log(`Demo household created at ${baseUrl}: sign in as sam (admin), morgan (manager), alex or jamie (members).`);
      console.log(`Password for all of them: ${password}`);
    })
    .catch((error: unknown) => {
      if (error instanceof ChorusApiError && error.code === "conflict") {
        console.error("The demo users already exist on this server; nothing was changed.");
      } else if (error instanceof ChorusApiError && error.code === "network_error") {
        console.error(`Chorus is not running at ${baseUrl}. Start it with \`npm start\` first, or set PORT or CHORUS_URL.`);
      } else {
        console.error(error instanceof Error ? error.message : error);
      }
      process.exit(1);
    });
}
