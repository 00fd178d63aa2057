/**
 * `npm run figures` (after `npm run build`): what the client pages cost. (a) Each page's production
 * download, gzip, from the build's manifest; (b) how long a student waits to be seated, in headless
 * Chromium against a real server started here (temporary data folder, free port): the median and the max
 * of N runs, each in a fresh browser context. Figures only: no pass or fail. `--runs N` changes N (5).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { CreateSessionReply } from "../../shared/protocol/session.ts";
import { startApp } from "../app.ts";
import { servePages } from "../http/pages.ts";
import { kB, type Manifest, pageFiles, type Sizes, totalSize } from "./bundleSizes.ts";
import { launchChromium } from "./chromium.ts";
import { FlagError, wholeNumber } from "./flags.ts";
import { type JoinRun, timeJoin } from "./joinTiming.ts";
import { percentile } from "./loadtestFigures.ts";

const ROOT = resolve(import.meta.dirname, "..", "..");
const DIST = join(ROOT, "dist", "client");
const MANIFEST = join(DIST, ".vite", "manifest.json");
const PAGES = ["index", "student", "demo", "projector", "teacher"] as const;

function parseRuns(argv: readonly string[]): number {
  let raw: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--runs") raw = argv[++i] ?? "";
    else if (argv[i].startsWith("--runs=")) raw = argv[i].slice("--runs=".length);
    else throw new FlagError(`unknown argument "${argv[i]}" (the only flag is --runs N)`);
  }
  return wholeNumber("runs", raw, { fallback: 5, min: 1, max: 100 });
}

/** The newest modification time under `dir`, to tell a stale build from a fresh one. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function bundleLines(manifest: Manifest): string[] {
  const sizeOf = (file: string): Sizes => {
    const bytes = readFileSync(join(DIST, file));
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const lines = [
    "Page bundles (production build; html + entry JS + every JS/CSS chunk it imports; gzip -9):",
  ];
  for (const page of PAGES) {
    const files = pageFiles(manifest, `${page}.html`);
    const name = page.padEnd(10);
    if (!files) {
      lines.push(`  ${name} not built yet: client/${page}.html is not in this build, skipped`);
      continue;
    }
    const total = totalSize(files.upFront, sizeOf);
    let line = `  ${name} ${kB(total.gzip).padStart(9)} gzip  (${kB(total.raw)} raw, ${files.upFront.length} files)`;
    if (files.workers.length) {
      const workers = totalSize(files.workers, sizeOf);
      line += `; + ${kB(workers.gzip)} gzip in ${files.workers.length} worker file(s), loaded after start`;
    }
    lines.push(line);
  }
  return lines;
}

async function joinLines(runs: number): Promise<string[]> {
  const dataDir = mkdtempSync(join(tmpdir(), "group-exam-figures-"));
  const app = await startApp({
    port: 0,
    host: "127.0.0.1",
    dataDir,
    log: () => {},
    routes: (express) => servePages(express, DIST),
  });
  const base = `http://127.0.0.1:${app.port}`;
  const browser = await launchChromium();
  try {
    const res = await fetch(`${base}/api/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ exam: "independent", scheme: { name: "global" }, maxStudents: 50 }),
    });
    if (res.status !== 201) throw new Error(`could not create a session: ${res.status} ${await res.text()}`);
    const { code } = (await res.json()) as CreateSessionReply;
    // One run first that is not counted: Chromium's first context and the server's first room join are cold.
    await timeJoin(browser, base, code, "Warm Up");
    const measured: JoinRun[] = [];
    for (let i = 0; i < runs; i++) measured.push(await timeJoin(browser, base, code, `Timer ${i + 1}`));
    const stat = (pick: (r: JoinRun) => number): string => {
      const sorted = measured.map(pick).sort((a, b) => a - b);
      const ms = (v: number): string => `${Math.round(v)} ms`;
      return `median ${ms(percentile(sorted, 0.5)).padStart(7)}, max ${ms(sorted[sorted.length - 1]).padStart(7)}`;
    };
    return [
      `Joining in headless Chromium (${runs} runs, a fresh browser context each, server on loopback; one warm-up run not counted):`,
      `  join page opened → seated:                     ${stat((r) => r.openedToSeatedMs)}`,
      `  /student opened (after handover) → connected:  ${stat((r) => r.studentToConnectedMs)}`,
      "  of which:",
      `    join page opened → ready to type:            ${stat((r) => r.joinPageReadyMs)}`,
      `    Enter pressed → /student opened (handover):  ${stat((r) => r.handoverMs)}`,
      `    /student opened → its script running:        ${stat((r) => r.studentScriptMs)}`,
      `    script running → connected (reconnect):      ${stat((r) => r.studentToConnectedMs - r.studentScriptMs)}`,
    ];
  } finally {
    await browser.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  let runs: number;
  try {
    runs = parseRuns(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  if (!existsSync(MANIFEST)) {
    process.stderr.write("No production build with a manifest in dist/client: run `npm run build` first.\n");
    process.exit(1);
  }
  const manifest = JSON.parse(readFileSync(MANIFEST, "utf8")) as Manifest;
  const out = bundleLines(manifest);
  if (newest(join(ROOT, "client")) > statSync(MANIFEST).mtimeMs)
    out.push("  (client/ has changed since this build: run `npm run build` for current figures)");
  process.stdout.write(`${out.join("\n")}\n\n`);
  try {
    process.stdout.write(`${(await joinLines(runs)).join("\n")}\n`);
  } catch (e) {
    process.stderr.write(`The join timing failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}

await main();
// The closed server's rooms still hold their dropped seats' reconnection timers: nothing left to wait for.
process.exit(0);
