/**
 * `npm run bench:demo` (after `npm run build`): how the bot-only demo holds up at 2,000 students. It serves
 * dist/client as the tests do, opens /demo in headless Chromium, sets 2,000 students and the fastest speed
 * through the form (as a person would), plays both classes to the criterion and prints the frame rate (the
 * mean, and the 5th percentile of 1-second windows), the longest main-thread stall (the longest 'longtask'
 * and the longest gap between animation frames) and the seconds each class took to reach 95 %. Figures
 * only, no pass or fail: the machine sets the numbers, and other work on it moves them a lot, so it plays
 * `--runs N` (3) runs, each in a fresh browser, prints each and their median, and the machine's load.
 * `--students N` (2000) and `--limit S` (600, the most seconds to wait for both classes) change the run,
 * `--viewport WxH` (1280x800) the window, `--pages DIR` (dist/client) which build is served (an older
 * build, to compare before and after).
 */
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { availableParallelism, loadavg } from "node:os";
import { join, resolve } from "node:path";
import express from "express";
import type { Page } from "playwright-core";
import { servePages } from "../http/pages.ts";
import { launchChromium } from "./chromium.ts";
import { FlagError, wholeNumber } from "./flags.ts";
import { percentile } from "./loadtestFigures.ts";

const DIST = resolve(import.meta.dirname, "..", "..", "dist", "client");

/** One run's figures. */
interface Figures {
  readonly seconds: number;
  readonly fpsMean: number;
  /** 5th percentile and worst of the frames counted in each whole second (null for a run under a second). */
  readonly fpsP5: number | null;
  readonly fpsWorst: number | null;
  readonly longestGapMs: number;
  readonly longestTaskMs: number;
  readonly tasksOver50: number;
  /** Per class: its scheme, the rounds it took, the seconds from Play until the page said so (null: never). */
  readonly classes: readonly { scheme: string; rounds: number | null; seconds: number | null }[];
  readonly status: string;
}

/** What the page records about itself, from before its own scripts run (see `record`). */
interface Recording {
  /** performance.now() of every animation frame since `mark`. */
  frames: number[];
  /** Long tasks since `mark`: [start, duration] in ms. */
  longTasks: [number, number][];
  /** When the hook first said running after `mark`, when each class first had a reachedAt, when it stopped. */
  startedAt: number | null;
  reachedAt: Record<string, number>;
  stoppedAt: number | null;
  /** Set by the bench just before pressing Play: everything before it is the page loading and tuning. */
  mark: number;
}

declare global {
  interface Window {
    __demoFrames?: Recording;
  }
}

/** Runs in the page before its scripts: an animation-frame clock, a long-task observer and a hook watcher. */
function record(): void {
  const rec: Recording = {
    frames: [],
    longTasks: [],
    startedAt: null,
    reachedAt: {},
    stoppedAt: null,
    mark: Number.POSITIVE_INFINITY,
  };
  window.__demoFrames = rec;
  const tick = (now: number): void => {
    if (now >= rec.mark && rec.stoppedAt === null) rec.frames.push(now);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.startTime + e.duration >= rec.mark) rec.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
  let held: unknown;
  Object.defineProperty(window, "__groupExam", {
    configurable: true,
    get: () => held,
    set(value: {
      page?: string;
      running?: boolean;
      classes?: { scheme: string; reachedAt: number | null }[];
    }) {
      held = value;
      const now = performance.now();
      if (value?.page !== "demo" || now < rec.mark) return;
      if (value.running && rec.startedAt === null) rec.startedAt = now;
      for (const c of value.classes ?? [])
        if (c.reachedAt !== null && rec.reachedAt[c.scheme] === undefined && rec.startedAt !== null)
          rec.reachedAt[c.scheme] = now;
      if (!value.running && rec.startedAt !== null && rec.stoppedAt === null) rec.stoppedAt = now;
    },
  });
}

interface Options {
  readonly students: number;
  readonly limitS: number;
  readonly viewport: { readonly width: number; readonly height: number };
  readonly runs: number;
  readonly pages: string;
}

function parse(argv: readonly string[]): Options {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(students|limit|viewport|runs|pages)(?:=(.*))?$/.exec(argv[i]);
    if (!m)
      throw new FlagError(
        `unknown argument "${argv[i]}" (flags: --students N, --limit S, --viewport WxH, --runs N, --pages DIR)`,
      );
    raw[m[1]] = m[2] ?? argv[++i] ?? "";
  }
  const size = /^(\d+)x(\d+)$/.exec(raw.viewport ?? "1280x800");
  if (!size) throw new FlagError(`--viewport must look like 1280x800, not "${raw.viewport}"`);
  return {
    students: wholeNumber("students", raw.students, { fallback: 2000, min: 2, max: 2000 }),
    limitS: wholeNumber("limit", raw.limit, { fallback: 600, min: 1 }),
    viewport: { width: Number(size[1]), height: Number(size[2]) },
    runs: wholeNumber("runs", raw.runs, { fallback: 3, min: 1, max: 20 }),
    pages: resolve(raw.pages ?? DIST),
  };
}

/** Frames in each whole second from `from` to `to`: the frame rate second by second. */
export function perSecond(frames: readonly number[], from: number, to: number): number[] {
  const windows = Math.max(0, Math.floor((to - from) / 1000));
  const counts = new Array<number>(windows).fill(0);
  for (const t of frames) {
    const k = Math.floor((t - from) / 1000);
    if (k >= 0 && k < windows) counts[k]++;
  }
  return counts;
}

/** Sets the class size and the fastest speed through the form, then waits for the Ready line. */
async function prepare(page: Page, students: number): Promise<void> {
  await page.locator("#students").fill(String(students));
  await page.locator("#students").dispatchEvent("change");
  const fastest = await page.locator("#speed option").last().getAttribute("value");
  await page.locator("#speed").selectOption(fastest ?? "");
  await page.waitForFunction(
    () => document.querySelector("#status")?.textContent?.startsWith("Ready") ?? false,
    undefined,
    { timeout: 300_000, polling: 100 },
  );
}

async function bench(url: string, options: Options): Promise<Figures> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: options.viewport });
    await context.addInitScript(record);
    const page = await context.newPage();
    const response = await page.goto(`${url}/demo`);
    if (!response?.ok()) throw new Error(`/demo answered ${response?.status() ?? "nothing"}`);
    await prepare(page, options.students);
    // A second of the page at rest first, so the figures start from a settled page.
    await page.waitForTimeout(1000);
    await page.evaluate(() => {
      if (window.__demoFrames) window.__demoFrames.mark = performance.now();
    });
    await page.locator("#play").click();
    await page
      .waitForFunction(() => window.__demoFrames?.stoppedAt != null, undefined, {
        timeout: options.limitS * 1000,
        polling: 250,
      })
      .catch(() => {});
    const rec = await page.evaluate(() => {
      const r = window.__demoFrames;
      if (r && r.stoppedAt === null) r.stoppedAt = performance.now();
      return r;
    });
    if (!rec || rec.startedAt === null || rec.stoppedAt === null) throw new Error("the demo never started");
    const started = rec.startedAt;
    const seconds = (rec.stoppedAt - rec.mark) / 1000;
    const windows = perSecond(rec.frames, rec.mark, rec.stoppedAt).sort((a, b) => a - b);
    let gap = 0;
    for (let i = 1; i < rec.frames.length; i++) gap = Math.max(gap, rec.frames[i] - rec.frames[i - 1]);
    const classes = await page.evaluate(() =>
      window.__groupExam?.page === "demo" ? window.__groupExam.classes : [],
    );
    return {
      seconds,
      fpsMean: rec.frames.length / seconds,
      fpsP5: windows.length ? percentile(windows, 0.05) : null,
      fpsWorst: windows.length ? windows[0] : null,
      longestGapMs: gap,
      longestTaskMs: rec.longTasks.reduce((m, [, d]) => Math.max(m, d), 0),
      tasksOver50: rec.longTasks.filter(([, d]) => d > 50).length,
      classes: classes.map((c) => {
        const at = rec.reachedAt[c.scheme];
        return {
          scheme: c.scheme,
          rounds: c.reachedAt,
          seconds: at === undefined ? null : (at - started) / 1000,
        };
      }),
      status: (await page.locator("#status").textContent()) ?? "",
    };
  } finally {
    await browser.close();
  }
}

const fixed = (v: number | null, digits = 1): string => (v === null ? "–" : v.toFixed(digits));
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(", ");

function runLines(f: Figures): string[] {
  const lines = [
    `  frames per second:  mean ${fixed(f.fpsMean)}, 5th percentile of 1-second windows ${fixed(f.fpsP5, 0)} (worst ${fixed(f.fpsWorst, 0)})`,
    `  longest stall:      ${Math.round(f.longestGapMs)} ms between animation frames; longest task ${Math.round(f.longestTaskMs)} ms (${f.tasksOver50} task${f.tasksOver50 === 1 ? "" : "s"} over 50 ms)`,
  ];
  for (const c of f.classes)
    lines.push(
      `  ${c.scheme.padEnd(11)} reached 95 % in ${c.rounds === null ? "–" : c.rounds.toLocaleString("en")} rounds, ${c.seconds === null ? `not within ${f.seconds.toFixed(1)} s` : `${c.seconds.toFixed(1)} s after Play`}`,
    );
  lines.push(`  the page says: ${f.status}`);
  return lines;
}

/** The median of each figure over the runs (the middle run's, figure by figure). */
function medianLines(runs: readonly Figures[]): string[] {
  const median = (pick: (f: Figures) => number | null): number | null => {
    const values = runs.map(pick).filter((v): v is number => v !== null);
    return values.length
      ? percentile(
          [...values].sort((a, b) => a - b),
          0.5,
        )
      : null;
  };
  const lines = [
    `  frames per second:  mean ${fixed(median((f) => f.fpsMean))}, 5th percentile of 1-second windows ${fixed(
      median((f) => f.fpsP5),
      0,
    )}`,
    `  longest stall:      ${fixed(
      median((f) => f.longestGapMs),
      0,
    )} ms between animation frames; longest task ${fixed(
      median((f) => f.longestTaskMs),
      0,
    )} ms`,
  ];
  for (const [k, c] of (runs[0]?.classes ?? []).entries())
    lines.push(
      `  ${c.scheme.padEnd(11)} ${fixed(median((f) => f.classes[k]?.seconds ?? null))} s from Play to 95 %`,
    );
  return lines;
}

async function main(): Promise<void> {
  let options: Options;
  try {
    options = parse(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  if (!existsSync(join(options.pages, "demo.html"))) {
    process.stderr.write(`No build in ${options.pages}: run \`npm run build\` first.\n`);
    process.exit(1);
  }
  const app = express();
  servePages(app, options.pages);
  const server: Server = await new Promise((ready) => {
    const s = app.listen(0, "127.0.0.1", () => ready(s));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const { students, viewport } = options;
  const say = (lines: readonly string[]): void => {
    process.stdout.write(`${lines.join("\n")}\n`);
  };
  say([
    `The demo with ${students.toLocaleString("en")} students a class at the fastest speed, from Play until both classes reach 95 %, headless Chromium ${viewport.width}×${viewport.height}, ${options.runs} run${options.runs === 1 ? "" : "s"}:`,
  ]);
  const runs: Figures[] = [];
  try {
    for (let k = 0; k < options.runs; k++) {
      const f = await bench(`http://127.0.0.1:${port}`, options);
      runs.push(f);
      say([`run ${k + 1} (${f.seconds.toFixed(1)} s; machine load ${load()}):`, ...runLines(f)]);
    }
  } finally {
    server.close();
  }
  if (runs.length > 1) say([`median of ${runs.length} runs:`, ...medianLines(runs)]);
  say([
    `(${availableParallelism()} cores; a load above that means other work shared them, and the figures drop with it)`,
  ]);
}

await main();
