/**
 * Scale-out (DESIGN §2): 1, 2 and 4 real server processes on one PostgreSQL database
 * behave as one server. Parallel `do` requests for one occurrence, spread over the
 * processes, complete it once; a change written through one process reaches the
 * `GET /events` streams opened on every other. PostgreSQL only: PGlite's data directory
 * belongs to one process. Throughput figures: `pnpm bench:scale-out`.
 */
import { createClient, type ChorusClient } from "@chorus/shared";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildServer, runChorus, type ChorusProcess } from "./test/builtServer";
import { createPostgresDatabase } from "./test/harness";
import { openStream } from "./test/liveEvents";

const adminUrl = process.env.TEST_DATABASE_URL;
const describePostgres = adminUrl ? describe : describe.skip;

describePostgres("several server processes on one PostgreSQL", () => {
  let build: ReturnType<typeof buildServer>;
  let pg: Awaited<ReturnType<typeof createPostgresDatabase>>;
  const dataDirs: string[] = [];
  const processes: ChorusProcess[] = [];
  /** The same people, each with one client per process (the same token works on all of them). */
  let admin: ChorusClient[];
  let manager: ChorusClient[];
  let memberId: number;
  let managerId: number;

  beforeAll(async () => {
    build = buildServer();
    pg = await createPostgresDatabase(adminUrl!);
    // Started together, as a deployment rolls out: the migrations must be applied once.
    for (let i = 0; i < 4; i += 1) dataDirs.push(mkdtempSync(path.join(tmpdir(), "chorus-scale-out-")));
    processes.push(
      ...(await Promise.all(
        dataDirs.map((dataDir) =>
          runChorus(build.mainJs, {
            DATA_DIR: dataDir,
            DATABASE_URL: pg.url,
            JWT_SECRET: "s".repeat(40),
            REMINDER_INTERVAL_SECONDS: "0",
            LOG_LEVEL: "warn",
          }),
        ),
      )),
    );
    await Promise.all(processes.map((chorus) => chorus.healthy()));
    const on = (token: string) => processes.map((chorus) => createClient({ baseUrl: chorus.baseUrl, token }));
    const signUp = async (via: number, name: string) =>
      createClient({ baseUrl: processes[via]!.baseUrl }).auth.signup({
        username: name,
        email: `${name}@example.test`,
        password: "correct horse battery",
      });
    const adminUser = await signUp(0, "scale_admin");
    admin = on(adminUser.token);
    const { inviteCode } = await admin[1]!.circles.current();
    for (const [via, name, role] of [
      [2, "scale_manager", "manager"],
      [3, "scale_member", "member"],
    ] as const) {
      const joiner = await signUp(via, name);
      await createClient({ baseUrl: processes[via]!.baseUrl, token: joiner.token }).circles.join({ inviteCode: inviteCode! });
      await admin[via]!.circles.accept(joiner.user.id);
      if (role === "manager") {
        await admin[(via + 1) % 4]!.circles.setRole(joiner.user.id, { role });
        manager = on(joiner.token);
        managerId = joiner.user.id;
      } else {
        memberId = joiner.user.id;
      }
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(processes.map((chorus) => chorus.kill()));
    build?.remove();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    await pg?.drop();
  });

  it("applied the migrations once although the processes started together", async () => {
    for (const chorus of processes) expect(chorus.output()).not.toMatch(/"level":(50|60)/);
    const { Client } = await import("pg");
    const client = new Client({ connectionString: pg.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string; distinct: string }>(
        `SELECT count(*) AS n, count(DISTINCT "migration_name") AS distinct FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL`,
      );
      expect(Number(rows[0]!.n)).toBe(Number(rows[0]!.distinct));
    } finally {
      await client.end();
    }
  });

  it.each([1, 2, 4])("completes an occurrence once when 12 parallel do requests go through %i process(es)", async (count) => {
    const chore = await admin[0]!.chores.create({
      name: `Bins ${count}`,
      frequency: { type: "daily" },
      nextDueDate: "2024-05-01T09:00:00Z",
      assignees: [memberId, managerId],
      assignmentStrategy: "round_robin",
      points: 10,
    });
    const pointsOf = async () => new Map((await admin[0]!.circles.members()).members.map((m) => [m.userId, m.points]));
    const before = await pointsOf();
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => manager[i % count]!.chores.do(chore.id, { dueDate: chore.nextDueDate })),
    );
    const refused = results.filter((result) => result.status === "rejected").map((result) => result.reason);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const reason of refused) expect(reason).toMatchObject({ status: 409, code: "stale_occurrence" });
    const history = await admin[count - 1]!.chores.history(chore.id);
    // The occurrences since 2024 the late completion jumped over are recorded missed (decision 0031), each once.
    const missed = history.history.filter((row) => row.action === "missed").map((row) => row.dueDate);
    expect(new Set(missed).size).toBe(missed.length);
    expect(history.history.map((row) => row.action).filter((action) => action !== "missed")).toEqual(["completed"]);
    const after = await pointsOf();
    expect(after.get(managerId)).toBe(before.get(managerId)! + 10);
    // Every process reads the one outcome.
    for (const client of admin) {
      expect(await client.chores.get(chore.id)).toMatchObject({ version: chore.version + 1, assignedTo: managerId });
    }
  });

  it("passes a change written through one process to the event streams open on every other", async () => {
    const streams = await Promise.all(admin.map((client) => openStream(client)));
    try {
      for (let writer = 0; writer < processes.length; writer += 1) {
        await admin[writer]!.chores.create({ name: `Hint from process ${writer + 1}` });
        for (const [reader, stream] of streams.entries()) {
          if (reader === writer) continue;
          await expect(stream.next(10_000)).resolves.toMatchObject({ type: "chores" });
        }
        // The writer's own stream gets it too; take it so the next round starts even.
        await expect(streams[writer]!.next(10_000)).resolves.toMatchObject({ type: "chores" });
      }
    } finally {
      for (const stream of streams) stream.stop();
    }
  });
});
