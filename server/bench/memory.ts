/**
 * `pnpm bench:memory`: the embedded server's memory under a household's load.
 *
 * The built server, started like `npm start` on an empty DATA_DIR, gets BENCH_SECONDS
 * (60) of mixed traffic from BENCH_WORKERS (8) clients — list, get, create, do, history,
 * sign-in — then idles for BENCH_IDLE_SECONDS (60). RSS is read from /proc at each step.
 * The same run in `--serve` mode (this script as the server, in process) reports what
 * holds the memory: V8's heap, memory outside it (`external`: PGlite's WebAssembly heap and
 * Prisma's query compiler are there, with Buffers) and the rest (code, malloc arenas).
 * BENCH_BASELINE=<another checkout>/server/dist/main.js runs that build too, alternately.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@chorus/shared";
import { createApp } from "../src/app";
import { loadConfig } from "../src/config";
import { openDatabase } from "../src/db/database";
import { createLogger } from "../src/logger";
import { createLiveHub } from "../src/realtime/hub";
import { freePort, serveArgs, startBuiltServer } from "../src/test/builtServer";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 8);
const BASELINE = process.env.BENCH_BASELINE;

/** The sign-ins of the load come from one address, faster than a household's. */
const BENCH_ENV = { AUTH_RATE_LIMIT_PER_MINUTE: "100000" };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

/** BENCH_SECONDS of mixed traffic; returns how many requests were answered. */
async function mixedLoad(baseUrl: string): Promise<number> {
  const name = `mem${Date.now().toString(36)}`;
  const password = "benchmark password";
  const { token, user } = await createClient({ baseUrl }).auth.signup({ username: name, email: `${name}@bench.test`, password });
  const client = createClient({ baseUrl, token });
  const deadline = Date.now() + SECONDS * 1000;
  let requests = 0;
  const worker = async (index: number) => {
    while (Date.now() < deadline) {
      const chore = await client.chores.create({ name: `Chore ${index}.${requests}`, frequency: { type: "daily" }, assignees: [user.id] });
      await client.chores.do(chore.id, { note: "done" });
      await client.chores.list();
      await client.chores.get(chore.id);
      await client.chores.history(chore.id);
      requests += 5;
      // A sign-in now and then: Argon2 takes its 19 MB per hash.
      if (requests % 200 < 5) {
        await createClient({ baseUrl }).auth.login({ login: name, password });
        requests += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index)));
  return requests;
}

interface Figures {
  idleMb: number;
  afterLoadMb: number;
  idleAfterMb: number;
  requests: number;
}

async function measureBuilt(dataDir: string, nodeArgs: string[]): Promise<Figures> {
  const server = await startBuiltServer(dataDir, BENCH_ENV, nodeArgs);
  try {
    await sleep(3_000);
    const idleMb = server.rssMb();
    const requests = await mixedLoad(server.baseUrl);
    const afterLoadMb = server.rssMb();
    await sleep(IDLE_SECONDS * 1000);
    return { idleMb, afterLoadMb, idleAfterMb: server.rssMb(), requests };
  } finally {
    await server.stop();
  }
}

type Breakdown = { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };

/** This script as the server: answers "memory" messages with process.memoryUsage(). */
async function serve(): Promise<void> {
  const { config } = loadConfig();
  const db = await openDatabase({ pgliteDir: path.join(config.dataDir, "pglite") });
  await db.migrate();
  const logger = createLogger(config.logLevel);
  createApp({ config, db, logger, live: createLiveHub(db, logger, config) }).listen(config.port, config.host, () => process.send!("ready"));
  process.on("message", () => process.send!(process.memoryUsage()));
}

async function measureBreakdown(dataDir: string): Promise<Record<"idle" | "afterLoad" | "idleAfter", Breakdown>> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...serveArgs().slice(0, -1), __filename, "--serve"], {
    env: { ...process.env, ...BENCH_ENV, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "error" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = () => new Promise<unknown>((resolve) => child.once("message", resolve));
  const usage = async (): Promise<Breakdown> => {
    const reply = next();
    child.send("memory");
    return { ...((await reply) as Breakdown), rss: rssOf(child.pid!) * 1024 * 1024 };
  };
  try {
    await next();
    await sleep(3_000);
    const idle = await usage();
    await mixedLoad(`http://127.0.0.1:${port}`);
    const afterLoad = await usage();
    await sleep(IDLE_SECONDS * 1000);
    return { idle, afterLoad, idleAfter: await usage() };
  } finally {
    child.kill();
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), "chorus-memory-"));
  try {
    const builds: [string, string[]][] = [["this build", serveArgs()]];
    if (BASELINE) builds.unshift(["baseline", [...serveArgs().slice(0, -1), BASELINE]]);
    console.log(
      `${SECONDS} s of mixed load from ${WORKERS} clients, then ${IDLE_SECONDS} s idle (targets: ≤ 200 MB after load, ≤ 170 MB idle after)`,
    );
    for (const [label, args] of builds) {
      const figures = await measureBuilt(path.join(root, label.replace(" ", "-")), args);
      console.log(
        `${label}: RSS idle ${Math.round(figures.idleMb)} MB, after load ${Math.round(figures.afterLoadMb)} MB, ` +
          `idle a minute later ${Math.round(figures.idleAfterMb)} MB (${figures.requests} requests)`,
      );
    }
    const breakdown = await measureBreakdown(path.join(root, "breakdown"));
    console.log("What holds it (this build, in process), MB:");
    console.log("              RSS  V8 heap used/total  external (wasm, Buffers)  rest (code, malloc)");
    for (const [moment, usage] of Object.entries(breakdown)) {
      const rest = usage.rss - usage.heapTotal - usage.external;
      console.log(
        `${moment.padEnd(12)} ${String(mb(usage.rss)).padStart(4)}  ${String(mb(usage.heapUsed)).padStart(8)}/${mb(usage.heapTotal)}` +
          `  ${String(mb(usage.external)).padStart(10)} (ArrayBuffers ${mb(usage.arrayBuffers)})  ${String(mb(rest)).padStart(10)}`,
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--serve") void serve();
else
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
