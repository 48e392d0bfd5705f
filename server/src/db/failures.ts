/**
 * Recognises the database failures that are not the request's fault, in every shape they
 * arrive in: raw node-postgres or socket errors (migrations, and what the pg driver
 * adapter passes through untouched), the driver adapter's `DriverAdapterError`, and
 * Prisma's wrappers around it (`P1001`…, or `P2010` carrying the SQLSTATE in
 * `meta.driverAdapterError.cause`).
 */

interface ErrorShape {
  code?: unknown;
  message?: unknown;
  cause?: { kind?: unknown; code?: unknown; originalCode?: unknown };
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown; code?: unknown } } };
}

/** The PostgreSQL SQLSTATE behind `error`, wherever the layers above put it. */
export function sqlStateOf(error: unknown): string | undefined {
  const shape = (error ?? {}) as ErrorShape;
  const candidates = [
    shape.meta?.driverAdapterError?.cause?.originalCode,
    // A raw statement's failure: the adapter's `postgres` kind carries the SQLSTATE as `code`.
    shape.meta?.driverAdapterError?.cause?.code,
    shape.cause?.originalCode,
    shape.cause?.code,
    shape.code,
  ];
  // Prisma's own codes (P1001, P2010…) have the same form; PL/pgSQL's class P0 does not clash.
  return candidates.find((code): code is string => typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && !/^P[1-9]/.test(code));
}

/** The driver adapter's name for the failure (`DatabaseNotReachable`, …), wherever it is. */
function adapterKindOf(error: ErrorShape): unknown {
  return error.meta?.driverAdapterError?.cause?.kind ?? error.cause?.kind;
}

const UNREACHABLE_SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
/** Prisma's codes for the driver adapter's connection failures (and too many connections). */
const UNREACHABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2037"]);
const UNREACHABLE_ADAPTER_KINDS = new Set(["DatabaseNotReachable", "SocketTimeout", "ConnectionClosed", "TooManyConnections"]);
/** Shutting down, crashed, starting up, too many connections. Class 08 is added below. */
const UNREACHABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
/** node-postgres and pg-pool raise these as plain `Error`s with no code. */
const UNREACHABLE_PG_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
];

/** True when `error` means "the database cannot be reached right now", not "this request is wrong". */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error === null || typeof error !== "object") return false;
  const shape = error as ErrorShape;
  if (typeof shape.code === "string" && (UNREACHABLE_SOCKET_CODES.has(shape.code) || UNREACHABLE_PRISMA_CODES.has(shape.code))) {
    return true;
  }
  if (UNREACHABLE_ADAPTER_KINDS.has(adapterKindOf(shape) as string)) return true;
  const sqlState = sqlStateOf(error);
  if (sqlState && (sqlState.startsWith("08") || UNREACHABLE_SQLSTATES.has(sqlState))) return true;
  const message = typeof shape.message === "string" ? shape.message : "";
  return UNREACHABLE_PG_MESSAGES.some((pattern) => pattern.test(message));
}

/** True when `error` means the disk under the database (or DATA_DIR) is full. */
export function isStorageFull(error: unknown): boolean {
  if (error === null || typeof error !== "object") return false;
  const code = (error as ErrorShape).code;
  return code === "ENOSPC" || code === "EDQUOT" || sqlStateOf(error) === "53100";
}

/** One short line describing a failure for the log, without a stack. */
export function describeFailure(error: unknown): string {
  const shape = (error ?? {}) as ErrorShape;
  const message = typeof shape.message === "string" ? shape.message.trim().split("\n").pop()! : String(error);
  const code = typeof shape.code === "string" ? shape.code : sqlStateOf(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
