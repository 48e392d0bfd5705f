import { Prisma } from "../generated/prisma/client";
import { sqlStateOf } from "./failures";

/**
 * Prisma reports unique violations as P2002, or — for partial indexes through a driver
 * adapter, and for raw statements — with the raw SQLSTATE 23505 underneath.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return true;
  return sqlStateOf(error) === "23505";
}
