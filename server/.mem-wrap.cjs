require("./dist/main.js");
setTimeout(() => {
  const m = process.memoryUsage(); const mb = (x) => Math.round(x / 1048576);
  const hs = require("v8").getHeapSpaceStatistics().map(s => `${s.space_name.replace("_space","")}=${mb(s.space_size)}`).join(" ");
  console.log("rss", mb(m.rss), "heapTotal", mb(m.heapTotal), "heapUsed", mb(m.heapUsed), "external", mb(m.external), "ab", mb(m.arrayBuffers), hs);
  global.gc?.(); const m2 = process.memoryUsage();
  console.log("after gc rss", mb(m2.rss), "heapTotal", mb(m2.heapTotal));
  process.kill(process.pid, "SIGTERM");
}, 6000);
