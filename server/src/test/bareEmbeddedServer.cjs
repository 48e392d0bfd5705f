// The least an embedded server does before its first answer: Node starts, PGlite opens a
// copy of the build's migrated template, and GET /api/v1/health runs one statement. The
// embedded start-up test measures Chorus against this, side by side.
const { cpSync } = require("node:fs");
const { createServer } = require("node:http");
const path = require("node:path");

async function main() {
  const dataDir = process.env.DATA_DIR;
  cpSync(path.join(__dirname, "../../dist/pglite-template"), dataDir, { recursive: true });
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create(dataDir);
  const answer = async (req, res) => {
    const { rows } = await db.query("select 1 as ok");
    res.writeHead(req.url === "/api/v1/health" ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(rows[0]));
  };
  createServer((req, res) => void answer(req, res)).listen(Number(process.env.PORT), process.env.HOST);
}

void main();
