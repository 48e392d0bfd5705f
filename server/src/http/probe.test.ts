import { createHousehold } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";
import { rawGet, rawRequest } from "../test/rawHttp";
import pino from "pino";

let server: TestServer;
const lines: string[] = [];
beforeAll(async () => {
  const logger = pino({ level: "info" }, { write: (l: string) => { lines.push(l); } });
  server = await startTestServer({}, logger as never);
});
afterAll(() => server.close());

it("probe", async () => {
  const { admin, member } = await createHousehold(server);
  const h = { Authorization: `Bearer ${admin.token}`, "Content-Type": "application/json" };
  const out: Record<string, unknown> = {};
  let r = await server.fetch("/chores/%ZZ", { headers: h }); out.pct = [r.status, await r.text()];
  r = await server.fetch("/chores/%ZZ", {}); out.pctAnon = [r.status, await r.text()];
  const deep = "[".repeat(100000) + "]".repeat(100000);
  r = await server.fetch("/chores", { method: "POST", headers: h, body: deep }); out.deep = [r.status, (await r.text()).slice(0, 200)];
  const deepObj = '{"a":'.repeat(20000) + "1" + "}".repeat(20000);
  r = await server.fetch("/chores", { method: "POST", headers: h, body: deepObj }); out.deepObj = [r.status, (await r.text()).slice(0, 200)];
  r = await server.fetch("/auth/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: deepObj }); out.deepAnon = [r.status, (await r.text()).slice(0, 200)];
  r = await server.fetch("/chores", { method: "POST", headers: { ...h, "Content-Encoding": "gzip" }, body: '{"name":"x"}' }); out.gzip = [r.status, await r.text()];
  r = await server.fetch("/chores", { method: "POST", headers: { ...h, "Content-Encoding": "br" }, body: '{"name":"x"}' }); out.br = [r.status, await r.text()];
  r = await server.fetch("/chores", { method: "POST", headers: { ...h, "Content-Encoding": "bogus" }, body: '{"name":"x"}' }); out.bogus = [r.status, await r.text()];
  r = await server.fetch("/chores", { method: "POST", headers: { ...h, "Content-Encoding": "deflate" }, body: '{"name":"x"}' }); out.deflate = [r.status, await r.text()];
  const chore = await admin.client.chores.create({ name: "c", frequency: { type: "interval", every: 366, unit: "months" }, nextDueDate: "2199-01-01T00:00:00Z", points: 10000, assignees: [member.user.id] });
  await server.db.prisma.chore.update({ where: { id: chore.id }, data: { nextDueDate: new Date("9990-01-01T00:00:00Z"), scheduleAnchor: new Date("9990-01-01T00:00:00Z") } });
  r = await server.fetch(`/chores/${chore.id}/do`, { method: "POST", headers: h, body: "{}" }); out.overflow = [r.status, await r.text()];
  r = await server.fetch(`/chores/${chore.id}/history?before=${Buffer.from("999999999999999.9999999999").toString("base64url")}`, { headers: h }); out.cursor = [r.status, await r.text()];
  const c2 = await admin.client.chores.create({ name: "c2", frequency: { type: "daily" }, points: 10000 });
  await server.db.prisma.membership.updateMany({ where: { userId: admin.user.id }, data: { points: 2147480000 } });
  r = await server.fetch(`/chores/${c2.id}/do`, { method: "POST", headers: h, body: "{}" }); out.points = [r.status, await r.text()];
  out.raw = await rawRequest(server.baseUrl, Buffer.from("GARBAGE\r\n\r\n"));
  out.big = await rawGet(server.baseUrl, "/health", [Buffer.from("X-Big: " + "a".repeat(20000))]);
  console.log(JSON.stringify(out, null, 1));
  console.log(lines.filter((l) => l.includes('"err"') || l.includes("stack")).map((l) => l.slice(0, 300)).join("\n"));
}, 60000);
