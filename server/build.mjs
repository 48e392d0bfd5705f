// Bundles the server's entry points into dist/ with esbuild. npm dependencies stay
// external (installed by pnpm); the workspace's own TypeScript (shared/, the generated
// Prisma client) is bundled in. Then builds the PGlite template new data directories are
// copied from (skipped when its PGlite version and migrations have not changed).
// `node build.mjs <outdir>` bundles elsewhere, without a template (tests of start-up
// behaviour, which then run initdb in place).
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith("@chorus/"));
external.push("@prisma/client/*", ...Object.keys(pkg.devDependencies));

const outdir = process.argv[2] ?? "dist";

await build({
  entryPoints: {
    main: "src/main.ts",
    migrate: "src/migrate.ts",
    backup: "src/backup/cli.ts",
    seed: "src/seed.ts",
    mcp: "src/mcp/stdio.ts",
    "build-pglite-template": "src/buildPgliteTemplate.ts",
    "bench-impersonation": "bench/impersonation.ts",
    "bench-embedded": "bench/embedded.ts",
    "bench-memory": "bench/memory.ts",
    "bench-growth": "bench/growth.ts",
    "bench-scale-out": "bench/scaleOut.ts",
    "bench-phone": "bench/phone.ts",
    "bench-ceiling": "bench/ceiling.ts",
    "bench-bare-server": "bench/bareServer.ts",
    "bench-writes": "bench/writes.ts",
    // The browser tests' OpenID Connect provider (decision 0040), a process of its own.
    "test-oidc-provider": "src/test/oidcProviderMain.ts",
  },
  outdir,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: true,
  external,
  logLevel: "warning",
});

if (outdir === "dist") {
  execFileSync(process.execPath, [new URL("./dist/build-pglite-template.js", import.meta.url).pathname], { stdio: "inherit" });
}
