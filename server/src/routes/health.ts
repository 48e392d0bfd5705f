import { contract, openApiDocument, type ChorusContract } from "@chorus/shared";
import type { AppDeps } from "../deps";
import type { GroupHandlers } from "../http/route";

export function healthHandlers({ db }: AppDeps): GroupHandlers<ChorusContract["health"]> {
  return {
    get: async () => {
      await db.prisma.$queryRaw`SELECT 1`;
      const pool = db.poolState();
      return { status: "ok", db: db.kind, ...(pool ? { pool } : {}) };
    },
  };
}

export function metaHandlers(): GroupHandlers<ChorusContract["meta"]> {
  // Built once: the contract does not change while the server runs.
  const document = openApiDocument(contract, { version: "1" });
  return { openApi: async () => document };
}
