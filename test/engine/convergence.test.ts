/**
 * The honesty rules of the design brief, checked with fixed seeds and enough of them (50 classes per scheme)
 * that the claims hold by a wide margin, not by luck.
 */
import { describe, expect, it } from "vitest";
import {
  bestRate,
  type ExperimentResult,
  efoldTime,
  exactRound,
  roundsToCriterion,
  runExperiment,
  type SchemeConfig,
  schemeConfig,
  summarize,
} from "../../shared/engine/index.ts";

const GLOBAL = schemeConfig("global");
const VECTORIZED = schemeConfig("vectorized");

function outcome(result: ExperimentResult, name: string) {
  const o = result.outcomes.find((x) => x.scheme.name === name);
  if (!o) throw new Error(`no ${name}`);
  return o;
}

function independent(students: number, schemes: SchemeConfig[] = [GLOBAL, VECTORIZED], extra = {}) {
  return runExperiment({
    exam: "independent",
    students,
    schemes,
    seeds: 50,
    rounds: 20 * students + 200,
    ...extra,
  });
}

describe("the theory on the independent exam", () => {
  const runs = new Map([10, 30, 100].map((m) => [m, independent(m)]));

  it.each([10, 30, 100])(
    "global with ±σ node perturbation has τ within 15 %% of the theory's at M = %i",
    (m) => {
      const g = outcome(runs.get(m) as ExperimentResult, "global");
      expect(g.rate).toMatchObject({ rate: 1 / m, source: "theory" });
      expect(g.roundsPerUpdate).toBe(2);
      expect(g.tauPredicted).toBeCloseTo(2 / -Math.log(1 - 1 / m), 6);
      expect(Math.abs(g.tauMeasured / (g.tauPredicted as number) - 1)).toBeLessThan(0.15);
      expect(g.roundsToCriterion.reached).toBe(1);
    },
  );

  it.each([10, 30, 100])("vectorized reaches the criterion in a few rounds at M = %i", (m) => {
    const v = outcome(runs.get(m) as ExperimentResult, "vectorized");
    expect(v.rate).toMatchObject({ rate: 1, source: "theory" });
    expect(v.roundsToCriterion.p90).toBeLessThanOrEqual(3);
  });

  it("grows the speedup with the class: at M = 100 at least 5 times the speedup at M = 10", () => {
    const s10 = outcome(runs.get(10) as ExperimentResult, "vectorized").speedupOverGlobal as number;
    const s100 = outcome(runs.get(100) as ExperimentResult, "vectorized").speedupOverGlobal as number;
    expect(s10).toBeGreaterThan(20);
    expect(s100).toBeGreaterThanOrEqual(5 * s10);
  });

  it("Gaussian jiggles have k = M + 2: best rate 1/(M + 2) and τ within 15 %", () => {
    const g = outcome(independent(30, [GLOBAL], { scalarLearner: "perturbation-gaussian" }), "global");
    expect(g.rate.rate).toBeCloseTo(1 / 32, 12);
    expect(Math.abs(g.tauMeasured / (g.tauPredicted as number) - 1)).toBeLessThan(0.15);
  });

  it("noisy and teams sit between the two ends, as their k = 1 + s² and k = g predict", () => {
    const r = independent(30, [
      GLOBAL,
      schemeConfig("noisy", { noise: 1 }),
      schemeConfig("teams", { teamSize: 5 }),
      VECTORIZED,
    ]);
    for (const name of ["noisy", "teams"]) {
      const o = outcome(r, name);
      expect(Math.abs(o.tauMeasured / (o.tauPredicted as number) - 1)).toBeLessThan(0.2);
    }
    const rounds = ["vectorized", "noisy", "teams", "global"].map(
      (n) => outcome(r, n).roundsToCriterion.mean as number,
    );
    expect([...rounds].sort((a, b) => a - b)).toEqual(rounds);
  });

  it("blocked leaves the blocked students' share of the error: the criterion is never met", () => {
    const b = outcome(independent(30, [schemeConfig("blocked", { blockedFraction: 0.5 })]), "blocked");
    expect(b.roundsToCriterion.reached).toBe(0);
    const last = b.curve.mean[b.curve.mean.length - 1];
    expect(last / b.curve.mean[0]).toBeGreaterThan(0.3);
    expect(last / b.curve.mean[0]).toBeLessThan(0.7);
  });

  it("keep-if-improved learns from the score alone, slower than personal signals", () => {
    const r = independent(10, [GLOBAL, VECTORIZED], { scalarLearner: "keep-if-improved" });
    const k = outcome(r, "global");
    expect(k.learner).toBe("keep-if-improved");
    expect(k.rate.source).toBe("sweep");
    expect(k.roundsToCriterion.reached).toBeGreaterThan(0.9);
    expect(outcome(r, "vectorized").speedupOverGlobal ?? 0).toBeGreaterThan(10);
  });
});

describe("the readout exam", () => {
  it("sets the gap by the outputs Q, not the students M: far below the independent exam's at the same M", () => {
    const students = 100;
    const readout = runExperiment({
      exam: "readout",
      students,
      outputs: 2,
      schemes: [GLOBAL, VECTORIZED],
      seeds: 50,
      rounds: 2000,
    });
    const ind = independent(students);
    const gapReadout = outcome(readout, "vectorized").speedupOverGlobal as number;
    const gapIndependent = outcome(ind, "vectorized").speedupOverGlobal as number;
    expect(gapReadout).toBeLessThan(gapIndependent / 20);
    // With Q = 2 the scalar's k is about Q + 2: a few updates per e-fold, whatever M.
    const g = outcome(readout, "global");
    expect(g.tauMeasured).toBeLessThan(20);
    expect(Math.abs(g.tauMeasured / (g.tauPredicted as number) - 1)).toBeLessThan(0.3);
  });
});

describe("the rate sweep", () => {
  it("finds, without the theory, a rate within a factor of two of the theory's 1/M", () => {
    const choice = bestRate({
      exam: { kind: "independent", students: 20, questions: 1, seed: 99 },
      scheme: GLOBAL,
      learner: "perturbation",
      horizon: 800,
      forceSweep: true,
    });
    expect(choice.source).toBe("sweep");
    expect(choice.rate).toBeGreaterThanOrEqual(1 / 40);
    expect(choice.rate).toBeLessThanOrEqual(1 / 10);
  });
});

describe("the measures", () => {
  it("count rounds to 95 % of the way in distance and fit τ over three e-folds", () => {
    const trace = Float64Array.from({ length: 40 }, (_, r) => Math.exp(-r / 4));
    expect(roundsToCriterion(trace)).toBe(24); // e^(−r/4) ≤ 0.05² first at r = 24
    expect(efoldTime(trace)).toBeCloseTo(4, 10);
    expect(roundsToCriterion(Float64Array.of(1, 0.9, 0.8))).toBeNull();
    expect(efoldTime(Float64Array.of(1, 0.9, 0.8))).toBe(Number.POSITIVE_INFINITY);
  });

  it("measure no τ where the error vanished or fell e³-fold within one update: 0, never a slope to a floor", () => {
    expect(efoldTime(Float64Array.of(1, 0, 0))).toBe(0);
    expect(exactRound(Float64Array.of(1, 1e-33, 0))).toBe(1);
    // Two rounds per update: a baseline, a jiggle, then the error gone: one update did it all.
    expect(efoldTime(Float64Array.of(1, 1, 1e-12, 1e-12), 2)).toBe(0);
    expect(exactRound(Float64Array.of(1, 1, 1e-12))).toBeNull();
    // Four rounds of a factor 0.25 are a sequence of e-folds: τ = 1 / ln 4.
    expect(efoldTime(Float64Array.from({ length: 6 }, (_, r) => 0.25 ** r))).toBeCloseTo(1 / Math.log(4), 10);
  });

  it("summarise with a 10–90 % band and no mean when a seed never got there", () => {
    expect(summarize([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toEqual({ mean: 6, p10: 2, p90: 10, reached: 1 });
    expect(summarize([1, 2, null])).toMatchObject({ mean: null, reached: 2 / 3, p90: null });
  });
});
