// Prisma CLI configuration: the JS engine with an in-memory PGlite adapter, so `prisma
// generate` and `prisma migrate diff` need no downloaded engine binaries.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";

export default defineConfig({
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  adapter: async () => new PrismaPGlite(new PGlite()),
});
