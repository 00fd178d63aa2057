/** The demo as a user runs it: a real process, its exit status, its output and the chart it writes. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";

const script = resolve(import.meta.dirname, "..", "..", "server", "cli", "demo.ts");

function demo(...args: string[]) {
  const run = spawnSync(process.execPath, [script, ...args], { encoding: "utf8", timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("npm run demo", () => {
  it.each([
    [["--schemes", "global,telepathy"], /unknown scheme "telepathy"/],
    [["--students", "0"], /--students must be at least 1/],
    [["--seeds", "0"], /--seeds must be at least 1/],
    [["--students", "thirty"], /--students must be a whole number/],
    [["--frobnicate"], /Unknown option '--frobnicate'/],
  ])("exits non-zero with a clear message for %j", (args, message) => {
    const run = demo(...(args as string[]));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/Usage: npm run demo/);
    expect(run.stdout).toBe("");
  });

  it("prints a table with each scheme's rounds, τ measured and predicted, and the speedup", () => {
    const run = demo("--students", "10", "--seeds", "8");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/rounds to criterion/);
    expect(run.stdout).toMatch(/^global\s+perturbation \(2 rounds\/update\)\s+0\.1 \(theory\)/m);
    expect(run.stdout).toMatch(/^vectorized\s+gradient\s+1 \(theory\)\s+1 \(1–1\)/m);
    expect(run.stdout).toMatch(/baseline round and a jiggled round, and both are counted/);
  });

  it("prints JSON with the documented fields and writes an SVG chart", () => {
    const folder = mkdtempSync(join(tmpdir(), "group-exam-"));
    onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
    const out = join(folder, "chart.svg");
    const run = demo(
      "--students",
      "10",
      "--seeds",
      "6",
      "--schemes",
      "global,vectorized,teams",
      "--json",
      "--out",
      out,
    );
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    // Scalar schemes are played by the textbook rule and by the robust one a live class's bots use.
    expect(json.schemes.map((s: { scheme: string; learner: string }) => `${s.scheme} ${s.learner}`)).toEqual([
      "global perturbation",
      "global perturbation-robust",
      "vectorized gradient",
      "teams perturbation",
      "teams perturbation-robust",
    ]);
    for (const s of json.schemes) {
      expect(s.roundsToCriterion).toEqual({
        mean: expect.any(Number),
        p10: expect.any(Number),
        p90: expect.any(Number),
        reached: 1,
      });
      expect(s.tauMeasured).toEqual(expect.any(Number));
      expect(s.tauPredicted).toEqual(expect.any(Number));
    }
    expect(json.schemes[0].speedupOverGlobal).toBe(1);
    expect(json.schemes[2].speedupOverGlobal).toBeGreaterThan(10);
    const svg = readFileSync(out, "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("vectorized");
    expect(svg).toContain("stroke-dasharray");
  });

  it("prints its usage for --help and exits 0", () => {
    const run = demo("--help");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/--students N/);
  });
});
