const { PGlite } = require("@electric-sql/pglite");
const fs = require("fs");
(async () => {
  const base = Math.round(process.memoryUsage().rss / 1048576);
  const pg = new PGlite(process.argv[2], { startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB", "-c", "wal_buffers=1MB", "-c", "max_connections=5"] });
  await pg.waitReady;
  await new Promise(r => setTimeout(r, 500)); global.gc?.();
  // group smaps by mapping kind
  const txt = fs.readFileSync("/proc/self/smaps", "utf8").split("\n");
  const groups = {}; let cur = null;
  for (const line of txt) {
    const m = /^[0-9a-f]+-[0-9a-f]+ (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (m) { cur = (m[2] || "anon") + " " + m[1]; continue; }
    const r = /^Rss:\s+(\d+)/.exec(line); if (r && cur) groups[cur] = (groups[cur] || 0) + Number(r[1]);
  }
  const top = Object.entries(groups).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k}: ${Math.round(v / 1024)}MB`);
  console.log("base", base, "rss", Math.round(process.memoryUsage().rss / 1048576), top.join(" | "), JSON.stringify(process.memoryUsage()));
  await pg.close();
})();
