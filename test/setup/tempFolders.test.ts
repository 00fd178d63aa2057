/**
 * The leftover check itself: a folder a test forgets fails the run, and the run's folder goes either way.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, onTestFinished, vi } from "vitest";
import tempFolders, { leftovers, sweepDeadRuns } from "./tempFolders.ts";

/** The check as a fresh run would make it (this worker already runs inside one run's folder). */
function freshRun(): { folder: string; end: () => void } {
  const outer = process.env.GROUP_EXAM_RUN_TMPDIR;
  delete process.env.GROUP_EXAM_RUN_TMPDIR;
  const end = tempFolders();
  const folder = tmpdir();
  return {
    folder,
    end: () => {
      end();
      process.env.GROUP_EXAM_RUN_TMPDIR = outer;
    },
  };
}

afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

describe("the run's temporary folder", () => {
  it("fails the run, naming the folder, when a test leaves a group-exam folder behind", () => {
    const said = vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const before = tmpdir();
    const run = freshRun();
    expect(run.folder).not.toBe(before);
    mkdirSync(join(run.folder, "group-exam-test-forgotten"));
    mkdirSync(join(run.folder, "playwright_chromiumdev_profile-x"));
    run.end();
    expect(process.exitCode).toBe(1);
    expect(said.mock.calls.join(" ")).toContain("group-exam-test-forgotten");
    expect(existsSync(run.folder)).toBe(false);
    expect(tmpdir()).toBe(before);
  });

  it("passes a run that removed what it made", () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const run = freshRun();
    const made = join(run.folder, "group-exam-test-removed");
    mkdirSync(made);
    rmSync(made, { recursive: true });
    run.end();
    expect(process.exitCode).toBeUndefined();
  });

  it("removes the folder of a run whose process is gone, and keeps a live run's", () => {
    const system = mkdtempSync(join(tmpdir(), "group-exam-sweep-"));
    onTestFinished(() => rmSync(system, { recursive: true, force: true }));
    // Above Linux's largest pid (2^22): no process has it.
    const dead = 2 ** 22 + 1;
    for (const [name, pid] of [
      ["group-exam-run-dead", dead],
      ["group-exam-run-live", process.pid],
    ] as const) {
      mkdirSync(join(system, name));
      writeFileSync(join(system, name, "run.pid"), String(pid));
    }
    mkdirSync(join(system, "group-exam-run-just-made"));
    expect(sweepDeadRuns(system)).toEqual(["group-exam-run-dead"]);
    expect(readdirSync(system).sort()).toEqual(["group-exam-run-just-made", "group-exam-run-live"]);
  });

  it("counts only folders named group-exam-* as a test's leftovers", () => {
    expect(leftovers(["org.chromium.Chromium.a", "group-exam-kill-1", "group-exam-test-2"])).toEqual({
      ours: ["group-exam-kill-1", "group-exam-test-2"],
      others: ["org.chromium.Chromium.a"],
    });
  });
});
