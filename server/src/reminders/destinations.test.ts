import { createDestinationPolicy, parseNetwork } from "./destinations";
import { postOnce } from "./outbound";
import { startReceiver, type Receiver } from "../test/receiver";

describe("the reminder destination policy", () => {
  const closed = createDestinationPolicy([]);

  it.each(["8.8.8.8", "1.1.1.1", "11.0.0.1", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2606:4700:4700::1111"])("allows the public address %s", (address) => {
    expect(closed.allowsAddress(address)).toBe(true);
  });

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

  it("allows exactly the private networks the operator names, in either address form", () => {
    const open = createDestinationPolicy(["192.168.1.0/24", "fd12::/16", "127.0.0.1"]);
    expect(["192.168.1.20", "::ffff:192.168.1.20", "fd12:3::1", "127.0.0.1"].every((address) => open.allowsAddress(address))).toBe(true);
    expect(["192.168.2.1", "fd13::1", "127.0.0.2", "169.254.169.254"].some((address) => open.allowsAddress(address))).toBe(false);
  });

  it.each(["lan", "192.168.1.0/33", "::1/129", "1.2.3.4/", "1.2.3.4/24/1", "1.2.3.4/-1", "256.1.1.1"])("does not read %j as a network", (text) => {
    expect(parseNetwork(text)).toBeNull();
  });

  it("names the refused host when saving, whether written as an address or a name that resolves to one", async () => {
    await expect(closed.refusalFor("http://127.0.0.1:8080/hook")).resolves.toMatch(/^127\.0\.0\.1 is on a private network.*REMINDER_ALLOWED_PRIVATE_NETWORKS/);
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
    for (const url of [`http://127.0.0.1:${port()}/hook`, `http://localhost:${port()}/hook`, `http://[::ffff:127.0.0.1]:${port()}/hook`]) {
      const result = await postOnce(url, request, closed);
      expect(result).toEqual({ ok: false, status: null, error: expect.stringMatching(/^not sent: .* is on a private network/), permanent: true });
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
