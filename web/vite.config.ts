import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { defineConfig, transformWithEsbuild, type Plugin, type Rollup } from "vite";
import { compression } from "vite-plugin-compression2";

/**
 * A stylesheet esbuild only warns about (an unclosed block, a stray brace) silently loses
 * every rule after the fault, so the build fails on it instead.
 */
function cssWarningsAreErrors(): Plugin {
  return {
    name: "chorus:css-warnings-are-errors",
    enforce: "pre",
    async transform(code, id) {
      if (!id.endsWith(".css")) return null;
      const { warnings } = await transformWithEsbuild(code, id, { loader: "css", minify: false });
      const [first] = warnings;
      if (first) this.error(`${first.text} (${id}:${first.location?.line ?? "?"}:${first.location?.column ?? "?"})`);
      return null;
    },
  };
}

/**
 * The JavaScript a cold load of the app downloads before it can draw the tasks page: the
 * entry chunk and every chunk it imports statically (Vite preloads those; lazy pages load
 * when opened). The build fails when its gzip size passes the budget (issue 15, decision 0018).
 */
export const COLD_LOAD_JS_BUDGET_BYTES = 155_000;

export function coldLoadBytes(bundle: Rollup.OutputBundle): { files: string[]; gzipBytes: number } {
  const chunks = new Map(Object.values(bundle).flatMap((output) => (output.type === "chunk" ? [[output.fileName, output] as const] : [])));
  const files = new Set<string>();
  const visit = (fileName: string) => {
    if (files.has(fileName)) return;
    files.add(fileName);
    for (const imported of chunks.get(fileName)?.imports ?? []) visit(imported);
  };
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
  const gzipBytes = [...files].reduce((sum, fileName) => sum + gzipSync(chunks.get(fileName)!.code, { level: 9 }).length, 0);
  return { files: [...files], gzipBytes };
}

function coldLoadBudget(): Plugin {
  return {
    name: "chorus:cold-load-budget",
    apply: "build",
    generateBundle(_options, bundle) {
      const { files, gzipBytes } = coldLoadBytes(bundle);
      const budget = `budget ${COLD_LOAD_JS_BUDGET_BYTES / 1000} kB`;
      const summary = `cold-load JS: ${(gzipBytes / 1000).toFixed(1)} kB gzip in ${files.length} files (${budget})`;
      if (gzipBytes > COLD_LOAD_JS_BUDGET_BYTES) this.error(`${summary}: ${files.join(", ")}`);
      this.info(summary);
    },
  };
}

/**
 * The app shell the service worker keeps for opening offline (decision 0043): index.html and
 * the files it loads (the entry, its static imports, the stylesheet), named in the built
 * sw.js with a version from index.html's content, so a new build is a new worker that drops
 * the old shell. Lazy pages are left out: offline there is only the tasks page's data.
 */
function shellFiles(indexHtml: string, bundle: Rollup.OutputBundle): string[] {
  const assets = [...indexHtml.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map(([, url]) => url!);
  // The other languages' catalogues too (decision 0047): the first render waits for the chosen one, online or not.
  const catalogues = Object.values(bundle)
    .filter((file) => file.type === "chunk" && file.fileName.startsWith("assets/locales/"))
    .map((file) => `/${file.fileName}`);
  return ["/index.html", "/favicon.svg", "/manifest.webmanifest", ...new Set(assets), ...catalogues];
}

function precacheShell(): Plugin {
  let outDir = "";
  return {
    name: "chorus:precache-shell",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    // After the public folder (sw.js) is copied, before the compression plugin's closeBundle compresses it.
    writeBundle(_options, bundle) {
      const index = bundle["index.html"];
      if (index?.type !== "asset") this.error("no index.html in the build");
      const html = String(index.source);
      const version = createHash("sha256").update(html).digest("hex").slice(0, 12);
      const worker = path.join(outDir, "sw.js");
      const names = `self.__CHORUS_SHELL__ = ${JSON.stringify(shellFiles(html, bundle))};\nself.__CHORUS_SHELL_VERSION__ = "${version}";\n`;
      writeFileSync(worker, names + readFileSync(worker, "utf8"));
    },
  };
}

export default defineConfig({
  // React 19's automatic runtime; no React plugin needed (no fast refresh in dev).
  esbuild: { jsx: "automatic" },
  plugins: [
    cssWarningsAreErrors(),
    coldLoadBudget(),
    precacheShell(),
    // .br and .gz beside each text file, at maximum compression, once per build; the
    // server picks the best one the browser accepts (server/src/http/webApp.ts).
    compression({
      algorithms: ["brotliCompress", "gzip"],
      include: /\.(html|css|js|mjs|json|svg|webmanifest)$/,
      logLevel: "silent",
    }),
  ],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // No source maps: they would publish the app's source to anyone who asks.
    sourcemap: false,
    rollupOptions: {
      // Library "use client" directives and misplaced pure annotations are harmless here.
      onwarn(warning, warn) {
        if (warning.code === "MODULE_LEVEL_DIRECTIVE" || warning.code === "INVALID_ANNOTATION") return;
        warn(warning);
      },
      output: {
        // React changes less often than the app: a separate file caches longer. Other
        // libraries stay with the code that uses them, so a page's libraries (QR codes,
        // date parsing) load with that page, not with the first one.
        manualChunks(id) {
          if (/node_modules\/\.pnpm\/(react|react-dom|react-router|scheduler|cookie|set-cookie-parser)@/.test(id)) return "react";
          return undefined;
        },
        // A catalogue (decision 0047) is named by its language and namespace: `assets/locales/de-chores-<hash>.js`.
        chunkFileNames(chunk) {
          const catalogue = chunk.facadeModuleId?.match(/\/src\/locales\/(\w+)\/([\w-]+)\.json$/);
          return catalogue ? `assets/locales/${catalogue[1]}-${catalogue[2]}-[hash].js` : "assets/[name]-[hash].js";
        },
      },
    },
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
