// `node --test scripts/build-stamp.test.mjs` (part of `pnpm test:all`).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { isBuildCurrent, recordBuild } from "./build-stamp.mjs";

function write(root, file, content) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}

test("a second start skips the build until a source changes", () => {
  const root = mkdtempSync(path.join(tmpdir(), "chorus-stamp-"));
  try {
    write(root, "server/src/main.ts", "listen()");
    write(root, "web/src/app.tsx", "<App />");
    assert.equal(isBuildCurrent(root), false, "nothing built yet");
    write(root, "server/dist/main.js", "built");
    write(root, "web/dist/index.html", "built");
    assert.equal(isBuildCurrent(root), false, "built, but from unknown sources");
    recordBuild(root);
    assert.equal(isBuildCurrent(root), true, "nothing changed since the build");
    write(root, "docs/notes.md", "not a build input");
    write(root, "data/pglite/PG_VERSION", "17");
    assert.equal(isBuildCurrent(root), true, "docs and data are not build inputs");
    write(root, "web/src/app.tsx", "<App live />");
    assert.equal(isBuildCurrent(root), false, "a web source changed");
    recordBuild(root);
    rmSync(path.join(root, "web/dist/index.html"));
    assert.equal(isBuildCurrent(root), false, "a build output is missing");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
