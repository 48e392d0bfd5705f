import { defineConfig, transformWithEsbuild, type Plugin } from "vite";
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

export default defineConfig({
  // React 19's automatic runtime; no React plugin needed (no fast refresh in dev).
  esbuild: { jsx: "automatic" },
  plugins: [
    cssWarningsAreErrors(),
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
        // Libraries change less often than the app: separate files cache longer.
        manualChunks(id) {
          if (/node_modules\/\.pnpm\/(react|react-dom|react-router|scheduler|cookie|set-cookie-parser)@/.test(id)) return "react";
          if (id.includes("node_modules")) return "vendor";
          return undefined;
        },
      },
    },
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
