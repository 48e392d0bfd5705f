import type { AppDeps } from "../deps";
import { ok, type Route } from "../http/route";

export function healthRoutes({ db }: AppDeps): Route[] {
  return [
    {
      method: "GET",
      path: "/health",
      auth: "public",
      handle: async () => {
        await db.prisma.$queryRaw`SELECT 1`;
        const pool = db.poolState();
        return ok({ status: "ok", db: db.kind, ...(pool ? { pool } : {}) });
      },
    },
  ];
}
