/**
 * The load test's many-rooms mode, end to end and tiny: `npm run loadtest` starts its own server process
 * (--processes 1: one process on SQLite), makes two classes of three students, plays two rounds, and prints
 * its figures; every client got its feedback, and nothing it started is left behind. No timed assertions:
 * the figures are printed, not judged.
 */
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const LOADTEST = resolve(import.meta.dirname, "..", "..", "server", "cli", "loadtest.ts");

function loadtest(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", LOADTEST, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.once("exit", (code) => done({ code, stdout, stderr }));
  });
}

const ours = (): string[] => readdirSync(tmpdir()).filter((n) => n.startsWith("group-exam-load-"));

describe("the load test's many rooms", () => {
  it("plays 2 rooms × 3 students × 2 rounds on a process it starts: every client gets its feedback, the figures are printed, and the server and its folder are gone after", async () => {
    const run = await loadtest(["--students", "3", "--rounds", "2", "--rooms", "2", "--processes", "1"]);
    expect(run.stderr).not.toMatch(/loadtest: /);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/2 rooms × 3 students, 2 rounds of 3 s, on 1 process on SQLite/);
    // The summary row and the verdict against 250 ms, whatever the numbers are.
    expect(run.stdout).toMatch(/^\s+all\s+[\d.,]+ \/ [\d.,]+ \/ [\d.,]+\s+[\d,]+ \/ [\d,]+/m);
    expect(run.stdout).toMatch(/^2 rooms × 3 students: p99 [\d.,]+ ms: (NOT )?under 250 ms$/m);
    expect(run.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\s+2\s+[\d.]+ %/m);
    expect(run.stdout).toMatch(/^load generator \(this process\).*event-loop delay p99/m);
    expect(run.stdout).not.toMatch(/got no feedback/);
    expect(ours()).toEqual([]);
  }, 120_000);

  it("says in JSON that each of the 12 client-rounds was measured and none missed, with each process's figures", async () => {
    const run = await loadtest([
      "--students",
      "3",
      "--rounds",
      "2",
      "--rooms",
      "2",
      "--processes",
      "1",
      "--json",
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.summary.feedbacks).toBe(12);
    expect(report.summary.missing).toBe(0);
    expect(report.perRound.map((r: { feedbacks: number }) => r.feedbacks)).toEqual([6, 6]);
    expect(report.problems).toEqual([]);
    // The server (with both rooms) and the load generator.
    expect(report.processes).toHaveLength(2);
    expect(report.processes[0].rooms).toBe(2);
    expect(ours()).toEqual([]);
  }, 120_000);
});
