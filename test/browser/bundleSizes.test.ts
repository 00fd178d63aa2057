/**
 * The figures script's bundle sums: which files a page loads, from Vite's manifest, each counted once;
 * checked on a made-up manifest and on the real build's (whose files must all exist).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kB, type Manifest, pageFiles, totalSize } from "../../server/cli/bundleSizes.ts";
import { PAGES_DIR } from "./browser.ts";

const manifest: Manifest = {
  "_shared.js": { file: "assets/shared-1.js", imports: ["_engine.js"] },
  "_engine.js": { file: "assets/engine-2.js", css: ["assets/engine-2.css"], imports: ["_shared.js"] },
  "_phaser.js": { file: "assets/phaser-3.js" },
  "student.html": {
    file: "assets/student-4.js",
    isEntry: true,
    imports: ["_shared.js", "_phaser.js", "_engine.js"],
    css: ["assets/student-4.css", "assets/engine-2.css"],
  },
  "demo.html": {
    file: "assets/demo-5.js",
    isEntry: true,
    imports: ["_engine.js"],
    assets: ["assets/worker-6.js", "assets/logo.svg"],
  },
};

describe("a page's bundle", () => {
  it("holds the html, the entry, every chunk it imports through others, and their CSS, once each", () => {
    expect(pageFiles(manifest, "student.html")).toEqual({
      upFront: [
        "student.html",
        "assets/student-4.js",
        "assets/student-4.css",
        "assets/engine-2.css",
        "assets/shared-1.js",
        "assets/engine-2.js",
        "assets/phaser-3.js",
      ],
      workers: [],
    });
    const demo = pageFiles(manifest, "demo.html");
    expect(demo?.upFront).toEqual([
      "demo.html",
      "assets/demo-5.js",
      "assets/engine-2.js",
      "assets/engine-2.css",
      "assets/shared-1.js",
    ]);
    expect(demo?.workers).toEqual(["assets/worker-6.js"]);
  });

  it("is null for a page the build does not have, and a chunk that is not an entry is no page", () => {
    expect(pageFiles(manifest, "teacher.html")).toBeNull();
    expect(pageFiles(manifest, "_shared.js")).toBeNull();
    expect(() =>
      pageFiles({ "x.html": { file: "x.js", isEntry: true, imports: ["_gone.js"] } }, "x.html"),
    ).toThrow(/_gone\.js/);
  });

  it("adds up sizes and prints kilobytes", () => {
    const sizes: Record<string, number> = { a: 1200, b: 34 };
    expect(totalSize(["a", "b"], (f) => ({ raw: sizes[f], gzip: sizes[f] / 2 }))).toEqual({
      raw: 1234,
      gzip: 617,
    });
    expect(kB(414_449)).toBe("414.4 kB");
  });

  it("finds every file of the real build's pages on disk", () => {
    const real = JSON.parse(readFileSync(join(PAGES_DIR, ".vite", "manifest.json"), "utf8")) as Manifest;
    for (const page of ["index", "student", "demo"]) {
      const files = pageFiles(real, `${page}.html`);
      if (!files) throw new Error(`${page}.html is not in the build`);
      expect(files.upFront[1]).toMatch(/\.js$/);
      for (const f of [...files.upFront, ...files.workers])
        expect(existsSync(join(PAGES_DIR, f)), f).toBe(true);
    }
    // The student page carries Phaser; the join page must not.
    const size = (page: string) =>
      totalSize(pageFiles(real, `${page}.html`)?.upFront ?? [], (f) => {
        const n = readFileSync(join(PAGES_DIR, f)).length;
        return { raw: n, gzip: n };
      }).raw;
    expect(size("index")).toBeLessThan(size("student") / 4);
  });
});
