import type { Database } from "../db/database";

/** One round trip to the database, then what a load balancer and a self-hoster look at. */
export async function checkHealth(db: Database) {
  await db.prisma.$queryRaw`SELECT 1`;
  const pool = db.poolState();
  return { status: "ok" as const, db: db.kind, ...(pool ? { pool } : {}) };
}
