/**
 * Each scheme at its own best learning rate. Where the theory is exact (the `independent` exam), the rate is
 * the one that minimises ρ. Elsewhere a sweep finds it: rates on a grid of octaves, then half-octaves around
 * the best, each tried on a few tuning seeds kept apart from the measured ones. The objective is the mean
 * rounds to criterion (a run that misses counts as twice the horizon); ties, as when no rate reaches the
 * criterion, go to the lower mean log class error over the run. A rate's runs stop as soon as its mean can
 * no longer beat the best so far.
 */
import type { HumanNoise } from "./bots.ts";
import { criterionError, roundsToCriterion } from "./convergence.ts";
import { ln } from "./detmath.ts";
import type { ExamSpec } from "./exam.ts";
import { createExam } from "./exams/index.ts";
import type { LearnerName } from "./learners.ts";
import { deriveSeed } from "./random.ts";
import type { SchemeConfig } from "./schemes.ts";
import { runBotClass } from "./simulate.ts";
import { predict, theoryBestRate } from "./theory.ts";

export interface RateTrial {
  readonly rate: number;
  /** Mean rounds to criterion over the tuning seeds (misses count as twice the horizon). */
  readonly meanRounds: number;
  /** Mean over seeds and rounds of ln(E/E₀): lower is faster. */
  readonly meanLogError: number;
}

export interface RateChoice {
  readonly rate: number;
  readonly source: "theory" | "sweep";
  readonly trials: readonly RateTrial[];
}

export interface TuneOptions {
  readonly exam: ExamSpec;
  readonly scheme: SchemeConfig;
  readonly learner: LearnerName;
  readonly human?: HumanNoise | null;
  readonly horizon: number;
  readonly tuningSeeds?: number;
  readonly sigma?: number;
  /** Sweep even where the theory gives the rate (to check the sweep against the theory). */
  readonly forceSweep?: boolean;
}

/** Octave grid per rule: step rules move by the signal, perturbation rules by a noisy estimate of it. */
const GRIDS: Record<LearnerName, readonly number[]> = {
  gradient: octaves(-8, 1),
  rprop: octaves(-10, -1),
  perturbation: octaves(-14, 0),
  "perturbation-gaussian": octaves(-14, 0),
  "perturbation-robust": octaves(-14, 0),
  "keep-if-improved": octaves(-10, -1),
};

/** 2^lo … 2^hi by exact halving and doubling. */
function octaves(lo: number, hi: number): number[] {
  let v = 1;
  for (let e = 0; e > lo; e--) v *= 0.5;
  for (let e = 0; e < lo; e++) v *= 2;
  const out: number[] = [];
  for (let e = lo; e <= hi; e++, v *= 2) out.push(v);
  return out;
}

const HALF_OCTAVE = Math.SQRT2;

const better = (a: RateTrial, b: RateTrial): boolean =>
  a.meanRounds < b.meanRounds || (a.meanRounds === b.meanRounds && a.meanLogError < b.meanLogError);

export function bestRate(options: TuneOptions): RateChoice {
  const prediction = options.human
    ? null
    : predict(createExam(options.exam), options.scheme, options.learner);
  if (prediction?.exact && !options.forceSweep)
    return { rate: theoryBestRate(prediction), source: "theory", trials: [] };

  const seeds = options.tuningSeeds ?? 6;
  const trials: RateTrial[] = [];
  let best: RateTrial | null = null;
  const tryRate = (rate: number): void => {
    // One run longer than this would lift the mean above the best so far.
    const cap =
      best && best.meanRounds < options.horizon ? Math.ceil(best.meanRounds * seeds) + 1 : options.horizon;
    let rounds = 0;
    let logError = 0;
    for (let s = 0; s < seeds; s++) {
      const trace = runBotClass(
        {
          exam: { ...options.exam, seed: deriveSeed(options.exam.seed, `tuning:${s}`) },
          scheme: options.scheme,
          learner: { name: options.learner, rate, sigma: options.sigma },
          human: options.human,
        },
        Math.min(cap, options.horizon),
        (e, _r, first) => e <= criterionError(first),
      );
      rounds += roundsToCriterion(trace) ?? 2 * options.horizon;
      logError += meanLogRatio(trace);
      if (best && rounds / seeds > best.meanRounds) break;
    }
    const trial = { rate, meanRounds: rounds / seeds, meanLogError: logError / seeds };
    trials.push(trial);
    if (!best || better(trial, best)) best = trial;
  };
  for (const rate of GRIDS[options.learner]) tryRate(rate);
  const center = (best as RateTrial | null)?.rate ?? GRIDS[options.learner][0];
  tryRate(center / HALF_OCTAVE);
  tryRate(center * HALF_OCTAVE);
  return { rate: (best as RateTrial | null)?.rate ?? center, source: "sweep", trials };
}

function meanLogRatio(trace: Float64Array): number {
  const floor = trace[0] * 1e-30;
  let s = 0;
  for (let r = 0; r < trace.length; r++) s += ln(Math.max(trace[r], floor) / trace[0]);
  return s / trace.length;
}
