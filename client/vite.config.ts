/**
 * The client pages, one entry each. Built to dist/client and served by the exam server; `npm run dev`
 * serves them with hot reload and sends the API and WebSocket traffic to a server on port 2567.
 */
import { resolve } from "node:path";
import { defineConfig } from "vite";

const root = import.meta.dirname;
const PAGES = ["index", "student", "demo", "projector", "teacher"] as const;

export default defineConfig({
  root,
  publicDir: resolve(root, "public"),
  build: {
    outDir: resolve(root, "..", "dist", "client"),
    emptyOutDir: true,
    manifest: true,
    // Phaser alone is about 1.2 MB minified (340 kB gzip), one chunk shared and cached by every canvas page.
    chunkSizeWarningLimit: 1500,
    rollupOptions: { input: Object.fromEntries(PAGES.map((p) => [p, resolve(root, `${p}.html`)])) },
  },
  server: {
    proxy: {
      "/api": "http://localhost:2567",
      "/matchmake": "http://localhost:2567",
    },
  },
});
