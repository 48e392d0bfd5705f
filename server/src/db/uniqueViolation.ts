import { Prisma } from "../generated/prisma/client";

/** Prisma reports unique violations as P2002, or — for partial indexes through a driver adapter — as the raw SQLSTATE 23505. */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  const cause = (error as { cause?: { code?: unknown; originalCode?: unknown } } | null)?.cause;
  return cause?.originalCode === "23505" || cause?.code === "23505";
}
