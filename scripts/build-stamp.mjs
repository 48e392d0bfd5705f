// Whether `pnpm build`'s outputs were made from the sources as they are now, so a second
// `npm start` with nothing changed skips the build (docs/decisions/0009).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// What `pnpm build` reads: every file of the repository but these folders.
const NOT_BUILD_INPUTS = new Set([".git", "node_modules", "dist", "data", "docs", "e2e", "generated", "coverage", "test-results"]);

const stampOf = (root) => path.join(root, "server", "dist", ".source-hash");

export function sourceHash(root) {
  const hash = createHash("sha256");
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (NOT_BUILD_INPUTS.has(entry.name)) continue;
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile())
        hash
          .update(`${path.relative(root, file)}\0`)
          .update(readFileSync(file))
          .update("\0");
    }
  };
  walk(root);
  return hash.digest("hex");
}

/** True when both builds exist and the stamp matches the sources. */
export function isBuildCurrent(root) {
  const built = existsSync(path.join(root, "server", "dist", "main.js")) && existsSync(path.join(root, "web", "dist", "index.html"));
  return built && existsSync(stampOf(root)) && readFileSync(stampOf(root), "utf8") === sourceHash(root);
}

/** Call after a successful build. */
export function recordBuild(root) {
  writeFileSync(stampOf(root), sourceHash(root));
}
