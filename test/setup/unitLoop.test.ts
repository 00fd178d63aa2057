/**
 * `npm run test:unit` stays a fast loop: no test file in the unit project imports what starts a server, a
 * process or a browser. A new test that needs one belongs under test/server/ or test/browser/.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { BROWSER, SERVER } from "../vitest.config.ts";

const root = resolve(import.meta.dirname, "..", "..");

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return path.endsWith(".test.ts") ? [relative(root, path)] : [];
  });
}

/** The config's two shapes of pattern: every test of a folder, or one file. */
const slow = (file: string): boolean =>
  [...SERVER, ...BROWSER].some((glob) =>
    glob.endsWith("/**/*.test.ts") ? file.startsWith(glob.slice(0, -"**/*.test.ts".length)) : file === glob,
  );

/** Imports that mean a server, a child process, a socket or a browser. */
const STARTS = [
  "node:child_process",
  "node:http",
  "node:net",
  "playwright-core",
  "@colyseus/sdk",
  "express",
  "/harness.ts",
  "/serverProcess.ts",
  "/browser.ts",
  "server/app.ts",
  "server/main.ts",
];

const importsOf = (file: string): string[] =>
  [...readFileSync(join(root, file), "utf8").matchAll(/\bfrom\s+"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/g)].map(
    (m) => m[1] ?? m[2],
  );

describe("the unit loop", () => {
  const unit = testFiles(join(root, "test")).filter((file) => !slow(file));

  it("holds the engine, session, protocol and view-model tests, and none of the server or browser ones", () => {
    for (const folder of ["engine", "session", "protocol", "board", "projector", "student", "teacher"])
      expect(unit.some((file) => file.startsWith(`test/${folder}/`))).toBe(true);
    expect(
      unit.filter((file) => file.startsWith("test/server/") || file.startsWith("test/browser/")),
    ).toEqual([]);
  });

  it("imports nothing that starts a server, a process or a browser", () => {
    const offending = unit.flatMap((file) =>
      importsOf(file)
        .filter((spec) => STARTS.some((s) => spec === s || spec.endsWith(s)))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });
});
