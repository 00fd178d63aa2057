/**
 * Bot learning rules, each the rule that fits what its scheme gives:
 *
 * - `gradient`: a step along the own signal, x ← x + η s (vector schemes).
 * - `rprop`: a step of the signal's sign only, its size grown ×1.2 while the sign holds and halved when it
 *   flips (the rule for `sign`, which has no magnitude to scale by).
 * - `perturbation` / `perturbation-gaussian`: node perturbation (REINFORCE) for scalar schemes. One round
 *   plays the levels as they stand (the baseline), the next jiggles every bot by ±σ (or σ·N(0,1)); the change
 *   of the scalar against the baseline, times the own jiggle, estimates the own credit:
 *   x ← x − (η / (σ² λ)) ΔE δ. Two rounds per update, and the output says so.
 * - `keep-if-improved`: every round each bot jiggles by ±s from the levels kept so far; the class keeps the
 *   jiggle if the class error fell below the best so far, else goes back. s follows the 1/5 success rule.
 *
 * η is in units where 1 is a full Newton step of the whole class along its signals (see Exam.curvature).
 * A learner holds the state of one question for all M students and touches only the bots' entries.
 */
import type { RoundResult } from "./classroom.ts";
import type { Exam } from "./exam.ts";
import { nextNormal, nextSign, type RngState } from "./random.ts";
import { robustPerturbationLearner } from "./robustPerturbation.ts";
import type { Scheme, SignalKind } from "./schemes.ts";

export const LEARNER_NAMES = [
  "gradient",
  "rprop",
  "perturbation",
  "perturbation-gaussian",
  "perturbation-robust",
  "keep-if-improved",
] as const;
export type LearnerName = (typeof LEARNER_NAMES)[number];

export interface LearnerSpec {
  readonly name: LearnerName;
  /** Learning rate η (for `rprop` and `keep-if-improved`: the first step size, in level units). */
  readonly rate: number;
  /** Jiggle size σ for the perturbation learners. */
  readonly sigma?: number;
}

export interface LearnerInfo {
  /** Rounds (class evaluations) each update costs. */
  readonly roundsPerUpdate: number;
  /** The scheme kinds whose feedback this rule can use. */
  readonly reads: readonly SignalKind[];
  readonly summary: string;
}

export const LEARNERS: Record<LearnerName, LearnerInfo> = {
  gradient: { roundsPerUpdate: 1, reads: ["vector"], summary: "step along the own signal" },
  rprop: { roundsPerUpdate: 1, reads: ["vector"], summary: "step by the signal's sign, size adapted" },
  perturbation: {
    roundsPerUpdate: 2,
    reads: ["scalar", "team"],
    summary: "node perturbation, ±σ jiggles, a baseline round before each jiggled round",
  },
  "perturbation-gaussian": {
    roundsPerUpdate: 2,
    reads: ["scalar", "team"],
    summary: "node perturbation, Gaussian jiggles, a baseline round before each jiggled round",
  },
  "perturbation-robust": {
    roundsPerUpdate: 2,
    reads: ["scalar", "team"],
    summary:
      "node perturbation for a class with people: jiggles of a person's size, a rate scaled to the noise, bounded steps",
  },
  "keep-if-improved": {
    roundsPerUpdate: 1,
    reads: ["scalar"],
    summary: "jiggle all, keep if the class error fell (1/5 step rule)",
  },
};

/** The jiggle size bots use unless told otherwise: small enough that its own cost (σ²M/4) stays far below
 * the criterion for classes up to a lecture hall. */
export const DEFAULT_SIGMA = 1e-4;

export interface Learner {
  /** Writes the levels the bots submit this round. */
  act(levels: Float64Array, bots: Int32Array, rng: RngState): void;
  /** Learns from a closed round; `levels` are the levels as they were scored. */
  learn(levels: Float64Array, bots: Int32Array, result: RoundResult, scheme: Scheme): void;
}

const clamp01 = (v: number): number => (v < 0 ? 0 : Math.min(v, 1));

export function defaultLearnerName(kind: SignalKind, schemeName: string): LearnerName {
  if (kind !== "vector") return "perturbation";
  return schemeName === "sign" ? "rprop" : "gradient";
}

export function canLearnFrom(learner: LearnerName, kind: SignalKind): boolean {
  return LEARNERS[learner].reads.includes(kind);
}

export function createLearner(spec: LearnerSpec, exam: Exam): Learner {
  const m = exam.students;
  switch (spec.name) {
    case "gradient":
      return gradientLearner(m, spec.rate);
    case "rprop":
      return rpropLearner(m, spec.rate);
    case "perturbation":
    case "perturbation-gaussian":
      return perturbationLearner(m, spec, exam.curvature);
    case "perturbation-robust":
      return robustPerturbationLearner(m, spec.rate, exam);
    case "keep-if-improved":
      return keepIfImprovedLearner(m, spec.rate);
  }
}

/** Copies the planned levels of the bots into the submitted levels. */
function submitPlan(levels: Float64Array, bots: Int32Array, plan: Float64Array): void {
  if (bots.length === levels.length) levels.set(plan);
  else for (let k = 0; k < bots.length; k++) levels[bots[k]] = plan[bots[k]];
}

/**
 * A rule that reads its own signal after each round and plans every bot's next level from it; `next` gives a
 * bot's planned level from its level and its signal (NaN: a blocked student, who received nothing).
 */
function signalLearner(m: number, next: (i: number, level: number, signal: number) => number): Learner {
  const plan = new Float64Array(m);
  let planned = false;
  return {
    act(levels, bots) {
      if (planned) submitPlan(levels, bots, plan);
    },
    learn(levels, bots, result) {
      const signal = result.signal;
      if (!signal) return;
      if (bots.length !== m) plan.set(levels);
      for (let k = 0; k < bots.length; k++) {
        const i = bots[k];
        plan[i] = next(i, levels[i], signal[i]);
      }
      planned = true;
    },
  };
}

function gradientLearner(m: number, rate: number): Learner {
  // A blocked student stays where it is.
  return signalLearner(m, (_i, level, s) => (Number.isNaN(s) ? level : clamp01(level + rate * s)));
}

function rpropLearner(m: number, rate: number): Learner {
  const step = new Float64Array(m).fill(rate);
  const last = new Int8Array(m);
  return signalLearner(m, (i, level, v) => {
    const s = v > 0 ? 1 : v < 0 ? -1 : 0;
    const agree = s * last[i];
    if (agree > 0) step[i] = Math.min(0.5, step[i] * 1.2);
    else if (agree < 0) step[i] *= 0.5;
    last[i] = s;
    return clamp01(level + s * step[i]);
  });
}

function perturbationLearner(m: number, spec: LearnerSpec, curvature: number): Learner {
  const sigma = spec.sigma ?? DEFAULT_SIGMA;
  const gaussian = spec.name === "perturbation-gaussian";
  /** Where each bot means to be (a hand may set something else), and the levels it wrote this round. */
  const meant = new Float64Array(m);
  const wrote = new Float64Array(m);
  /** The levels the baseline round was scored at. */
  const base = new Float64Array(m);
  /** The act each seat was last a bot in: a seat that was not one in the act before starts from its level. */
  const seen = new Int32Array(m).fill(-2);
  let acts = 0;
  let jiggling = false;
  let baseError = 0;
  // Pooled over every bot and update so far: the squared part of the moves that the bots did not write
  // (a hand's slip, the slider's rounding, a skipped round). Exact bots keep it at 0, so their divisor is σ².
  let missSum = 0;
  let missCount = 0;
  return {
    act(levels, bots, rng) {
      for (let k = 0; k < bots.length; k++) {
        const i = bots[k];
        if (seen[i] !== acts - 1) meant[i] = levels[i];
        seen[i] = acts;
        const v = jiggling
          ? clamp01(meant[i] + sigma * (gaussian ? nextNormal(rng) : nextSign(rng)))
          : meant[i];
        levels[i] = v;
        wrote[i] = v;
      }
      acts++;
    },
    learn(levels, bots, result, scheme) {
      if (result.signal) return;
      if (!jiggling) {
        base.set(levels);
        for (let k = 0; k < bots.length; k++) {
          const i = bots[k];
          const miss = levels[i] - wrote[i];
          missSum += miss * miss;
        }
        baseError = result.classError;
        jiggling = true;
        return;
      }
      for (let k = 0; k < bots.length; k++) {
        const i = bots[k];
        const miss = levels[i] - wrote[i];
        missSum += miss * miss;
      }
      missCount += bots.length;
      // The gain divides by the mean square of the jiggles actually made: σ² for exact bots, and for bots
      // with a person's hand, whose slips of 0.02 dwarf a jiggle of 1e-4, mostly the slips' own size.
      const gain = spec.rate / ((sigma * sigma + (missCount > 0 ? missSum / missCount : 0)) * curvature);
      const team = result.teamError;
      for (let k = 0; k < bots.length; k++) {
        const i = bots[k];
        // The bot's actual move (clamping, a slip or a skip may have changed it), not the one it meant.
        const delta = levels[i] - base[i];
        const change = (team ? team[scheme.teamOf(i)] : result.classError) - baseError;
        meant[i] = clamp01(meant[i] - gain * change * delta);
      }
      jiggling = false;
    },
  };
}

/** Success and failure factors of the 1/5 rule: 1.5 × 1.5^(−1/4)⁴ = 1, so the step holds at 1 success in 5. */
const GROW = 1.5;
const SHRINK = 0.9036020036098448;

function keepIfImprovedLearner(m: number, rate: number): Learner {
  const kept = new Float64Array(m);
  let keptError = Number.NaN;
  let step = rate;
  return {
    act(levels, bots, rng) {
      if (Number.isNaN(keptError)) return;
      for (let k = 0; k < bots.length; k++) {
        const i = bots[k];
        levels[i] = clamp01(kept[i] + step * nextSign(rng));
      }
    },
    learn(levels, _bots, result) {
      if (result.signal || result.teamError) return;
      if (Number.isNaN(keptError) || result.classError < keptError) {
        if (!Number.isNaN(keptError)) step *= GROW;
        kept.set(levels);
        keptError = result.classError;
      } else {
        step = Math.max(1e-9, step * SHRINK);
      }
    },
  };
}
