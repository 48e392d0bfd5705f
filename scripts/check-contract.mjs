#!/usr/bin/env node
// Checks that every endpoint is declared once, in shared/src/contract, and that the rules
// derived from it are not re-spelled elsewhere (issue "one endpoint contract"):
// - no "METHOD /path" string or literal API path outside the contract;
// - route handlers use no `req` and no hand-written parseInput;
// - credential and selector headers are read in acting/headers.ts only;
// - nothing outside acting/ decides impersonation or writes a refusal;
// - decide()'s table test needs no database;
// - the web app's acting client cannot call an endpoint that does not allow acting as a member;
// - the web app keeps no copy of the role rank and re-derives no chore ability;
// - layering: services never import presenters, presenters never import services or the
//   acting module, routes run no SQL, policies never import the database client.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const problems = [];

function sources(dir) {
  const out = [];
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = path.join(dir, name);
    if (name === "node_modules" || name === "generated" || name === "dist") continue;
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...sources(rel));
    else if (/\.tsx?$/.test(name)) out.push(rel);
  }
  return out;
}
const isTest = (file) => /\.test\.tsx?$|\/test\/|\/testing\/|\/e2e\//.test(file);
const production = [...sources("server/src"), ...sources("web/src"), ...sources("shared/src")].filter((file) => !isTest(file));
const read = (file) => readFileSync(path.join(root, file), "utf8");

function forbid(files, pattern, why, allowed = () => false) {
  for (const file of files) {
    if (allowed(file)) continue;
    read(file)
      .split("\n")
      .forEach((line, index) => {
        // Comments may name endpoints: they explain, they decide nothing.
        if (pattern.test(line) && !/^\s*(\*|\/\/|\/\*)/.test(line)) problems.push(`${file}:${index + 1}: ${why}: ${line.trim()}`);
      });
  }
}

const inContract = (file) => file.startsWith("shared/src/contract/");
forbid(production, /["'`](GET|POST|PUT|PATCH|DELETE) \//, '"METHOD /path" outside the contract', inContract);
forbid(production, /["'`]\/api\/v1/, "a literal API path (use API_PREFIX and the contract)", inContract);

const handlers = sources("server/src/routes").filter((file) => !isTest(file));
forbid(handlers, /\breq\b/, "a route handler that sees the request");
forbid(handlers, /\bparseInput\b/, "a route handler that validates by hand");

const serverFiles = production.filter((file) => file.startsWith("server/src/"));
const inActing = (file) => file.startsWith("server/src/acting/");
forbid(
  serverFiles,
  /headersDistinct|headers\.authorization|headers\[["'`]x-(impersonate|chorus)/i,
  "a credential header read outside acting/headers.ts",
  (file) => file === "server/src/acting/headers.ts",
);
forbid(
  serverFiles,
  /impersonation_(forbidden|target_not_allowed|not_supported|expired)|"(impersonation|device)\.denied"|device_(member_)?not_allowed/,
  "an impersonation or tablet decision outside acting/",
  inActing,
);

const decideTest = read("server/src/acting/decide.test.ts");
if (/from "\.\.\/(db|test)\/|harness|prisma/i.test(decideTest))
  problems.push("server/src/acting/decide.test.ts: the decision table must run without a database");

const webFiles = production.filter((file) => file.startsWith("web/src/"));
forbid(
  webFiles,
  /\badmin:\s*3\b|RANK\b|role === "admin" \|\| [\w.]*role === "manager"/,
  "a copy of the role rank (use shared/src/rules/roles.ts)",
);
forbid(webFiles, /chore\.assignees\.includes\(|\.createdBy === /, "a chore ability re-derived (use chore.abilities)");

const within = (folder) => serverFiles.filter((file) => file.startsWith(`server/src/${folder}/`));
forbid(within("services"), /from "(\.\.\/)+presenters\//, "a service that presents (return domain data; the route presents)");
forbid(
  within("presenters"),
  /from "(\.\.\/)+(services|acting)\//,
  "a presenter that depends on a service (domain types live in server/src/domain.ts)",
);
forbid(handlers, /\$queryRaw|\$executeRaw|Prisma\.sql|\.prisma\.\w+\.\w+\(/, "SQL in a route (it belongs in a service)");
forbid(within("policies"), /from "(\.\.\/)+(db|generated)\//, "a policy that imports the database client");

// A probe that calls the audit log on the acting client must not compile.
const probe = path.join(root, "web/src/contract-probe.ts");
writeFileSync(probe, 'import type { Api } from "./lib/api-client";\nexport const probe = (api: Api) => api.acting.circles.audit();\n');
try {
  const tsc = spawnSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "web/tsconfig.json", "--noEmit"], {
    cwd: root,
    encoding: "utf8",
  });
  if (!/contract-probe\.ts.*Property 'audit' does not exist/s.test(tsc.stdout)) {
    problems.push("web/src/lib/api-client.ts: the acting client lets a non-impersonation endpoint (circles.audit) compile");
  }
} finally {
  rmSync(probe, { force: true });
}

if (problems.length > 0) {
  console.error(`Contract check failed:\n${problems.join("\n")}`);
  process.exit(1);
}
console.log("Contract check: every endpoint declared once; access decided in acting/ only.");
