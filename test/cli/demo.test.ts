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

  it("prints a table headed by the ratio of τ, with rounds to criterion beside it and no τ where one round is exact", () => {
    const run = demo("--students", "10", "--seeds", "8");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/τ ratio vs global \(10–90 %\)\s+rounds to criterion/);
    expect(run.stdout).toMatch(/^global\s+perturbation \(2 rounds\/update\)\s+0\.1 \(theory\)\s+1× /m);
    expect(run.stdout).toMatch(/^vectorized\s+gradient\s+1 \(theory\)\s+exact in 1 round\s+1 \(1–1\)/m);
    expect(run.stdout).toMatch(
      /separable quadratic, so the personal signal −gᵢ\/λ is tᵢ − xᵢ, the answer itself/,
    );
    expect(run.stdout).toMatch(/baseline round and a jiggled round, and both are counted/);
    expect(run.stdout).not.toMatch(/0\.0145|<0\.01 \(/);
  });

  it("prints JSON with per-seed values, curves, the base seed, σ, the rates and the sweep's trials, and writes an SVG chart", () => {
    const folder = mkdtempSync(join(tmpdir(), "group-exam-"));
    onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
    const out = join(folder, "chart.svg");
    const run = demo(
      "--students",
      "10",
      "--seeds",
      "6",
      "--seed",
      "5",
      "--schemes",
      "global,vectorized,teams",
      "--json",
      "--out",
      out,
    );
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ baseSeed: 5, seeds: 6, students: 10 });
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
      expect(s.perSeed.map((p: { seed: number }) => p.seed)).toEqual([5, 6, 7, 8, 9, 10]);
      expect(s.curve.mean.length).toBe(s.curve.p10.length);
      expect(s.curve.mean.length).toBeGreaterThan(0);
      expect(s.sigma).toBe(1e-4);
    }
    const [global, robust, vectorized, teams, teamsRobust] = json.schemes;
    // The formula k = g describes the textbook rule under teams, not the robust one's guesses.
    expect(teams.tauPredicted).toEqual(expect.any(Number));
    expect(teamsRobust.tauPredicted).toBeNull();
    expect(global.tauMeasured).toEqual(expect.any(Number));
    expect(global.tauRatioOverGlobal).toBe(1);
    // The sweep's trials and tuning seeds, none of them a reported seed.
    expect(robust.rateSource).toBe("sweep");
    expect(robust.tuningSeeds).toHaveLength(16);
    for (const seed of robust.tuningSeeds) expect(seed < 5 || seed > 10).toBe(true);
    expect(robust.sweepTrials.length).toBeGreaterThan(8);
    expect(robust.sweepTrials[0]).toMatchObject({
      rate: expect.any(Number),
      meanRounds: expect.any(Number),
      reached: expect.any(Number),
      meanLogError: expect.any(Number),
    });
    // vectorized at η = 1 is exact: no τ, no ratio of τ, said why.
    expect(vectorized).toMatchObject({
      tauMeasured: null,
      tauNotMeasured: "exact",
      exactIn: 1,
      tauRatioOverGlobal: null,
    });
    expect(vectorized.speedupOverGlobal).toBeGreaterThan(10);
    const svg = readFileSync(out, "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("vectorized");
    expect(svg).toContain("stroke-dasharray");
  });

  it("fixes rates and σ by hand, writes one CSV row per scheme × seed × round, and the plots", () => {
    const folder = mkdtempSync(join(tmpdir(), "group-exam-"));
    onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
    const csv = join(folder, "data.csv");
    const plots = join(folder, "plots");
    const run = demo(
      ...["--students", "6,12", "--seeds", "4", "--schemes", "global,vectorized,teams", "--team-size", "2,3"],
      ...["--learner", "perturbation", "--rate", "global=0.1,vectorized=0.5", "--sigma", "0.001"],
      ...["--json", "--csv", csv, "--plots", plots],
    );
    expect(run.status).toBe(0);
    const { runs } = JSON.parse(run.stdout);
    expect(runs.map((r: { students: number }) => r.students)).toEqual([6, 12]);
    const [global, vectorized, teams2] = runs[0].schemes;
    expect(global).toMatchObject({ rate: 0.1, rateSource: "fixed", sigma: 0.001, sweepTrials: [] });
    expect(vectorized).toMatchObject({ rate: 0.5, rateSource: "fixed" });
    expect(vectorized.tauRatioOverGlobal).toEqual(expect.any(Number));
    expect(teams2).toMatchObject({ label: "teams(2)", rateSource: "theory" });
    const lines = readFileSync(csv, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe(
      "exam,students,outputs,scheme,learner,rate,rate_source,sigma,human_like,seed,round,class_error",
    );
    const rows = runs
      .flatMap((r: { schemes: { curve: { mean: unknown[] } }[] }) => r.schemes)
      .reduce((n: number, s: { curve: { mean: unknown[] } }) => n + 4 * s.curve.mean.length, 0);
    expect(lines.length - 1).toBe(rows);
    expect(lines[1]).toMatch(/^independent,6,,global,perturbation,0\.1,fixed,0\.001,0,1,0,0\.\d+/);
    for (const name of ["convergence.svg", "speedup.svg", "teams-dial.svg"])
      expect(readFileSync(join(plots, name), "utf8")).toMatch(/^<svg/);
    expect(readFileSync(join(plots, "speedup.svg"), "utf8")).toContain('class="theory"');
  });

  it("plays --score-noise: the header and the JSON say it, and a noisy class learns otherwise than a quiet one on the same seeds", () => {
    const base = ["--students", "10", "--seeds", "4", "--schemes", "global", "--learner", "perturbation"];
    const quiet = demo(...base, "--json");
    const noisy = demo(...base, "--score-noise", "1e-6", "--json");
    expect(noisy.status).toBe(0);
    const q = JSON.parse(quiet.stdout);
    const n = JSON.parse(noisy.stdout);
    expect(q.scoreNoise).toBe(0);
    expect(n.scoreNoise).toBe(1e-6);
    // The same exams and rate; only what the class hears differs, so the exact class error differs too.
    expect(n.schemes[0].rate).toBe(q.schemes[0].rate);
    expect(n.schemes[0].perSeed[0].startError).toBe(q.schemes[0].perSeed[0].startError);
    expect(n.schemes[0].curve.mean).not.toEqual(q.schemes[0].curve.mean);
    const table = demo(...base, "--score-noise", "1e-6");
    expect(table.stdout).toMatch(/^Group Exam, bot-only demo: .*, score noise 0\.000001\.$/m);
    expect(table.stdout).toMatch(/hears its class error plus Gaussian noise of size 0\.000001/);
    expect(demo(...base).stdout).not.toMatch(/score noise/i);
  });

  it("prints its usage for --help and exits 0", () => {
    const run = demo("--help");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/--students N/);
  });
});
