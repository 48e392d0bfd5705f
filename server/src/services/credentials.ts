/**
 * Passwords, session JWTs and API tokens. A JWT only names a server-side session row,
 * so logout and revocation take effect on the next request.
 */
import { createHash, createSecretKey, randomBytes, randomUUID, type KeyObject } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import jwt from "jsonwebtoken";
import type { AppConfig } from "../config";

const JWT_ALGORITHM = "HS256" as const;
const JWT_ISSUER = "chorus";
const API_TOKEN_PREFIX = "chorus_pat_";
const DEVICE_TOKEN_PREFIX = "chorus_dev_";

/**
 * At most this many Argon2 computations at once; the rest wait their turn. Each holds
 * `passwordHashMemoryKib` (19 MB) while it runs, so a burst of sign-ins (or of guessed
 * PINs) on libuv's four threads would touch 76 MB at once, which the allocator keeps.
 * Two keep both cores of a small home server busy.
 */
const ARGON2_AT_ONCE = 2;
let argon2Running = 0;
const argon2Waiting: (() => void)[] = [];

export async function argon2Turn<T>(work: () => Promise<T>): Promise<T> {
  if (argon2Running < ARGON2_AT_ONCE) argon2Running += 1;
  else await new Promise<void>((resolve) => argon2Waiting.push(resolve));
  try {
    return await work();
  } finally {
    // The slot passes straight to the next waiter, so a newcomer cannot slip in between.
    const next = argon2Waiting.shift();
    if (next) next();
    else argon2Running -= 1;
  }
}

export function hashPassword(password: string, config: Pick<AppConfig, "passwordHashMemoryKib">): Promise<string> {
  return argon2Turn(() => hash(password, { memoryCost: config.passwordHashMemoryKib, timeCost: 2, parallelism: 1 }));
}

/** A hash to verify against when the user does not exist, so timing does not tell. */
let decoyHash: Promise<string> | null = null;

export async function verifyPassword(
  passwordHash: string | null,
  password: string,
  config: Pick<AppConfig, "passwordHashMemoryKib">,
): Promise<boolean> {
  if (passwordHash === null) {
    decoyHash ??= hashPassword(randomBytes(16).toString("hex"), config);
    const decoy = await decoyHash;
    await argon2Turn(() => verify(decoy, password)).catch(() => false);
    return false;
  }
  return argon2Turn(() => verify(passwordHash, password)).catch(() => false);
}

export function newSessionId(): string {
  return randomUUID();
}

/**
 * The HMAC key for JWT_SECRET, built once. Handed the secret as a string, jsonwebtoken
 * first tries to parse it as a PEM public key on every verify (and throws): that alone was
 * 15 % of a GET /chores (docs/performance.md).
 */
const jwtKeys = new Map<string, KeyObject>();
function jwtKey(secret: string): KeyObject {
  let key = jwtKeys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, "utf8"));
    jwtKeys.set(secret, key);
  }
  return key;
}

export function signSessionToken(config: AppConfig, sessionId: string, userId: number): string {
  return jwt.sign({ sid: sessionId }, jwtKey(config.jwtSecret), {
    algorithm: JWT_ALGORITHM,
    expiresIn: config.sessionTtlHours * 3600,
    subject: String(userId),
    issuer: JWT_ISSUER,
  });
}

/** Returns the session id and user id a valid JWT names, or null for anything else. */
export function readSessionToken(config: AppConfig, token: string): { sessionId: string; userId: number } | null {
  try {
    const payload = jwt.verify(token, jwtKey(config.jwtSecret), { algorithms: [JWT_ALGORITHM], issuer: JWT_ISSUER });
    if (typeof payload !== "object" || typeof payload.sid !== "string" || typeof payload.sub !== "string") return null;
    const userId = Number(payload.sub);
    return Number.isSafeInteger(userId) && userId > 0 ? { sessionId: payload.sid, userId } : null;
  } catch {
    return null;
  }
}

export function isApiToken(token: string): boolean {
  return token.startsWith(API_TOKEN_PREFIX);
}

export function newApiToken(): { token: string; tokenHash: string } {
  const token = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, tokenHash: hashApiToken(token) };
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function isDeviceToken(token: string): boolean {
  return token.startsWith(DEVICE_TOKEN_PREFIX);
}

/** A shared tablet's token: stored as sha256 like API tokens, shown once. */
export function newDeviceToken(): { token: string; tokenHash: string } {
  const token = DEVICE_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, tokenHash: hashApiToken(token) };
}

export function newInviteCode(): string {
  // 12 characters from an alphabet without look-alikes: about 60 bits.
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(12);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("");
}
