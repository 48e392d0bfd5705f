import type { LookupAddress } from "node:dns";
import { createDestinationPolicy, parseNetwork, type DestinationPolicy } from "./destinations";
import { postOnce } from "./outbound";
import { startReceiver, type Receiver } from "../test/receiver";

describe("the reminder destination policy", () => {
  const closed = createDestinationPolicy([]);

  it.each(["8.8.8.8", "1.1.1.1", "11.0.0.1", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2606:4700:4700::1111"])(
    "allows the public address %s",
    (address) => {
      expect(closed.allowsAddress(address)).toBe(true);
    },
  );

  it.each([
    "127.0.0.1",
    "127.255.255.254",
    "0.0.0.0",
    "10.1.2.3",
    "100.64.0.1",
    "169.254.169.254", // cloud metadata services
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.20",
    "198.18.0.1",
    "224.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "fd00::1",
    "fe80::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:192.168.1.20",
    "64:ff9b::a00:1",
    "2002:c0a8:114::1",
  ])("refuses the non-public address %s", (address) => {
    expect(closed.allowsAddress(address)).toBe(false);
  });

  /** The IANA IPv6 Special-Purpose Address Registry, block by block, with one address in each. */
  const ipv6SpecialPurpose: Array<[block: string, address: string, allowed: boolean]> = [
    ["::1/128 loopback", "::1", false],
    ["::/128 unspecified", "::", false],
    ["::/96 IPv4-compatible (deprecated)", "::a00:1", false],
    ["::ffff:0:0/96 IPv4-mapped", "::ffff:10.0.0.1", false],
    ["::ffff:0:0:0/96 IPv4-translated", "::ffff:0:a00:1", false],
    ["64:ff9b::/96 NAT64", "64:ff9b::a00:1", false],
    ["64:ff9b:1::/48 local-use NAT64", "64:ff9b:1::a00:1", false],
    ["100::/64 discard-only", "100::1", false],
    ["100:0:0:1::/64 dummy prefix", "100:0:0:1::1", false],
    ["2001::/23 IETF protocol assignments", "2001:1ff::1", false],
    ["2001::/32 Teredo", "2001:0:4136:e378:8000:63bf:f5ff:fffe", false],
    ["2001:1::1/128 port control anycast", "2001:1::1", false],
    ["2001:1::2/128 TURN anycast", "2001:1::2", false],
    ["2001:1::3/128 DNS-SD service registration", "2001:1::3", false],
    ["2001:2::/48 benchmarking", "2001:2::1", false],
    ["2001:3::/32 AMT", "2001:3::1", false],
    ["2001:4:112::/48 AS112-v6", "2001:4:112::1", false],
    ["2001:10::/28 ORCHID (deprecated)", "2001:10::1", false],
    ["2001:20::/28 ORCHIDv2", "2001:20::1", false],
    ["2001:30::/28 drone remote ID", "2001:30::1", false],
    ["2001:db8::/32 documentation", "2001:db8::1", false],
    ["2002::/16 6to4", "2002:a00:1::1", false],
    ["2620:4f:8000::/48 AS112 direct delegation (globally reachable)", "2620:4f:8000::1", true],
    ["3fff::/20 documentation", "3fff::1", false],
    ["5f00::/16 SRv6 SIDs", "5f00::1", false],
    ["fc00::/7 unique-local", "fd00::1", false],
    ["fe80::/10 link-local", "fe80::1", false],
    ["fec0::/10 site-local (deprecated)", "fec0::1", false],
    ["ff00::/8 multicast", "ff02::1", false],
    ["outside 2000::/3, unassigned", "4000::1", false],
    ["2000::/3 global unicast", "2a00:1450:4001::1", true],
    ["2000::/3 next to 2001::/23", "2001:200::1", true],
  ];

  /** What the send-time `lookup` answers for a host (an address literal resolves to itself). */
  const lookedUp = (policy: DestinationPolicy, host: string) =>
    new Promise<string>((resolve) =>
      policy.lookup(host, { all: true }, (error, addresses) => resolve(error ? error.message : (addresses as LookupAddress[])[0]!.address)),
    );

  it.each(ipv6SpecialPurpose)("%s: %s (allowed: %s) at save time and at send time", async (_block, address, allowed) => {
    expect(closed.allowsAddress(address)).toBe(allowed);
    const refusal = await closed.refusalFor(`http://[${address}]:8080/hook`);
    const sent = await lookedUp(closed, address);
    if (allowed) {
      expect(refusal).toBeNull();
      expect(sent).toBe(address);
    } else {
      expect(refusal).toMatch(/is on a private network/);
      expect(sent).toMatch(/is on a private network/);
    }
  });

  it("allows exactly the private networks the operator names, in either address form", () => {
    const open = createDestinationPolicy(["192.168.1.0/24", "fd12::/16", "127.0.0.1"]);
    expect(["192.168.1.20", "::ffff:192.168.1.20", "fd12:3::1", "127.0.0.1"].every((address) => open.allowsAddress(address))).toBe(true);
    expect(["192.168.2.1", "fd13::1", "127.0.0.2", "169.254.169.254"].some((address) => open.allowsAddress(address))).toBe(false);
  });

  it.each(["lan", "192.168.1.0/33", "::1/129", "1.2.3.4/", "1.2.3.4/24/1", "1.2.3.4/-1", "256.1.1.1"])(
    "does not read %j as a network",
    (text) => {
      expect(parseNetwork(text)).toBeNull();
    },
  );

  it("names the refused host when saving, whether written as an address or a name that resolves to one", async () => {
    await expect(closed.refusalFor("http://127.0.0.1:8080/hook")).resolves.toMatch(
      /^127\.0\.0\.1 is on a private network.*REMINDER_ALLOWED_PRIVATE_NETWORKS/,
    );
    await expect(closed.refusalFor("http://[::1]/hook")).resolves.toMatch(/^::1 is on a private network/);
    await expect(closed.refusalFor("http://localhost:8080/hook")).resolves.toMatch(/^localhost is on a private network/);
    await expect(closed.refusalFor("http://8.8.8.8/hook")).resolves.toBeNull();
    // A name that does not resolve (yet) is for the send to judge.
    await expect(closed.refusalFor("http://no-such-host.invalid/hook")).resolves.toBeNull();
  });
});

describe("sending a reminder", () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());
  beforeEach(() => {
    receiver.requests.length = 0;
  });
  const port = () => new URL(receiver.url).port;
  const request = { headers: { "Content-Type": "text/plain" }, body: "hello" };

  it("never connects to a refused address, by address or by a name resolved at send time", async () => {
    const closed = createDestinationPolicy([]);
    const literals = [
      "127.0.0.1",
      "[::ffff:127.0.0.1]",
      "[::7f00:1]",
      "[::ffff:0:7f00:1]",
      "[64:ff9b::7f00:1]",
      "[64:ff9b:1::7f00:1]",
      "[2002:7f00:1::1]",
    ];
    for (const url of [`http://localhost:${port()}/hook`, ...literals.map((host) => `http://${host}:${port()}/hook`)]) {
      const result = await postOnce(url, request, closed);
      expect(result).toEqual({
        ok: false,
        status: null,
        error: expect.stringMatching(/^not sent: .* is on a private network/),
        permanent: true,
      });
    }
    expect(receiver.requests).toHaveLength(0);
  });

  it("delivers to an allowed address, named or written out", async () => {
    const open = createDestinationPolicy(["127.0.0.1", "::1"]);
    expect(await postOnce(`http://127.0.0.1:${port()}/hook`, request, open)).toEqual({ ok: true, status: 200 });
    expect(await postOnce(`http://localhost:${port()}/hook`, request, open)).toEqual({ ok: true, status: 200 });
    expect(receiver.requests.map(({ path, body }) => [path, body.toString()])).toEqual([
      ["/hook", "hello"],
      ["/hook", "hello"],
    ]);
  });
});
