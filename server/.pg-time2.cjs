const { PGlite } = require("@electric-sql/pglite");
const rss = () => Math.round(process.memoryUsage().rss / 1048576);
(async () => {
  const t0 = performance.now();
  const extra = JSON.parse(process.argv[3] || "[]");
  const mem = Number(process.argv[4] || 0);
  const startParams = [...PGlite.defaultStartParams, ...extra.flatMap(s => ["-c", s])];
  const pg = new PGlite(process.argv[2], { startParams, ...(mem ? { initialMemory: mem * 1048576 } : {}) });
  await pg.waitReady;
  const ready = Math.round(performance.now() - t0);
  const r = await pg.query("select name, setting from pg_settings where name in ('shared_buffers','wal_buffers','max_connections')");
  await new Promise(r => setTimeout(r, 500)); global.gc?.();
  console.log(process.argv[3], mem, "ready", ready, "rss", rss(), "ext", Math.round(process.memoryUsage().external/1048576), r.rows.map(x => `${x.name}=${x.setting}`).join(" "));
  await pg.close();
})();
