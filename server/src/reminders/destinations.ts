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

/**
 * IPv4 not reachable on the public internet: this network, private, shared, loopback,
 * link-local, IETF, documentation, benchmarking, multicast, reserved.
 */
const NON_PUBLIC_IPV4: Array<[string, number]> = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];

/**
 * IPv6 is allowed only inside global unicast, 2000::/3. Everything outside it is refused,
 * which covers the IANA special-purpose blocks there and every form that carries an IPv4
 * address another rule would have to judge: ::/128, ::1/128, IPv4-compatible ::/96,
 * IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, discard 100::/64,
 * SRv6 5f00::/16, unique-local fc00::/7, link-local fe80::/10, multicast ff00::/8.
 */
const GLOBAL_UNICAST_IPV6: [string, number] = ["2000::", 3];

/**
 * The IANA special-purpose blocks inside 2000::/3 that are refused too. 2620:4f:8000::/48
 * (AS112 direct delegation) is globally reachable public DNS, so it stays allowed like any
 * public address.
 */
const SPECIAL_IPV6: Array<[string, number]> = [
  // IETF protocol assignments, whole: Teredo 2001::/32 carries an IPv4 address, and the
  // rest (anycast services, benchmarking, ORCHID, drone identifiers) is no reminder target.
  ["2001::", 23],
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4: carries an IPv4 address
  ["3fff::", 20], // documentation
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
  lookup: (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback) => void;
  /** Resolves the URL's host now: the reason it would be refused, or null (also when it does not resolve yet). */
  refusalFor(url: string): Promise<string | null>;
}

/** `allowedPrivateNetworks`: CIDRs or addresses, already checked by the config. */
export function createDestinationPolicy(allowedPrivateNetworks: readonly string[]): DestinationPolicy {
  const nonPublicV4 = new BlockList();
  for (const [address, prefix] of NON_PUBLIC_IPV4) nonPublicV4.addSubnet(address, prefix, "ipv4");
  const globalV6 = new BlockList();
  globalV6.addSubnet(...GLOBAL_UNICAST_IPV6, "ipv6");
  const specialV6 = new BlockList();
  for (const [address, prefix] of SPECIAL_IPV6) specialV6.addSubnet(address, prefix, "ipv6");
  const allowed = new BlockList();
  for (const network of allowedPrivateNetworks.map(parseNetwork)) {
    if (network) allowed.addSubnet(network.address, network.prefix, network.family);
  }

  const allowsAddress = (address: string) => {
    const family = isIP(address) === 4 ? "ipv4" : "ipv6";
    if (allowed.check(address, family)) return true;
    if (family === "ipv4") return !nonPublicV4.check(address, "ipv4");
    // BlockList judges an IPv4-mapped address by IPv4 rules only, so none of these match it.
    return globalV6.check(address, "ipv6") && !specialV6.check(address, "ipv6");
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
          if (usable.length === 0)
            return callback(Object.assign(new Error(`${hostname} has no usable address`), { code: "ENOTFOUND" }), []);
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
