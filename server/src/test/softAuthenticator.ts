/**
 * A passkey in software for server tests: an ES256 key pair answering the server's own
 * WebAuthn challenges as a browser and its authenticator would (attestation "none"), so
 * @simplewebauthn/server checks real signatures. Only the CBOR the answers need is written.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import type { WebAuthnCredential, WebAuthnOptions } from "@chorus/shared";

const b64url = (bytes: Buffer) => bytes.toString("base64url");
const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest();

/** A CBOR head: major type and argument (RFC 8949 §3). */
function head(major: number, value: number): Buffer {
  if (value < 24) return Buffer.from([(major << 5) | value]);
  if (value < 256) return Buffer.from([(major << 5) | 24, value]);
  const bytes = Buffer.alloc(3);
  bytes.writeUInt8((major << 5) | 25);
  bytes.writeUInt16BE(value, 1);
  return bytes;
}

type Cbor = number | string | Buffer | Map<number | string, Cbor>;

function cbor(value: Cbor): Buffer {
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  return Buffer.concat([head(5, value.size), ...[...value].flatMap(([key, item]) => [cbor(key), cbor(item)])]);
}

/** What these answers read of the options @simplewebauthn/server made. */
interface Challenge {
  challenge: string;
  user?: { id: string };
}

export class SoftAuthenticator {
  private readonly credentialId = randomBytes(16);
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private counter = 0;
  private userHandle = "";

  constructor(
    private readonly origin: string,
    private readonly rpId: string,
  ) {
    ({ privateKey: this.privateKey, publicKey: this.publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" }));
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  /** The answer to a registration challenge (POST /users/me/passkeys/options). */
  register({ options }: WebAuthnOptions): WebAuthnCredential {
    const asked = options as unknown as Challenge;
    this.userHandle = asked.user!.id;
    const jwk = this.publicKey.export({ format: "jwk" });
    const coseKey = new Map<number, Cbor>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x!, "base64url")],
      [-3, Buffer.from(jwk.y!, "base64url")],
    ]);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([this.authData(0x45), Buffer.alloc(16), idLength, this.credentialId, cbor(coseKey)]);
    const attestationObject = cbor(
      new Map<string, Cbor>([
        ["fmt", "none"],
        ["attStmt", new Map()],
        ["authData", authData],
      ]),
    );
    return this.credential({
      clientDataJSON: this.clientData("webauthn.create", asked.challenge),
      attestationObject: b64url(attestationObject),
      transports: ["internal"],
    });
  }

  /** The signed answer to an authentication challenge, its counter one on from the last. */
  assert({ options }: WebAuthnOptions): WebAuthnCredential {
    const asked = options as unknown as Challenge;
    this.counter += 1;
    const authData = this.authData(0x05);
    const clientDataJSON = this.clientData("webauthn.get", asked.challenge);
    const signature = sign("sha256", Buffer.concat([authData, sha256(Buffer.from(clientDataJSON, "base64url"))]), this.privateKey);
    return this.credential({
      clientDataJSON,
      authenticatorData: b64url(authData),
      signature: b64url(signature),
      userHandle: this.userHandle,
    });
  }

  /** RP ID hash, flags (user present 0x01, verified 0x04, attested data 0x40), counter. */
  private authData(flags: number): Buffer {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.counter);
    return Buffer.concat([sha256(this.rpId), Buffer.from([flags]), counter]);
  }

  private clientData(type: string, challenge: string): string {
    return b64url(Buffer.from(JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false })));
  }

  private credential(response: Record<string, unknown>): WebAuthnCredential {
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: response as WebAuthnCredential["response"],
      clientExtensionResults: {},
    };
  }
}
