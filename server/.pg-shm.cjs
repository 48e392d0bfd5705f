const { PGlite } = require("@electric-sql/pglite");
(async () => {
  const extra = JSON.parse(process.argv[3] || "[]");
  const pg = new PGlite(process.argv[2], { startParams: [...PGlite.defaultStartParams, ...extra.flatMap(s => ["-c", s])] });
  await pg.waitReady;
  const r = await pg.query("select name, setting, unit from pg_settings where name in ('shared_memory_size','shared_buffers','autovacuum_worker_slots','max_wal_senders','max_replication_slots','max_locks_per_transaction','server_version')");
  global.gc?.();
  console.log(Math.round(process.memoryUsage().rss/1048576), r.rows.map(x => `${x.name}=${x.setting}${x.unit??""}`).join(" "));
  await pg.close();
})();
