/**
 * Three projects: `unit` (plain data: engine, session, protocol, the pages' view-models; no page build, no
 * browser, no server, `npm run test:unit`), `server` (real servers and processes) and `browser` (real
 * Chromium over the built pages). `npm test` runs all three; the run's temporary folder is checked for
 * leftovers at its end (setup/tempFolders.ts).
 */
import { resolve } from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

/** What starts servers, processes or a browser: everything else is a unit test. */
const SLOW = ["test/server/**", "test/browser/**", "test/cli/demo.test.ts"];

export default defineConfig({
  root: resolve(import.meta.dirname, ".."),
  test: {
    testTimeout: 60_000,
    globalSetup: ["test/setup/tempFolders.ts"],
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [...configDefaults.exclude, ...SLOW] },
      },
      {
        extends: true,
        test: { name: "server", include: ["test/server/**/*.test.ts", "test/cli/demo.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          globalSetup: ["test/setup/browser.ts"],
        },
      },
    ],
  },
});
