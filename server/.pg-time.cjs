const { PGlite } = require("@electric-sql/pglite");
const rss = () => Math.round(process.memoryUsage().rss / 1048576);
(async () => {
  const t0 = performance.now();
  const opts = JSON.parse(process.argv[3] || "{}");
  const pg = new PGlite(process.argv[2], opts);
  await pg.waitReady;
  console.log("ready", Math.round(performance.now() - t0), "ms rss", rss());
  const r = await pg.query("select name, setting, unit from pg_settings where name in ('shared_buffers','wal_buffers','work_mem','max_connections','fsync','wal_sync_method','synchronous_commit','temp_buffers','maintenance_work_mem','huge_pages','dynamic_shared_memory_type','shared_memory_type','min_wal_size','max_wal_size','checkpoint_timeout','full_page_writes')");
  console.log(r.rows.map(x => `${x.name}=${x.setting}${x.unit ?? ""}`).join(" "));
  await new Promise(r => setTimeout(r, 1000)); global.gc?.();
  console.log("idle rss", rss(), process.memoryUsage());
  await pg.close();
})();
