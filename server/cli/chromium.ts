/**
 * Headless Chromium for the figures and the browser tests, driven by playwright-core (which cannot download
 * its own browsers here). The project finds one, in this order:
 *
 * 1. `CHROMIUM_PATH`, when set (an error if nothing runs there: a path someone typed is never skipped);
 * 2. the system's: `/usr/bin/chromium`, else `chromium`, `chromium-browser`, `google-chrome` on the PATH;
 * 3. Playwright's cache (`~/.cache/ms-playwright/chromium-*` or `PLAYWRIGHT_BROWSERS_PATH`), newest first;
 * 4. else the one the npm registry brought: @sparticuz/chromium (a devDependency), a headless Chromium with
 *    SwiftShader for WebGL2, unpacked once into a cache folder in the system's temporary folder.
 *
 * `GROUP_EXAM_BROWSER=bundled` skips 1–3 (how a machine with no Chromium is tried on one that has it).
 * Each launch says in one line which browser it took.
 */
import { execFileSync } from "node:child_process";
import {
  accessSync,
  constants,
  existsSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { homedir, tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { type Browser, chromium } from "playwright-core";

export type BrowserSource = "CHROMIUM_PATH" | "system" | "playwright" | "bundled";

export interface FoundBrowser {
  readonly source: BrowserSource;
  readonly path: string;
  /** Flags this build needs besides ours. */
  readonly args: readonly string[];
  /** Variables this build needs in its environment (the bundled one on a bare machine). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Ours, for every build: no first-run chores, no network of its own. */
const OUR_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** The version of @sparticuz/chromium in package.json: the cache folder is named after it. */
const BUNDLED_VERSION = "153.0.0";

/** What the search may look at: the environment and the file system, handed in so a test can fake both. */
export interface Surroundings {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  readonly runnable: (path: string) => boolean;
  readonly list: (dir: string) => readonly string[];
}

const isRunnable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const listDir = (dir: string): readonly string[] => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

export const HERE: Surroundings = { env: process.env, home: homedir(), runnable: isRunnable, list: listDir };

/** Which build `GROUP_EXAM_BROWSER` asks for; anything else is a typo worth stopping for. */
function wanted(env: Surroundings["env"]): "any" | "bundled" {
  const value = env.GROUP_EXAM_BROWSER ?? "";
  if (value === "" || value === "any") return "any";
  if (value === "bundled") return "bundled";
  throw new Error(`GROUP_EXAM_BROWSER is "${value}": leave it unset, or set it to "bundled" (the npm one)`);
}

/** Playwright's Chromium builds, newest revision first (its folders are chromium-<revision>). */
function playwrightBuilds(at: Surroundings): string[] {
  const root = at.env.PLAYWRIGHT_BROWSERS_PATH || join(at.home, ".cache", "ms-playwright");
  return at
    .list(root)
    .filter((name) => /^chromium-\d+$/.test(name))
    .sort((a, b) => Number(b.slice(9)) - Number(a.slice(9)))
    .flatMap((name) => ["chrome-linux64", "chrome-linux"].map((dir) => join(root, name, dir, "chrome")));
}

/**
 * A Chromium already on this machine, in the order of the docblock, or null when there is none (then the
 * bundled one is the answer). Pure over `at`.
 */
export function installedBrowser(at: Surroundings = HERE): FoundBrowser | null {
  if (wanted(at.env) === "bundled") return null;
  const asked = at.env.CHROMIUM_PATH;
  if (asked) {
    if (!at.runnable(asked)) throw new Error(`CHROMIUM_PATH is ${asked}, and no browser runs there`);
    return { source: "CHROMIUM_PATH", path: asked, args: [] };
  }
  const onPath = (at.env.PATH ?? "")
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => ["chromium", "chromium-browser", "google-chrome"].map((name) => join(dir, name)));
  const system = ["/usr/bin/chromium", ...onPath].find(at.runnable);
  if (system) return { source: "system", path: system, args: [] };
  const cached = playwrightBuilds(at).find(at.runnable);
  if (cached) return { source: "playwright", path: cached, args: [] };
  return null;
}

/**
 * The package's flags for its build, less those that would make our pages' world unlike a real browser's
 * (no same-origin policy, mixed content, one process for everything) and its own headless flag (ours says
 * the same). What stays is what makes WebGL2 run through SwiftShader with no GPU.
 */
export function bundledArgs(packageArgs: readonly string[]): string[] {
  const dropped = [
    "--headless",
    "--disable-web-security",
    "--allow-running-insecure-content",
    "--disable-site-isolation-trials",
    "--single-process",
    "--no-zygote",
  ];
  return packageArgs.filter((arg) => !dropped.some((flag) => arg === flag || arg.startsWith(`${flag}=`)));
}

/**
 * The temporary folder the system gives, even inside the test run (which points TMPDIR at a folder of its
 * own, removed at its end): the unpacked browser is a cache kept between runs, not a leftover of one.
 */
export const systemTmpdir = (): string => process.env.GROUP_EXAM_SYSTEM_TMPDIR || tmpdir();

/**
 * @sparticuz/chromium unpacked into `<system tmp>/sparticuz-chromium-<version>/` once: the browser,
 * SwiftShader, its fonts and (from its Amazon Linux layer) the NSS and expat libraries, as the package lays
 * them out in its temporary folder. It is unpacked into a folder of its own and renamed into place, so test
 * files launching at once never run a half-written binary; the loser of that race throws its copy away.
 */
export async function bundledBrowser(): Promise<FoundBrowser> {
  const { default: bundled, inflate } = await import("@sparticuz/chromium");
  const cache = join(systemTmpdir(), `sparticuz-chromium-${BUNDLED_VERSION}`);
  const found = (): FoundBrowser => ({
    source: "bundled",
    path: join(cache, "chromium"),
    args: bundledArgs(bundled.args),
    env: bareMachineEnv(cache),
  });
  if (existsSync(join(cache, "chromium"))) return found();
  // Beside the package's code; createRequire because Vite's module runner (the tests') has no import.meta.resolve.
  const entry = createRequire(import.meta.url).resolve("@sparticuz/chromium");
  const layer = join(dirname(entry), "..", "bin", "al2023.tar.br");
  const staging = mkdtempSync(`${cache}.unpacking-`);
  // The package unpacks into os.tmpdir(), which it reads synchronously as each call starts: point it at
  // the staging folder for those calls only.
  const before = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  let unpacked: Promise<unknown>;
  try {
    unpacked = Promise.all([bundled.executablePath(), inflate(layer)]);
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
  try {
    await unpacked;
    // The package's fonts.conf names /tmp/fonts; this one names where the fonts are once renamed.
    writeFileSync(join(staging, "fonts.conf"), fontsConf(cache));
    renameSync(staging, cache);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(cache, "chromium"))) throw error;
  }
  return found();
}

/**
 * What the bundled build needs on a machine that lacks what a desktop has: the NSS libraries it links
 * against (when `ldd` finds them missing), a font configuration (when the system has none) and a locale
 * (when the system's is C). Nothing else, so the pages are drawn with the system's fonts where it has some.
 */
function bareMachineEnv(cache: string): Record<string, string> {
  const env: Record<string, string> = {};
  let links = "";
  try {
    links = execFileSync("ldd", [join(cache, "chromium")], { encoding: "utf8" });
  } catch {
    // No ldd: assume the libraries are there; the launch error says otherwise.
  }
  if (links.includes("not found")) {
    const own = join(cache, "al2023", "lib");
    env.LD_LIBRARY_PATH = [own, process.env.LD_LIBRARY_PATH].filter(Boolean).join(delimiter);
  }
  if (!existsSync("/etc/fonts/fonts.conf")) env.FONTCONFIG_FILE = join(cache, "fonts.conf");
  // Under the C or POSIX locale (a container's usual C.UTF-8) this build says its language is
  // "en-US@posix", which Intl refuses as a tag: give it a locale a person's browser would have.
  const locale = process.env.LC_ALL || process.env.LANG || "C";
  if (/^(C|POSIX)([._@]|$)/.test(locale)) {
    env.LANG = "en_US.UTF-8";
    if (process.env.LC_ALL) env.LC_ALL = "en_US.UTF-8";
  }
  return env;
}

const fontsConf = (cache: string): string =>
  [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    "<fontconfig>",
    `  <dir>${join(cache, "fonts")}</dir>`,
    `  <cachedir>${join(cache, "fonts-cache")}</cachedir>`,
    "</fontconfig>",
    "",
  ].join("\n");

export async function findChromium(at: Surroundings = HERE): Promise<FoundBrowser> {
  return installedBrowser(at) ?? (await bundledBrowser());
}

const SAID: Record<BrowserSource, string> = {
  CHROMIUM_PATH: "the one CHROMIUM_PATH names",
  system: "the system's",
  playwright: "Playwright's cached build",
  bundled: "@sparticuz/chromium from the npm registry, unpacked",
};

/** The one line a launch prints. */
export const browserLine = (found: FoundBrowser): string => `browser: ${SAID[found.source]}, ${found.path}`;

/** Once per process, or not at all when the test run's setup said it for every test file. */
let said = process.env.GROUP_EXAM_BROWSER_SAID === "1";

/** The browser found above, launched headless; says which one. */
export async function launchChromium(): Promise<Browser> {
  const found = await findChromium();
  if (!said) console.log(browserLine(found));
  said = true;
  return chromium.launch({
    executablePath: found.path,
    env: found.env ? { ...process.env, ...found.env } : undefined,
    // Debian's build draws WebGL through SwiftShader with the GPU off; the bundled one through ANGLE.
    args: [...OUR_ARGS, ...(found.source === "bundled" ? found.args : ["--disable-gpu"])],
  });
}
