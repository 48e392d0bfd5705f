import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { startTestServer, type TestServer } from "../test/harness";

/** A built web app as Vite and the compression plugin leave it. */
const script = `console.log(${JSON.stringify("chorus ".repeat(200))});\n`;
/** index.html's inline script (the tasks page's early request, decision 0018), as the build leaves it. */
const inlineScript = '\n      window.early = fetch("/api/v1/pages/tasks");\n    ';
const indexHtml =
  `<!doctype html><html><head><script>${inlineScript}</script>` +
  '<script type="module" src="/assets/index-Ab12Cd34.js"></script></head>' +
  '<body><div id="root"></div></body></html>\n';
const manifest = JSON.stringify({ name: "Chorus", start_url: "/", display: "standalone" });

let server: TestServer;
let dist: string;
beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), "chorus-web-dist-"));
  mkdirSync(path.join(dist, "assets"));
  const write = (file: string, content: string, compressed = true) => {
    writeFileSync(path.join(dist, file), content);
    if (!compressed) return;
    writeFileSync(path.join(dist, `${file}.br`), brotliCompressSync(content));
    writeFileSync(path.join(dist, `${file}.gz`), gzipSync(content));
  };
  write("index.html", indexHtml);
  write("assets/index-Ab12Cd34.js", script);
  write("manifest.webmanifest", manifest);
  write("favicon.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>', false);
  // Left over from some older build: never published.
  write("assets/index-Ab12Cd34.js.map", "{}", false);
  server = await startTestServer({ webDistDir: dist });
});
afterAll(async () => {
  await server.close();
  rmSync(dist, { recursive: true, force: true });
});

/** A GET with the raw response bytes (fetch would decompress them out of sight). */
function get(pathname: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request(`${server.baseUrl}${pathname}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

const IMMUTABLE = "public, max-age=31536000, immutable";

describe("serving the built web app", () => {
  it("sends hashed assets brotli-compressed to browsers that accept it, cached for good", async () => {
    const response = await get("/assets/index-Ab12Cd34.js", { "Accept-Encoding": "gzip, deflate, br, zstd" });
    expect(response.status).toBe(200);
    expect(response.headers["content-encoding"]).toBe("br");
    expect(response.headers["content-type"]).toMatch(/^(text|application)\/javascript; charset=utf-8$/i);
    expect(response.headers["cache-control"]).toBe(IMMUTABLE);
    expect(response.headers.vary).toContain("Accept-Encoding");
    expect(brotliDecompressSync(response.body).toString()).toBe(script);
    expect(response.body.length).toBeLessThan(script.length / 5);
  });

  it("sends gzip to browsers without brotli, and the plain file to those accepting neither", async () => {
    const gzipped = await get("/assets/index-Ab12Cd34.js", { "Accept-Encoding": "gzip" });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.headers["cache-control"]).toBe(IMMUTABLE);
    expect(gunzipSync(gzipped.body).toString()).toBe(script);

    const plain = await get("/assets/index-Ab12Cd34.js", { "Accept-Encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it("serves the app shell for client routes, compressed and revalidated on every load", async () => {
    for (const pathname of ["/", "/chores/12", "/index.html"]) {
      const response = await get(pathname, { "Accept-Encoding": "br" });
      expect([pathname, response.status, response.headers["content-encoding"]]).toEqual([pathname, 200, "br"]);
      expect(response.headers["content-type"]).toMatch(/^text\/html; charset=utf-8$/i);
      expect(response.headers["cache-control"]).toBe("no-cache");
      expect(brotliDecompressSync(response.body).toString()).toBe(indexHtml);
    }
  });

  it("serves the manifest and icons revalidated, not as immutable", async () => {
    const manifestResponse = await get("/manifest.webmanifest", { "Accept-Encoding": "gzip" });
    expect(manifestResponse.status).toBe(200);
    expect(manifestResponse.headers["content-type"]).toMatch(/^application\/manifest\+json/);
    expect(manifestResponse.headers["cache-control"]).toBe("no-cache");
    expect(JSON.parse(gunzipSync(manifestResponse.body).toString())).toMatchObject({ name: "Chorus" });
    const icon = await get("/favicon.svg");
    expect([icon.status, icon.headers["content-type"], icon.headers["cache-control"]]).toEqual([200, "image/svg+xml", "no-cache"]);
  });

  it("answers 404 for missing assets and for source maps, never the app shell", async () => {
    for (const pathname of ["/assets/index-Old99999.js", "/assets/index-Ab12Cd34.js.map"]) {
      const response = await get(pathname, { "Accept-Encoding": "br" });
      expect([pathname, response.status, response.headers["content-type"]]).toEqual([pathname, 404, "text/plain; charset=utf-8"]);
    }
  });

  it("lets the page load over plain HTTP from any host name: no upgrade-insecure-requests", async () => {
    const response = await get("/", { Host: "chorus.home:3000" });
    const policy = String(response.headers["content-security-policy"]);
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toContain("upgrade-insecure-requests");
    expect(response.headers["strict-transport-security"]).toBeUndefined();
    // Ignored on such origins, with a console error on every load: sent only over HTTPS.
    expect(response.headers["cross-origin-opener-policy"]).toBeUndefined();
  });

  it("allows index.html's inline script by its hash, and no other inline script", async () => {
    const policy = String((await get("/")).headers["content-security-policy"]);
    const scriptSrc = policy.split(";").find((directive) => directive.trim().startsWith("script-src"));
    const hash = createHash("sha256").update(inlineScript).digest("base64");
    expect(scriptSrc?.trim()).toBe(`script-src 'self' 'sha256-${hash}'`);
  });

  it("isolates the tab with COOP when served over HTTPS through a trusted proxy", async () => {
    const proxied = await startTestServer({ webDistDir: dist, trustProxy: ["loopback"] });
    try {
      const response = await fetch(`${proxied.baseUrl}/`, { headers: { "X-Forwarded-Proto": "https" } });
      expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      const plain = await fetch(`${proxied.baseUrl}/`);
      expect(plain.headers.get("cross-origin-opener-policy")).toBeNull();
    } finally {
      await proxied.close();
    }
  });

  it("leaves API answers uncompressed (small JSON, and streams must not be buffered) and never cached", async () => {
    const response = await get("/api/v1/health", { "Accept-Encoding": "br" });
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(JSON.parse(response.body.toString())).toMatchObject({ status: "ok" });
  });
});
