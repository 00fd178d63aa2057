/**
 * The run's temporary folder, and the check that tests leave nothing in it. Every test file's worker (and
 * every server or browser process it starts) inherits TMPDIR pointing at one folder of this run, so what a
 * test makes with os.tmpdir() is found here at the end, apart from what other runs on the same machine
 * make at the same time. At the end the folder is removed; a `group-exam-*` folder a test left behind
 * fails the run by name, since each test is meant to remove what it made.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Folders a test made and forgot: ours by name. Anything else (a browser's profile) is only reported. */
export function leftovers(names: readonly string[]): { ours: string[]; others: string[] } {
  const ours = names.filter((name) => name.startsWith("group-exam-")).sort();
  return { ours, others: names.filter((name) => !ours.includes(name)).sort() };
}

/** Each project runs its global setups; the first one makes the run's folder, the others find it made. */
export default function tempFolders(): () => void {
  if (process.env.GROUP_EXAM_RUN_TMPDIR) return () => undefined;
  const system = tmpdir();
  const run = mkdtempSync(join(system, "group-exam-run-"));
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
