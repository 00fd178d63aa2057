/**
 * Three projects: `unit` (plain data: engine, session, protocol, the pages' view-models; no page build, no
 * browser, no server, `npm run test:unit`), `server` (real servers and processes) and `browser` (real
 * Chromium over the built pages). `npm test` runs all three; the run's temporary folder is checked for
 * leftovers at its end (setup/tempFolders.ts).
 */
import { resolve } from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

/** Test files that start servers or processes (setup/unitLoop.test.ts finds any that is missing). */
export const SERVER = [
  "test/server/**/*.test.ts",
  "test/cli/demo.test.ts",
  "test/cli/weights.test.ts",
  "test/cli/drift.test.ts",
];
export const BROWSER = ["test/browser/**/*.test.ts"];

export default defineConfig({
  root: resolve(import.meta.dirname, ".."),
  test: {
    testTimeout: 60_000,
    globalSetup: ["test/setup/tempFolders.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...SERVER, ...BROWSER],
        },
      },
      { extends: true, test: { name: "server", include: SERVER } },
      {
        extends: true,
        test: { name: "browser", include: BROWSER, globalSetup: ["test/setup/browser.ts"] },
      },
    ],
  },
});
