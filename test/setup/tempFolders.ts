/**
 * The run's temporary folder, and the check that tests leave nothing in it. Every test file's worker (and
 * every server or browser process it starts) inherits TMPDIR pointing at one folder of this run, so what a
 * test makes with os.tmpdir() is found here at the end, apart from what other runs on the same machine
 * make at the same time. At the end the folder is removed; a `group-exam-*` folder a test left behind
 * fails the run by name, since each test is meant to remove what it made.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Folders a test made and forgot: ours by name. Anything else (a browser's profile) is only reported. */
export function leftovers(names: readonly string[]): { ours: string[]; others: string[] } {
  const ours = names.filter((name) => name.startsWith("group-exam-")).sort();
  return { ours, others: names.filter((name) => !ours.includes(name) && name !== "run.pid").sort() };
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return !(error instanceof Error && "code" in error && error.code === "ESRCH");
  }
};

/**
 * The folders of runs that were killed before their end (Ctrl-C twice, a CI timeout): each names its
 * process in a `run.pid` file; a folder whose process is gone goes. One with no such file yet is left
 * alone for an hour, in case a run beside this one has only just made it (or predates the file).
 */
export function sweepDeadRuns(system: string): string[] {
  const swept: string[] = [];
  for (const name of readdirSync(system).filter((n) => n.startsWith("group-exam-run-"))) {
    const folder = join(system, name);
    let pid = Number.NaN;
    try {
      pid = Number(readFileSync(join(folder, "run.pid"), "utf8"));
    } catch {
      // No file yet, or no folder any more.
    }
    const young =
      Number.isNaN(pid) &&
      Date.now() - (statSync(folder, { throwIfNoEntry: false })?.mtimeMs ?? 0) < 3_600_000;
    if (young || (!Number.isNaN(pid) && alive(pid))) continue;
    rmSync(folder, { recursive: true, force: true });
    swept.push(name);
  }
  return swept;
}

/** Each project runs its global setups; the first one makes the run's folder, the others find it made. */
export default function tempFolders(): () => void {
  if (process.env.GROUP_EXAM_RUN_TMPDIR) return () => undefined;
  const system = tmpdir();
  const swept = sweepDeadRuns(system);
  if (swept.length > 0)
    console.log(`temporary folders of runs killed before their end, removed: ${swept.join(", ")}`);
  const run = mkdtempSync(join(system, "group-exam-run-"));
  writeFileSync(join(run, "run.pid"), String(process.pid));
  const before = {
    TMPDIR: process.env.TMPDIR,
    GROUP_EXAM_SYSTEM_TMPDIR: process.env.GROUP_EXAM_SYSTEM_TMPDIR,
    GROUP_EXAM_RUN_TMPDIR: undefined,
  };
  // The bundled browser's cache stays in the system's folder, kept between runs (server/cli/chromium.ts).
  process.env.GROUP_EXAM_SYSTEM_TMPDIR = system;
  process.env.GROUP_EXAM_RUN_TMPDIR = run;
  process.env.TMPDIR = run;
  return () => {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    const { ours, others } = leftovers(readdirSync(run));
    try {
      rmSync(run, { recursive: true, force: true });
    } catch (error) {
      console.warn(`the run's temporary folder ${run} could not be removed: ${String(error)}`);
    }
    if (others.length > 0) console.warn(`the run's temporary folder also held: ${others.join(", ")}`);
    if (ours.length === 0) return console.log("temporary folders: none left behind");
    console.error(
      `FAIL tests left ${ours.length} temporary folder(s) behind (removed now): ${ours.join(", ")}; ` +
        "each test removes what it makes (afterAll, finally, or the harness's close())",
    );
    // Vitest reports an error thrown here but still exits 0: the run fails by its exit code instead.
    process.exitCode = 1;
  };
}
