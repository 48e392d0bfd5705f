import { defineConfig } from "vite";

export default defineConfig({
  // React 19's automatic runtime; no React plugin needed (no fast refresh in dev).
  esbuild: { jsx: "automatic" },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
