import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const repoRoot = path.resolve(__dirname, "../../..");

/**
 * Builds shared, server and web once (`pnpm build` at the root) so the tests never run
 * against a stale bundle. CHORUS_E2E_SKIP_BUILD=1 reuses an existing build.
 */
export default function globalSetup() {
  if (process.env.CHORUS_E2E_SKIP_BUILD !== "1") {
    // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
    const { NODE_ENV: _jestNodeEnv, ...env } = process.env;
    execFileSync("pnpm", ["build"], { cwd: repoRoot, stdio: "inherit", env });
  }
  for (const built of ["server/dist/main.js", "web/dist/index.html"]) {
    if (!existsSync(path.join(repoRoot, built))) throw new Error(`${built} is missing: run pnpm build at the repository root`);
  }
}
