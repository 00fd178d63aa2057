/**
 * Each scheme at its own best learning rate. Where the theory is exact (the `independent` exam), the rate is
 * the one that minimises ρ. Elsewhere a sweep finds it, built so that a referee would accept it:
 *
 * - 16 tuning seeds, each drawn from its own stream (`tuning:k`) and never one of the reported seeds: a rate
 *   is not chosen on the classes it is then measured on.
 * - A coarse walk over octaves on 4 of those seeds (from the theory's rate when there is one, outward until
 *   two octaves in a row do worse), then quarter-octaves within an octave of the best on all 16 seeds, then
 *   eighth-octaves either side of the best: fine where it matters, at the edge of stability.
 * - Stability required: a rate is rejected if any tuning seed misses the criterion within the horizon or
 *   blows up (class error past 4 E₀). Among the stable rates the lowest mean rounds to criterion wins (ties:
 *   the lower mean log class error). Where no rate is stable (a scheme that cannot reach the criterion), the
 *   largest share reaching wins, then the lower mean log error.
 * - A rate's runs stop at its first seed that misses once a stable rate is known (it can no longer win):
 *   such a trial says `pruned`, and its figures cover the seeds it ran. Every other trial ran all its seeds
 *   to the criterion, so the trials drawn as a sweep curve are measurements, not bounds.
 */
import type { HumanNoise } from "./bots.ts";
import { criterionError, roundsToCriterion } from "./convergence.ts";
import { exp, ln } from "./detmath.ts";
import type { ExamSpec } from "./exam.ts";
import { createExam } from "./exams/index.ts";
import { criterionOf } from "./humanLike.ts";
import type { LearnerName } from "./learners.ts";
import { deriveSeed } from "./random.ts";
import type { SchemeConfig } from "./schemes.ts";
import { runBotClass } from "./simulate.ts";
import { predict, theoryBestRate } from "./theory.ts";

export type SweepStage = "coarse" | "fine" | "refine";

export interface RateTrial {
  readonly rate: number;
  readonly stage: SweepStage;
  /** Tuning seeds this rate was run on (fewer than the stage's when pruned). */
  readonly seeds: number;
  /** Mean rounds to criterion over those seeds (a miss counts as twice the horizon). */
  readonly meanRounds: number;
  /** Share of those seeds that met the criterion within the horizon. */
  readonly reached: number;
  /** Mean over seeds and rounds of ln(E/E₀): lower is faster. */
  readonly meanLogError: number;
  /** Stopped before all its seeds, at a seed that missed: it could no longer win. */
  readonly pruned: boolean;
}

export interface RateChoice {
  readonly rate: number;
  readonly source: "theory" | "sweep";
  /** Every rate tried, in the order tried (empty when the theory gave the rate). */
  readonly trials: readonly RateTrial[];
  /** The exam seeds the sweep ran on (empty when the theory gave the rate). */
  readonly tuningSeeds: readonly number[];
  /** Whether every tuning seed met the criterion at the chosen rate. */
  readonly stable: boolean;
}

export interface TuneOptions {
  readonly exam: ExamSpec;
  readonly scheme: SchemeConfig;
  readonly learner: LearnerName;
  readonly human?: HumanNoise | null;
  readonly horizon: number;
  /** Tuning seeds of the fine stages (default 16; the coarse walk uses a quarter of them, at least 2). */
  readonly tuningSeeds?: number;
  readonly sigma?: number;
  /** Sweep even where the theory gives the rate (to check the sweep against the theory). */
  readonly forceSweep?: boolean;
  /** Exam seeds the tuning must not use: the reported ones, `first` … `first + count − 1`. */
  readonly reserved?: { readonly first: number; readonly count: number };
}

export const TUNING_SEEDS = 16;

/** Octave range per rule: step rules move by the signal, perturbation rules by a noisy estimate of it. */
const RANGES: Record<LearnerName, readonly [number, number]> = {
  gradient: [-8, 1],
  rprop: [-10, -1],
  perturbation: [-14, 0],
  "perturbation-gaussian": [-14, 0],
  "perturbation-robust": [-14, 0],
  "keep-if-improved": [-10, -1],
};

/** A run whose class error passes this multiple of its start has blown up: stop it, count it a miss. */
const BLOW_UP = 4;

/** 2^e, exactly, for whole and fractional e (fractions through ln/exp of the engine's own maths). */
function pow2(e: number): number {
  const whole = Math.floor(e);
  let v = 1;
  for (let k = 0; k < whole; k++) v *= 2;
  for (let k = 0; k > whole; k--) v *= 0.5;
  const frac = e - whole;
  return frac === 0 ? v : v * exp(frac * ln(2));
}

/** The tuning seeds: the exam seed's streams `tuning:0`, `tuning:1`, … skipping any reserved seed. */
export function tuningSeedsFor(options: TuneOptions, count = options.tuningSeeds ?? TUNING_SEEDS): number[] {
  const out: number[] = [];
  const r = options.reserved;
  for (let k = 0; out.length < count; k++) {
    const seed = deriveSeed(options.exam.seed, `tuning:${k}`);
    if (r && seed >= r.first && seed < r.first + r.count) continue;
    if (!out.includes(seed)) out.push(seed);
  }
  return out;
}

const stable = (t: RateTrial): boolean => !t.pruned && t.reached === 1;

/** Whether trial a is a better choice than b (see the header). */
function better(a: RateTrial, b: RateTrial): boolean {
  if (stable(a) !== stable(b)) return stable(a);
  if (!stable(a) && a.reached !== b.reached) return a.reached > b.reached;
  if (stable(a) && a.meanRounds !== b.meanRounds) return a.meanRounds < b.meanRounds;
  return a.meanLogError < b.meanLogError;
}

export function bestRate(options: TuneOptions): RateChoice {
  const prediction = options.human
    ? null
    : predict(createExam(options.exam), options.scheme, options.learner);
  if (prediction?.exact && !options.forceSweep)
    return { rate: theoryBestRate(prediction), source: "theory", trials: [], tuningSeeds: [], stable: true };

  const seeds = tuningSeedsFor(options);
  const coarseSeeds = seeds.slice(0, Math.max(2, Math.floor(seeds.length / 4)));
  const trials: RateTrial[] = [];
  const runTrial = (exponent: number, stage: SweepStage, on: readonly number[], rival: RateTrial | null) => {
    const rate = pow2(exponent);
    // Once a stable rival exists, a rate with a seed that misses is out: stop it there.
    const rejectOnMiss = rival !== null && stable(rival);
    let rounds = 0;
    let logError = 0;
    let reached = 0;
    let ran = 0;
    let pruned = false;
    // A class with a person's hand is measured to 90 %, which its precision can reach (humanLike.ts).
    const criterion = criterionOf(options.human);
    for (const seed of on) {
      const trace = runBotClass(
        {
          exam: { ...options.exam, seed },
          scheme: options.scheme,
          learner: { name: options.learner, rate, sigma: options.sigma },
          human: options.human,
        },
        options.horizon,
        (e, _r, first) => e <= criterionError(first, criterion) || e > BLOW_UP * first,
      );
      const met = roundsToCriterion(trace, criterion);
      ran++;
      logError += meanLogRatio(trace);
      if (met !== null) reached++;
      rounds += met ?? 2 * options.horizon;
      if (met === null && rejectOnMiss && ran < on.length) {
        pruned = true;
        break;
      }
    }
    const trial: RateTrial = {
      rate,
      stage,
      seeds: ran,
      meanRounds: rounds / ran,
      reached: reached / ran,
      meanLogError: logError / ran,
      pruned,
    };
    trials.push(trial);
    return trial;
  };

  // Coarse: octaves on a few seeds, walking out from a start until two in a row do worse.
  const [lo, hi] = RANGES[options.learner];
  const guess = prediction ? Math.round(ln(theoryBestRate(prediction)) / ln(2)) : Math.round((lo + hi) / 2);
  const start = Math.min(hi, Math.max(lo, guess));
  const coarse = new Map<number, RateTrial>();
  let best: { e: number; t: RateTrial } | null = null;
  const visit = (e: number): boolean => {
    const t = runTrial(e, "coarse", coarseSeeds, best?.t ?? null);
    coarse.set(e, t);
    if (!best || better(t, best.t)) {
      best = { e, t };
      return true;
    }
    return false;
  };
  visit(start);
  for (const dir of [1, -1]) {
    let worse = 0;
    for (let e = start + dir; e >= lo && e <= hi && worse < 2; e += dir) worse = visit(e) ? 0 : worse + 1;
  }
  const centre = (best as { e: number } | null)?.e ?? start;

  // Fine: quarter-octaves within an octave of the coarse best, all seeds; the coarse best first, unpruned.
  let fine: { e: number; t: RateTrial } | null = null;
  const offsets = [0, -0.25, 0.25, -0.5, 0.5, -0.75, 0.75, -1, 1];
  const tryFine = (e: number, stage: SweepStage): void => {
    const t = runTrial(e, stage, seeds, fine?.t ?? null);
    if (!fine || better(t, fine.t)) fine = { e, t };
  };
  for (const d of offsets) tryFine(centre + d, "fine");
  // Refine: eighth-octaves either side of the fine best.
  const mid = (fine as { e: number } | null)?.e ?? centre;
  tryFine(mid - 0.125, "refine");
  tryFine(mid + 0.125, "refine");
  const chosen = (fine as { e: number; t: RateTrial } | null) ?? { e: centre, t: trials[0] };
  return { rate: chosen.t.rate, source: "sweep", trials, tuningSeeds: seeds, stable: stable(chosen.t) };
}

function meanLogRatio(trace: Float64Array): number {
  // Over the rounds played: the tie-break between rates that do not reach the criterion (their runs are
  // all as long as the horizon, or stopped where they blew up).
  const floor = trace[0] * 1e-30;
  let s = 0;
  for (let r = 0; r < trace.length; r++) s += ln(Math.max(trace[r], floor) / trace[0]);
  return s / trace.length;
}
