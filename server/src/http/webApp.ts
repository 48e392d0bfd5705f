import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import express from "express";
import expressStaticGzip from "express-static-gzip";

/**
 * The built web app. Vite names files under /assets by content hash, so they may be cached
 * for good; everything else (index.html, manifest, icons) is revalidated on each use, so a
 * new version shows on the next load. Files are precompressed at build (brotli and gzip)
 * and served in the best encoding the browser accepts.
 */
export function serveWebApp(app: express.Express, webDistDir: string | undefined) {
  if (webDistDir && existsSync(path.join(webDistDir, "index.html"))) {
    const assetsDir = path.join(webDistDir, "assets") + path.sep;
    const files = expressStaticGzip(webDistDir, {
      enableBrotli: true,
      orderPreference: ["br", "gz"],
      index: false,
      serveStatic: {
        index: false,
        cacheControl: false,
        setHeaders: (res, file) => {
          res.setHeader("Cache-Control", file.startsWith(assetsDir) ? "public, max-age=31536000, immutable" : "no-cache");
        },
      },
    });
    // Source maps are not built; a stale one left in the folder is not published either.
    app.get("/{*path}.map", (_req, res) => {
      res.status(404).type("text").send("Not found");
    });
    app.use(files);
    // Client-side routes: any other GET gets the app shell. Missing assets are 404s, not HTML.
    app.get("/assets/{*path}", (_req, res) => {
      res.status(404).type("text").send("Not found");
    });
    app.get("/{*path}", (req, res, next) => {
      req.url = "/index.html";
      files(req, res, next);
    });
    return;
  }
  app.get("/", (_req, res) => {
    res
      .type("html")
      .send(
        "<!doctype html><html lang=en><meta charset=utf-8><title>Chorus</title>" +
          "<h1>Chorus</h1><p>The API is running at <code>/api/v1</code>. Build the web app with <code>pnpm build</code>.</p></html>",
      );
  });
}

/**
 * The Content-Security-Policy sources of index.html's inline scripts (the colour scheme before
 * first paint, decision 0037; the tasks page's early request, decision 0018): each allowed by its hash, so no `'unsafe-inline'`, and
 * read from the build being served, so editing the script needs no server change.
 */
export function inlineScriptSources(webDistDir: string | undefined): string[] {
  if (!webDistDir) return [];
  const html = readFileSync(path.join(webDistDir, "index.html"), "utf8");
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash("sha256").update(body!).digest("base64")}'`,
  );
}
