/**
 * `pnpm bench:phone`: Lighthouse (mobile, simulated throttling, Debian's Chromium) on the
 * signed-in tasks page of the production build, as a member with a few chores sees it on a
 * cold load. Prints the performance score, total blocking time, layout shift and the
 * JavaScript transferred, the median of BENCH_RUNS runs, and exits non-zero when the
 * median misses a target (issue 15; docs/performance.md).
 *
 * BENCH_BASELINE=<another build's web/dist> serves that build too, from a second server on
 * the same server code, and runs the two in alternating order: before/after in one run.
 * BENCH_AS=admin measures the household's admin instead of the member (the admin's page
 * also has the "View tasks as" panel and the first-run checklist above the list).
 * CHROME_PATH picks the browser (default /usr/bin/chromium); BENCH_REPORTS=<folder> keeps
 * each run's Lighthouse report (JSON) there, to see what the main thread did.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient, type CreateChoreRequest } from "@chorus/shared";
import { repoRoot, startBuiltServer, type BuiltServer } from "../src/test/builtServer";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BASELINE = process.env.BENCH_BASELINE;
const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const REPORTS = process.env.BENCH_REPORTS;
const AS: "member" | "admin" = process.env.BENCH_AS === "admin" ? "admin" : "member";

/** Where the web app keeps the sign-in token (web/src/lib/api-client.ts). */
const TOKEN_KEY = "chorus.token";

const TARGETS = { score: 90, tbtMs: 200, cls: 0.05, jsBytes: 120_000 };

interface Measurement {
  score: number;
  tbtMs: number;
  cls: number;
  jsBytes: number;
  fcpMs: number;
  lcpMs: number;
  /** CPU time of the page's main thread during the load (thread time, not wall time). */
  mainThreadCpuMs: number;
}

interface Side {
  name: string;
  server: BuiltServer;
  dataDir: string;
  token: string;
  runs: Measurement[];
}

const HOUR = 3_600_000;

/** A household: an admin and a member, with 8 chores (overdue, today, upcoming) for the member; returns their sign-ins. */
async function household(baseUrl: string): Promise<{ member: string; admin: string }> {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
  const admin = createClient({ baseUrl });
  const adminAuth = await admin.auth.signup({
    username: `parent${suffix}`,
    email: `parent${suffix}@bench.test`,
    password: "benchmark password",
    displayName: "Robin Parent",
  });
  admin.setToken(adminAuth.token);
  const member = createClient({ baseUrl });
  const memberAuth = await member.auth.signup({
    username: `kid${suffix}`,
    email: `kid${suffix}@bench.test`,
    password: "benchmark password",
    displayName: "Alex Kid",
  });
  member.setToken(memberAuth.token);
  const circle = await admin.circles.current();
  await member.circles.join({ inviteCode: circle.inviteCode! });
  await admin.circles.accept(memberAuth.user.id);
  const assignees = [memberAuth.user.id, adminAuth.user.id];
  const chores: CreateChoreRequest[] = [
    {
      name: "Feed the cat",
      frequency: { type: "daily" },
      nextDueDate: new Date(Date.now() - 2 * HOUR).toISOString(),
      points: 2,
      labels: ["pets"],
    },
    {
      name: "Empty the dishwasher",
      frequency: { type: "daily" },
      nextDueDate: new Date(Date.now() + HOUR).toISOString(),
      points: 3,
      priority: 2,
    },
    {
      name: "Water the plants",
      frequency: { type: "weekly", weekdays: [1, 4] },
      nextDueDate: new Date(Date.now() + 2 * HOUR).toISOString(),
    },
    {
      name: "Take out the recycling",
      frequency: { type: "weekly", weekdays: [3] },
      nextDueDate: new Date(Date.now() + 30 * HOUR).toISOString(),
      labels: ["outside"],
    },
    {
      name: "Tidy your room",
      frequency: { type: "interval", every: 3, unit: "days" },
      nextDueDate: new Date(Date.now() + 50 * HOUR).toISOString(),
      points: 5,
    },
    {
      name: "Vacuum the stairs",
      frequency: { type: "monthly", dayOfMonth: 15 },
      nextDueDate: new Date(Date.now() + 100 * HOUR).toISOString(),
      priority: 1,
    },
    {
      name: "Homework check",
      frequency: { type: "daily" },
      nextDueDate: new Date(Date.now() + 4 * HOUR).toISOString(),
      labels: ["school"],
    },
    { name: "Wash the bike", frequency: { type: "once" } },
  ];
  for (const chore of chores) await admin.chores.create({ ...chore, assignees, assignedTo: memberAuth.user.id });
  return { member: memberAuth.token, admin: adminAuth.token };
}

type Lighthouse = typeof import("lighthouse").default;

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * The main thread's CPU time in the load's trace: the thread time (`tdur`) of its top-level
 * tasks. Lighthouse's TBT multiplies wall time, which grows with everything else the
 * machine runs; thread time hardly does, so before/after compare on a busy machine too.
 */
function mainThreadCpuMs(events: TraceEvent[]): number {
  const threads = new Map<string, number>();
  const mains = new Set<string>();
  for (const event of events) {
    const key = `${event.pid}:${event.tid}`;
    if (event.ph === "M" && event.name === "thread_name" && event.args?.name === "CrRendererMain") mains.add(key);
    if (event.ph === "X" && event.name === "RunTask") threads.set(key, (threads.get(key) ?? 0) + (event.tdur ?? 0));
  }
  // The page's renderer is the busiest main thread in the trace.
  return Math.max(0, ...[...mains].map((key) => threads.get(key) ?? 0)) / 1000;
}
type Browser = import("puppeteer-core").Browser;

async function audit(lighthouse: Lighthouse, browser: Browser, side: Side, run: number): Promise<Measurement> {
  const page = await browser.newPage();
  try {
    // Lighthouse clears the origin's storage and cache before loading (a cold load); this
    // puts the sign-in back into every new document before the app's scripts run.
    await page.evaluateOnNewDocument(
      (key: string, token: string) =>
        (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(key, token),
      TOKEN_KEY,
      side.token,
    );
    const result = await lighthouse(
      `${side.server.baseUrl}/`,
      { logLevel: "error", output: "json", onlyCategories: ["performance"] },
      undefined,
      page,
    );
    if (!result) throw new Error("Lighthouse returned no result");
    const { lhr } = result;
    if (REPORTS) {
      mkdirSync(REPORTS, { recursive: true });
      writeFileSync(path.join(REPORTS, `${side.name.replace(/\W+/g, "-")}-${run + 1}.json`), JSON.stringify(lhr));
    }
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    // The app sends a signed-out visitor to /signin: then the token did not take.
    if (new URL(lhr.finalDisplayedUrl).pathname !== "/") throw new Error(`The page ended at ${lhr.finalDisplayedUrl}, not the tasks page`);
    const numeric = (id: string) => {
      const value = lhr.audits[id]?.numericValue;
      if (value === undefined) throw new Error(`Lighthouse has no ${id}`);
      return value;
    };
    const resources =
      (lhr.audits["resource-summary"]?.details as { items?: { resourceType: string; transferSize: number }[] } | undefined)?.items ?? [];
    return {
      score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      tbtMs: numeric("total-blocking-time"),
      cls: numeric("cumulative-layout-shift"),
      jsBytes: resources.find((item) => item.resourceType === "script")?.transferSize ?? 0,
      fcpMs: numeric("first-contentful-paint"),
      lcpMs: numeric("largest-contentful-paint"),
      mainThreadCpuMs: mainThreadCpuMs((result.artifacts as unknown as { Trace: { traceEvents: TraceEvent[] } }).Trace.traceEvents),
    };
  } finally {
    await page.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function summary(runs: Measurement[]) {
  return {
    score: median(runs.map((run) => run.score)),
    tbtMs: median(runs.map((run) => run.tbtMs)),
    cls: median(runs.map((run) => run.cls)),
    jsBytes: median(runs.map((run) => run.jsBytes)),
    fcpMs: median(runs.map((run) => run.fcpMs)),
    lcpMs: median(runs.map((run) => run.lcpMs)),
    mainThreadCpuMs: median(runs.map((run) => run.mainThreadCpuMs)),
  };
}

async function startSide(name: string, webDist?: string): Promise<Side> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chorus-bench-phone-"));
  const server = await startBuiltServer(dataDir, { AUTH_RATE_LIMIT_PER_MINUTE: "1000", ...(webDist ? { WEB_DIST_DIR: webDist } : {}) });
  return { name, server, dataDir, token: (await household(server.baseUrl))[AS], runs: [] };
}

async function main(): Promise<void> {
  const { default: lighthouse } = await import("lighthouse");
  const { default: puppeteer } = await import("puppeteer-core");
  const sides = [await startSide("this build", path.join(repoRoot, "web/dist"))];
  if (BASELINE) sides.push(await startSide("baseline", path.resolve(BASELINE)));
  const browser = await puppeteer.launch({
    executablePath: CHROME_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    for (let run = 0; run < RUNS; run += 1) {
      // Alternate who goes first, so neither side always meets a warmer machine.
      for (const side of run % 2 === 0 ? sides : sides.toReversed()) {
        const measured = await audit(lighthouse, browser, side, run);
        side.runs.push(measured);
        console.log(
          `run ${run + 1} ${side.name}: score ${measured.score}, TBT ${Math.round(measured.tbtMs)} ms, CLS ${measured.cls.toFixed(3)}, ` +
            `JS ${(measured.jsBytes / 1000).toFixed(1)} kB, FCP ${Math.round(measured.fcpMs)} ms, LCP ${Math.round(measured.lcpMs)} ms, ` +
            `main-thread CPU ${Math.round(measured.mainThreadCpuMs)} ms`,
        );
      }
    }
  } finally {
    await browser.close();
    for (const side of sides) {
      await side.server.stop();
      rmSync(side.dataDir, { recursive: true, force: true });
    }
  }

  const [current, baseline] = sides.map((side) => summary(side.runs));
  console.log(`\nThe ${AS}'s tasks page, median of ${RUNS} (Lighthouse mobile, simulated throttling):`);
  const rows: [string, (s: ReturnType<typeof summary>) => string, string][] = [
    ["performance score", (s) => String(s.score), `≥ ${TARGETS.score}`],
    ["total blocking time", (s) => `${Math.round(s.tbtMs)} ms`, `≤ ${TARGETS.tbtMs} ms`],
    ["cumulative layout shift", (s) => s.cls.toFixed(3), `≤ ${TARGETS.cls}`],
    ["JS transferred", (s) => `${(s.jsBytes / 1000).toFixed(1)} kB`, `≤ ${TARGETS.jsBytes / 1000} kB`],
    ["first contentful paint", (s) => `${Math.round(s.fcpMs)} ms`, ""],
    ["largest contentful paint", (s) => `${Math.round(s.lcpMs)} ms`, ""],
    ["main-thread CPU (unthrottled)", (s) => `${Math.round(s.mainThreadCpuMs)} ms`, ""],
  ];
  for (const [label, show, target] of rows) {
    console.log(`  ${label.padEnd(30)} ${baseline ? `${show(baseline).padStart(9)} → ` : ""}${show(current!).padStart(9)}   ${target}`);
  }
  const missed = [
    current!.score < TARGETS.score && "score",
    current!.tbtMs > TARGETS.tbtMs && "total blocking time",
    current!.cls > TARGETS.cls && "layout shift",
    current!.jsBytes > TARGETS.jsBytes && "JS transferred",
  ].filter(Boolean);
  if (missed.length > 0) {
    console.error(`\nMissed: ${missed.join(", ")}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
