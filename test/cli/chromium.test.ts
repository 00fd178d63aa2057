/**
 * Which browser the project takes, on made-up machines: CHROMIUM_PATH, then the system's, then Playwright's
 * cache, else the bundled one; and which of the bundled package's flags it keeps.
 */
import { describe, expect, it } from "vitest";
import { bundledArgs, installedBrowser, type Surroundings } from "../../server/cli/chromium.ts";

/** A machine whose only runnable files are `files`, with `env` for its environment. */
function machine(files: readonly string[], env: Record<string, string> = {}): Surroundings {
  return {
    env: { PATH: "/usr/local/bin:/usr/bin", ...env },
    home: "/home/ana",
    runnable: (path) => files.includes(path),
    list: (dir) => [
      ...new Set(
        files.filter((f) => f.startsWith(`${dir}/`)).map((f) => f.slice(dir.length + 1).split("/")[0]),
      ),
    ],
  };
}

const PLAYWRIGHT_OLD = "/home/ana/.cache/ms-playwright/chromium-1100/chrome-linux/chrome";
const PLAYWRIGHT_NEW = "/home/ana/.cache/ms-playwright/chromium-1200/chrome-linux64/chrome";

describe("finding a browser", () => {
  it("takes CHROMIUM_PATH before any other", () => {
    const found = installedBrowser(
      machine(["/opt/c/chrome", "/usr/bin/chromium"], { CHROMIUM_PATH: "/opt/c/chrome" }),
    );
    expect(found).toMatchObject({ source: "CHROMIUM_PATH", path: "/opt/c/chrome" });
  });

  it("refuses a CHROMIUM_PATH where nothing runs rather than take another browser", () => {
    expect(() => installedBrowser(machine(["/usr/bin/chromium"], { CHROMIUM_PATH: "/nowhere" }))).toThrow(
      /CHROMIUM_PATH is \/nowhere/,
    );
  });

  it("takes /usr/bin/chromium, else a chromium, chromium-browser or google-chrome on the PATH", () => {
    expect(installedBrowser(machine(["/usr/bin/chromium", "/usr/local/bin/chromium"]))?.path).toBe(
      "/usr/bin/chromium",
    );
    expect(installedBrowser(machine(["/usr/local/bin/google-chrome", PLAYWRIGHT_NEW]))).toMatchObject({
      source: "system",
      path: "/usr/local/bin/google-chrome",
    });
    expect(installedBrowser(machine(["/usr/bin/chromium-browser"]))?.path).toBe("/usr/bin/chromium-browser");
  });

  it("takes Playwright's newest cached build when the system has none", () => {
    expect(installedBrowser(machine([PLAYWRIGHT_OLD, PLAYWRIGHT_NEW]))).toMatchObject({
      source: "playwright",
      path: PLAYWRIGHT_NEW,
    });
    expect(installedBrowser(machine([PLAYWRIGHT_OLD]))?.path).toBe(PLAYWRIGHT_OLD);
    const moved = "/srv/pw/chromium-1300/chrome-linux64/chrome";
    expect(installedBrowser(machine([moved], { PLAYWRIGHT_BROWSERS_PATH: "/srv/pw" }))?.path).toBe(moved);
  });

  it("finds none on a machine without one, so the bundled one is brought", () => {
    expect(installedBrowser(machine([]))).toBeNull();
  });

  it("skips every installed browser when GROUP_EXAM_BROWSER=bundled, and stops on a value it does not know", () => {
    const all = ["/usr/bin/chromium", PLAYWRIGHT_NEW, "/opt/c/chrome"];
    expect(
      installedBrowser(machine(all, { GROUP_EXAM_BROWSER: "bundled", CHROMIUM_PATH: "/opt/c/chrome" })),
    ).toBeNull();
    expect(() => installedBrowser(machine(all, { GROUP_EXAM_BROWSER: "bundle" }))).toThrow(
      /GROUP_EXAM_BROWSER/,
    );
  });
});

describe("the bundled build's flags", () => {
  it("keeps WebGL through SwiftShader and drops what would loosen the pages' security or merge processes", () => {
    const kept = bundledArgs([
      "--headless='shell'",
      "--use-gl=angle",
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
      "--disable-web-security",
      "--allow-running-insecure-content",
      "--disable-site-isolation-trials",
      "--single-process",
      "--no-zygote",
      "--no-sandbox",
    ]);
    expect(kept).toEqual([
      "--use-gl=angle",
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
      "--no-sandbox",
    ]);
  });
});
