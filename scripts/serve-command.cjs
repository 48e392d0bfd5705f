// The root package.json's `serve` script, `NAME=value … node <flags> server/dist/main.js`:
// the environment and Node flags the server runs with (docs/decisions/0009). `npm start`
// spawns it from these words, so it applies on every platform, not only in a POSIX shell.
// CommonJS so that scripts/run.mjs and the TypeScript test harnesses (Jest, CommonJS) share it.
const { readFileSync } = require("node:fs");
const path = require("node:path");

/** Splits a `serve` script into the variables it sets and the arguments after `node`. */
function parseServeScript(script) {
  const words = script.split(" ").filter(Boolean);
  const node = words.indexOf("node");
  if (node < 0) throw new Error(`The serve script does not run node: ${script}`);
  const env = Object.fromEntries(
    words.slice(0, node).map((word) => {
      const [name, value] = word.split(/=(.*)/s, 2);
      if (!/^[A-Z_][A-Z0-9_]*$/.test(name) || value === undefined)
        throw new Error(`Not a variable assignment in the serve script: ${word}`);
      return [name, value];
    }),
  );
  return { env, args: words.slice(node + 1) };
}

/** The `serve` script of the package.json in `root`, split. */
const serveCommand = (root) => parseServeScript(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts.serve);

module.exports = { parseServeScript, serveCommand };
