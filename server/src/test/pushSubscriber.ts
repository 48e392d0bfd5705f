/**
 * A stand-in for a browser's push subscription: real P-256 keys and auth secret made in
 * the test, so a test can decrypt what the server sent and check its VAPID signature.
 */
import { createECDH, createPublicKey, randomBytes } from "node:crypto";
import type { PushSubscriptionRequest } from "@chorus/shared";
import { decrypt } from "http_ece";
import jwt from "jsonwebtoken";

export function newPushSubscriber(endpoint: string) {
  const keys = createECDH("prime256v1");
  keys.generateKeys();
  const authSecret = randomBytes(16);
  const subscription: PushSubscriptionRequest = {
    endpoint,
    keys: { p256dh: keys.getPublicKey().toString("base64url"), auth: authSecret.toString("base64url") },
  };
  return {
    subscription,
    /** The JSON payload inside an aes128gcm-encrypted push message. */
    decrypt: (body: Buffer): unknown => JSON.parse(decrypt(body, { version: "aes128gcm", privateKey: keys, authSecret }).toString("utf8")),
  };
}

/** Checks `Authorization: vapid t=<jwt>, k=<key>` against the server's public key; returns the JWT claims. */
export function verifyVapidAuthorization(header: string | undefined, publicKey: string): jwt.JwtPayload {
  const match = /^vapid t=([^,]+), k=([A-Za-z0-9_-]+)$/.exec(header ?? "");
  if (!match) throw new Error(`Not a VAPID Authorization header: ${header}`);
  if (match[2] !== publicKey) throw new Error("VAPID key is not the server's public key");
  const point = Buffer.from(publicKey, "base64url");
  const key = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33, 65).toString("base64url") },
    format: "jwk",
  });
  return jwt.verify(match[1]!, key, { algorithms: ["ES256"] }) as jwt.JwtPayload;
}
