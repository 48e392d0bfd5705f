// Bundles the server's entry points into dist/ with esbuild. npm dependencies stay
// external (installed by pnpm); the workspace's own TypeScript (shared/, the generated
// Prisma client) is bundled in. `node build.mjs <outdir>` builds elsewhere (tests).
import { build } from "esbuild";
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith("@chorus/"));
external.push("@prisma/client/*", ...Object.keys(pkg.devDependencies));

await build({
  entryPoints: { main: "src/main.ts", migrate: "src/migrate.ts", seed: "src/seed.ts", "bench-impersonation": "bench/impersonation.ts" },
  outdir: process.argv[2] ?? "dist",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: true,
  external,
  logLevel: "warning",
});
