/**
 * Where reminders may go. Anyone who can sign up can type a webhook, ntfy or push URL, so
 * without a rule the server would POST into its own network for strangers (the router,
 * a cloud metadata service, other services on the host) and tell them the status code.
 * Reminders therefore reach public addresses only, plus the private networks the server's
 * operator names in REMINDER_ALLOWED_PRIVATE_NETWORKS (a self-hosted ntfy on the LAN).
 *
 * The rule is applied to the addresses a connection is actually made to (see `lookup`),
 * so a name that resolves to a public address when saved and a private one later
 * (DNS rebinding) is still refused.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from "node:dns";
import { BlockList, isIP } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

const SAVE_TIME_LOOKUP_MS = 2_000;

/** Not reachable on the public internet: loopback, private, link-local, shared, reserved, multicast. */
const NON_PUBLIC_RANGES: Array<[string, number, "ipv4" | "ipv6"]> = [
  ["0.0.0.0", 8, "ipv4"],
  ["10.0.0.0", 8, "ipv4"],
  ["100.64.0.0", 10, "ipv4"],
  ["127.0.0.0", 8, "ipv4"],
  ["169.254.0.0", 16, "ipv4"],
  ["172.16.0.0", 12, "ipv4"],
  ["192.0.0.0", 24, "ipv4"],
  ["192.0.2.0", 24, "ipv4"],
  ["192.168.0.0", 16, "ipv4"],
  ["198.18.0.0", 15, "ipv4"],
  ["198.51.100.0", 24, "ipv4"],
  ["203.0.113.0", 24, "ipv4"],
  ["224.0.0.0", 4, "ipv4"],
  ["240.0.0.0", 4, "ipv4"],
  ["::", 128, "ipv6"],
  ["::1", 128, "ipv6"],
  // NAT64 and 6to4 carry an IPv4 address the rule above would have to judge: refused.
  ["64:ff9b::", 96, "ipv6"],
  ["2002::", 16, "ipv6"],
  ["100::", 64, "ipv6"],
  ["2001:db8::", 32, "ipv6"],
  ["fc00::", 7, "ipv6"],
  ["fe80::", 10, "ipv6"],
  ["ff00::", 8, "ipv6"],
];

/** `192.168.1.0/24`, `fd00::/8` or a single address. */
export function parseNetwork(text: string): { address: string; prefix: number; family: "ipv4" | "ipv6" } | null {
  const [address = "", prefixText, ...rest] = text.trim().split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return null;
  const family = version === 4 ? "ipv4" : "ipv6";
  const maxPrefix = version === 4 ? 32 : 128;
  if (prefixText === undefined) return { address, prefix: maxPrefix, family };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > maxPrefix) return null;
  return { address, prefix: Number(prefixText), family };
}

export const PRIVATE_NETWORKS_SETTING = "REMINDER_ALLOWED_PRIVATE_NETWORKS";

export class BlockedDestinationError extends Error {
  readonly code = "CHORUS_BLOCKED_DESTINATION";
  constructor(readonly host: string) {
    super(`${host} is on a private network; the server's operator can allow it with ${PRIVATE_NETWORKS_SETTING}`);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

export interface DestinationPolicy {
  /** True when reminders may be sent to this IP address. */
  allowsAddress(address: string): boolean;
  /** A `lookup` for `http.request`: resolves `hostname` and refuses it unless every address is allowed. */
  lookup(hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void;
  /** Resolves the URL's host now: the reason it would be refused, or null (also when it does not resolve yet). */
  refusalFor(url: string): Promise<string | null>;
}

/** `allowedPrivateNetworks`: CIDRs or addresses, already checked by the config. */
export function createDestinationPolicy(allowedPrivateNetworks: readonly string[]): DestinationPolicy {
  const nonPublic = new BlockList();
  for (const [address, prefix, family] of NON_PUBLIC_RANGES) nonPublic.addSubnet(address, prefix, family);
  const allowed = new BlockList();
  for (const network of allowedPrivateNetworks.map(parseNetwork)) {
    if (network) allowed.addSubnet(network.address, network.prefix, network.family);
  }

  const allowsAddress = (address: string) => {
    const family = isIP(address) === 4 ? "ipv4" : "ipv6";
    return allowed.check(address, family) || !nonPublic.check(address, family);
  };

  const resolveAll = (hostname: string) =>
    new Promise<LookupAddress[]>((resolve, reject) =>
      dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
    );

  return {
    allowsAddress,
    lookup(hostname, options, callback) {
      resolveAll(hostname).then(
        (addresses) => {
          // One refused address refuses the name: a mixed answer is how rebinding is tried.
          if (addresses.some(({ address }) => !allowsAddress(address))) return callback(new BlockedDestinationError(hostname), []);
          const usable = options.family ? addresses.filter(({ family }) => family === options.family) : addresses;
          if (usable.length === 0) return callback(Object.assign(new Error(`${hostname} has no usable address`), { code: "ENOTFOUND" }), []);
          if (options.all) callback(null, usable);
          else callback(null, usable[0]!.address, usable[0]!.family);
        },
        (error: NodeJS.ErrnoException) => callback(error, []),
      );
    },
    async refusalFor(url) {
      const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
      if (isIP(host)) return allowsAddress(host) ? null : new BlockedDestinationError(host).message;
      // A slow resolver must not hold a save: the sends check again anyway.
      const addresses = await Promise.race([resolveAll(host).catch(() => []), sleep(SAVE_TIME_LOOKUP_MS, [], { ref: false })]);
      return addresses.some(({ address }) => !allowsAddress(address)) ? new BlockedDestinationError(host).message : null;
    },
  };
}
