/**
 * The weight-perturbation command line (server/cli/weights.ts): its flags, its report worded from the
 * figures it is given (never an unconditional "a further factor of N"), and a real run as a user starts it.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseWeightsArgs, weightsJson, weightsNotes, weightsTable } from "../../server/cli/weightsReport.ts";
import type { LearnerOutcome, WeightsRow, WeightsRunSpec } from "../../server/cli/weightsRun.ts";
import { summarize } from "../../shared/engine/convergence.ts";

const script = resolve(import.meta.dirname, "..", "..", "server", "cli", "weights.ts");

const error = (argv: string[]): string => {
  const parsed = parseWeightsArgs(argv);
  if (parsed.ok) throw new Error(`accepted ${argv.join(" ")}`);
  return parsed.error;
};

const learner = (perSeed: (number | null)[], rate: number): LearnerOutcome => ({
  rate,
  rateSource: "engine",
  perSeed,
  rounds: summarize(perSeed),
});

/** A row as the run would give it, from per-seed rounds of both learners. */
function row(
  inputs: number,
  weights: (number | null)[],
  nodes: (number | null)[],
  questions = inputs,
): WeightsRow {
  const w = learner(weights, 1 / (20 * questions));
  const n = learner(nodes, 1 / 20);
  return {
    inputs,
    questions,
    horizon: 1000,
    weights: w,
    nodes: n,
    ratio: w.rounds.mean !== null && n.rounds.mean !== null ? w.rounds.mean / n.rounds.mean : null,
    ratioBand: summarize(
      weights.map((a, s) => (a !== null && nodes[s] !== null ? a / (nodes[s] ?? 1) : null)),
    ),
    expected: questions,
  };
}

describe("weights.ts flags", () => {
  it("have defaults: 20 bots, N = 1, 2, 4, 20 seeds from 1, the engine's σ and rates", () => {
    const parsed = parseWeightsArgs([]);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.spec).toEqual({
      students: 20,
      inputs: [1, 2, 4],
      questions: null,
      seeds: 20,
      seed: 1,
      sigma: 1e-4,
      rates: {},
    });
    expect(parsed.json).toBe(false);
  });

  it("read every flag, and a rate for both learners or for each", () => {
    const parsed = parseWeightsArgs(
      "--students 8 --inputs 2,8 --questions 2 --seeds 3 --seed 7 --sigma 0.001 --rate weights=0.01,nodes=0.1 --json".split(
        " ",
      ),
    );
    expect(parsed.ok && parsed.spec).toEqual({
      students: 8,
      inputs: [2, 8],
      questions: 2,
      seeds: 3,
      seed: 7,
      sigma: 0.001,
      rates: { weights: 0.01, nodes: 0.1 },
    });
    const both = parseWeightsArgs(["--rate", "0.05"]);
    expect(both.ok && both.spec.rates).toEqual({ weights: 0.05, nodes: 0.05 });
  });

  it.each([
    [["--students", "0"], /--students must be at least 1/],
    [["--inputs", "1,x"], /--inputs must be a whole number, not "x"/],
    [["--inputs", "2,2"], /--inputs lists a number twice/],
    [["--inputs", "0"], /--inputs must be at least 1/],
    [["--seeds", "0"], /--seeds must be at least 1/],
    [["--sigma", "0"], /--sigma must be above 0/],
    [["--sigma", "1"], /--sigma must be between 0 and 0.5/],
    [["--rate", "0"], /--rate must be above 0/],
    [["--rate", "fast"], /--rate must be a number/],
    [["--rate", "weights=0.1,weights=0.2"], /gives weights twice/],
    [["--rate", "synapses=0.1"], /weights=R,nodes=R/],
    [["--frobnicate"], /Unknown option '--frobnicate'/],
  ])("refuse %j with a clear message and the usage", (argv, message) => {
    const e = error(argv as string[]);
    expect(e).toMatch(message);
    expect(e).toMatch(/node server\/cli\/weights\.ts \[options\]/);
  });
});

describe("weights.ts report", () => {
  it("says the run shows a further factor of N only when every ratio is about N", () => {
    const rows = [
      row(1, [100, 120], [100, 120]),
      row(2, [410, 390], [200, 200]),
      row(4, [1600, 1700], [400, 420]),
    ];
    const notes = weightsNotes(rows).join("\n");
    expect(notes).toMatch(
      /^This run shows a further factor of N: .* by 2× at N = 2 \(expected about 2\) and 4\.02× at N = 4/m,
    );
    expect(weightsTable(rows)).toMatch(
      /^4\s+4\s+0\.0125\s+1650 \(1610–1690\)\s+0\.05\s+410 \(402–418\)\s+4\.02× /m,
    );
  });

  it("says a factor that grows with N but is not about N, in the run's own figures", () => {
    const notes = weightsNotes([row(2, [260], [200]), row(4, [400], [200])]).join("\n");
    expect(notes).toMatch(/grows with N, but not about N: .* 1\.3× at N = 2 .* 2× at N = 4/);
    expect(notes).not.toMatch(/This run shows a further factor/);
  });

  it("says it does not show the factor when weight perturbation was no slower", () => {
    const notes = weightsNotes([row(2, [200], [200]), row(4, [190], [200])]).join("\n");
    expect(notes).toMatch(
      /^This run does not show a further factor of N: weight perturbation needed 1× at N = 2/m,
    );
  });

  it("gives no ratio where a seed never got there, and claims nothing from it", () => {
    const notes = weightsNotes([row(1, [100], [100]), row(4, [null, 900], [200, 210])]);
    expect(notes[0]).toMatch(
      /At N = 4 not every seed reached the criterion within 1000 rounds \(weight perturbation: 50 %, node perturbation: 100 %\)/,
    );
    expect(notes.join("\n")).toMatch(
      /measured no ratio where the weights serve more than one question, so it cannot say/,
    );
    expect(notes.join("\n")).not.toMatch(/This run shows/);
  });

  it("names the number of questions as the factor when there are fewer questions than inputs", () => {
    const notes = weightsNotes([row(2, [400], [200]), row(8, [410], [200], 2)]).join("\n");
    expect(notes).toMatch(/fewer questions than inputs \(N = 8: 2\)/);
    expect(notes).toMatch(
      /shows a further factor of the number of questions the weights serve: .* 2\.05× at N = 8 \(expected about 2\)/,
    );
  });

  it("gives every seed's rounds and ratio in the JSON", () => {
    const spec: WeightsRunSpec = {
      students: 20,
      inputs: [2],
      questions: null,
      seeds: 2,
      seed: 5,
      sigma: 1e-4,
      rates: {},
    };
    const json = JSON.parse(JSON.stringify(weightsJson(spec, [row(2, [400, null], [200, 210])])));
    expect(json.rows[0].perSeed).toEqual([
      { seed: 5, weights: 400, nodes: 200, ratio: 2 },
      { seed: 6, weights: null, nodes: 210, ratio: null },
    ]);
  });
});

describe("node server/cli/weights.ts", () => {
  it("runs as a user starts it: the JSON has per-seed rounds, and at N = 1 both learners are the same rule", () => {
    const run = spawnSync(
      process.execPath,
      [script, "--students", "6", "--inputs", "1,2", "--seeds", "3", "--seed", "4", "--json"],
      { encoding: "utf8", timeout: 60_000 },
    );
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.rows.map((r: { inputs: number }) => r.inputs)).toEqual([1, 2]);
    const [one, two] = json.rows;
    expect(one.perSeed.map((p: { seed: number }) => p.seed)).toEqual([4, 5, 6]);
    expect(one.ratio).toBe(1);
    expect(two.weights.rate).toBeCloseTo(1 / 12, 12);
    expect(two.nodes.rate).toBeCloseTo(1 / 6, 12);
    for (const p of two.perSeed) expect(p.weights).toBeGreaterThan(p.nodes);
  });

  it("exits 2 with the message on a bad flag, and 0 with the usage on --help", () => {
    const bad = spawnSync(process.execPath, [script, "--seeds", "none"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--seeds must be a whole number/);
    const help = spawnSync(process.execPath, [script, "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--inputs LIST/);
  });
});
