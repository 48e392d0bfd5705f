// `node --test scripts/serve-command.test.mjs` (part of `pnpm test:all`).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { parseServeScript, serveCommand } from "./serve-command.cjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

test("splits the variables, which may hold '=' and ':', from the Node arguments", () => {
  assert.deepEqual(parseServeScript("A=1 B=x=y:z node --flag main.js"), { env: { A: "1", B: "x=y:z" }, args: ["--flag", "main.js"] });
  assert.deepEqual(parseServeScript("node main.js"), { env: {}, args: ["main.js"] });
  assert.throws(() => parseServeScript("--flag main.js"), /does not run node/);
  assert.throws(() => parseServeScript("lower=1 node main.js"), /Not a variable assignment/);
});

test("the server gets the allocator settings and flags npm start gives it", () => {
  const { env, args } = serveCommand(root);
  assert.equal(args.at(-1), "server/dist/main.js");
  // What the server process sees, started the way scripts/run.mjs starts it.
  const probe = spawnSync(
    process.execPath,
    [...args.slice(0, -1), "-e", "console.log(JSON.stringify([process.env.GLIBC_TUNABLES, process.execArgv]))"],
    { env: { ...process.env, ...env }, encoding: "utf8" },
  );
  assert.equal(probe.status, 0, probe.stderr);
  const [tunables, execArgv] = JSON.parse(probe.stdout);
  assert.match(tunables, /glibc\.malloc\.mmap_threshold=\d+/);
  assert.match(tunables, /glibc\.malloc\.trim_threshold=\d+/);
  assert.deepEqual(execArgv.slice(0, -2), args.slice(0, -1));
});
