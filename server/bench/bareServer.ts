/**
 * The ceiling `pnpm bench:ceiling` measures Chorus against: the least a server can do to
 * answer GET /api/v1/chores — Express, the same HS256 JWT check (jsonwebtoken with a
 * secret key built once), the same identity statement and the same one-statement JSON
 * list, sent as the same SQL text (built by Chorus's own functions), straight to `pg` or
 * PGlite with no ORM, no acting rules, no presenters, no logging, no security headers.
 * Anything Chorus spends beyond this is its own overhead.
 *
 * Env: PORT, JWT_SECRET, and DATABASE_URL (PostgreSQL, pool of DATABASE_POOL_SIZE) or
 * DATA_DIR (a PGlite data directory no other process has open).
 */
import { createSecretKey } from "node:crypto";
import path from "node:path";
import express from "express";
import jwt from "jsonwebtoken";
import type { CircleContext } from "../src/context";
import { sessionPrincipalSql } from "../src/acting/identity";
import { pgliteStartParams } from "../src/db/database";
import { DurableNodeFS } from "../src/db/durableNodeFs";
import { choreListSql } from "../src/services/chores/crud";

type Query = (text: string, values: unknown[]) => Promise<Record<string, unknown>[]>;

async function openQuery(): Promise<Query> {
  if (process.env.DATABASE_URL) {
    const { Pool } = await import("pg");
    const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    return async (text, values) => (await pool.query(text, values)).rows as Record<string, unknown>[];
  }
  const { PGlite } = await import("@electric-sql/pglite");
  // Opened as Chorus opens it (durable commits), so both sides run the same database.
  const db = new PGlite({ fs: new DurableNodeFS(path.resolve(process.env.DATA_DIR!, "pglite")), startParams: pgliteStartParams(true) });
  await db.waitReady;
  return async (text, values) => (await db.query<Record<string, unknown>>(text, values)).rows;
}

async function main() {
  const query = await openQuery();
  const key = createSecretKey(Buffer.from(process.env.JWT_SECRET!, "utf8"));
  const app = express();
  // Express 5 passes a rejected promise on, as Chorus's own mount does.
  const listChores = async (req: express.Request, res: express.Response) => {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
    let claims: { sid: string; sub: string };
    try {
      claims = jwt.verify(match?.[1] ?? "", key, { algorithms: ["HS256"], issuer: "chorus" }) as { sid: string; sub: string };
    } catch {
      return void res.status(401).end();
    }
    const principal = (await query(...textOf(sessionPrincipalSql({ sessionId: claims.sid, userId: Number(claims.sub) }, null))))[0];
    if (!principal || principal.circleId === null) return void res.status(401).end();
    const ctx = { circle: { id: principal.circleId }, subject: { id: principal.id }, impersonating: false } as unknown as CircleContext;
    const [row] = await query(...textOf(choreListSql(ctx, { includeArchived: undefined, assignedTo: undefined })));
    res.json({ chores: row?.chores ?? [] });
  };
  app.get("/api/v1/chores", (req, res, next) => void listChores(req, res).catch(next));
  app.listen(Number(process.env.PORT), "127.0.0.1");
  // Exits normally, so a --cpu-prof profile (BENCH_PROFILE_DIR) is written.
  process.on("SIGTERM", () => process.exit(0));
}

const textOf = (sql: { text: string; values: unknown[] }): [string, unknown[]] => [sql.text, sql.values];

void main();
