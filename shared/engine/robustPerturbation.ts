/**
 * Node perturbation that keeps learning beside people: the rule scalar-scheme bots play by in a live class.
 *
 * The textbook rule (`perturbation` in learners.ts) jiggles by σ = 1e-4 and divides the change of the class
 * error by σ²: in a bot-only class every change is its own jiggle's doing, but beside one person who moves
 * freely the change is mostly that person's, and the quotient throws the bots to 0 and 1. This rule keeps its
 * core (the change of the scalar times the own jiggle estimates the own credit; two rounds per update) and
 * departs from it in five ways, each for a reason:
 *
 * 1. Antithetic pairs instead of a baseline and a jiggle: each bot plays c + σs, then c − σs, around the
 *    level c it means. The change between the two is dᵀg at their midpoint, exactly on a quadratic: twice
 *    the signal of a baseline pair for the same noise from others, and no bias from the jiggle's own cost.
 *    Round 1 is a look at the class as it stands, which sizes the first jiggle.
 * 2. The jiggle has a person's size: σ is a quarter of the class's RMS distance per seat (read from the class
 *    error and the exam's curvature), at least 0.01 (one slider step) and at most 0.1, so the bots' own
 *    effect stands out of what others do to the scalar. It costs about σ²·bots/M of error in every round
 *    (some 6 % of the error of a bot-only class).
 * 3. The rate is scaled by the share of the change the jiggles can explain: c² = S / V, with V a running
 *    mean of the squared change and S what the jiggles alone would give (mean d² · 2λE, λ the curvature).
 *    In a bot-only class c² ≈ 1 and the step is the textbook's; beside movers whose noise is N², c² is about
 *    S / (S + N²), which is node perturbation's best rate under that noise (k grows to k (1 + N²/S)).
 * 4. Every step is bounded by twice the RMS distance per seat, so one surprising round cannot throw a bot
 *    across the slider.
 * 5. The bots read their actual moves (human-like bots miss by their imprecision, skip rounds, round to the
 *    slider's step) and keep the level they mean, so their misses do not add up round after round.
 *
 * What it costs where nothing else moves is printed by `npm run demo -- --learner perturbation-robust`.
 */
import type { RoundResult } from "./classroom.ts";
import type { Exam } from "./exam.ts";
import type { Learner } from "./learners.ts";
import { nextSign } from "./random.ts";

/** σ as a share of the RMS distance per seat, and its bounds in level units. */
const JIGGLE_SHARE = 0.25;
const SIGMA_MIN = 0.01;
const SIGMA_MAX = 0.1;
/** Weight of the newest squared change in the running mean V. */
const NOISE_MEMORY = 0.3;
/** The largest step, in RMS distances per seat. */
const STEP_BOUND = 2;
/**
 * How much more noise than the jiggles explain is taken as chance: the estimate V of one noisy square is
 * itself noisy, and reading its swings as noise would slow a bot-only class for nothing. At 1.3 a bot-only
 * class loses little to the textbook; beside movers the rate is at most 1.3 times the best, still ~90 % as fast.
 */
const TOLERANCE = 1.3;

const clamp01 = (v: number): number => (v < 0 ? 0 : Math.min(v, 1));

/** The RMS distance of a seat's level from the key that a class error means, on an isotropic quadratic. */
export function rmsDistance(error: number, exam: Exam): number {
  const d = Math.sqrt((2 * Math.max(0, error)) / (exam.curvature * Math.max(1, exam.activeCount)));
  return Number.isFinite(d) ? d : 0;
}

export function jiggleSize(error: number, exam: Exam): number {
  return Math.min(SIGMA_MAX, Math.max(SIGMA_MIN, JIGGLE_SHARE * rmsDistance(error, exam)));
}

export function robustPerturbationLearner(m: number, rate: number, exam: Exam): Learner {
  const lambda = exam.curvature;
  /** Where each bot means to be: the centre of its pair of jiggles. */
  const centre = new Float64Array(m);
  const sign = new Int8Array(m);
  const plus = new Float64Array(m);
  /** The act a bot was last seen in: a seat that was not a bot in the act before starts from its level. */
  const seen = new Int32Array(m).fill(-2);
  /** 1 for a bot that played the first half of the current pair. */
  const paired = new Uint8Array(m);
  let acts = 0;
  /** Round 1 is a look at the class as it stands, which sizes the first jiggle. */
  let looked = false;
  let second = false;
  let plusError = 0;
  let sigma = SIGMA_MAX;
  // Per table (one for `global`): the running noise, and the sums of one pair.
  let noise = new Float64Array(1).fill(Number.NaN);
  let dd = new Float64Array(1);
  let moved = new Int32Array(1);
  return {
    act(levels, bots, rng) {
      for (let k = 0; k < bots.length; k++) {
        const i = bots[k];
        if (seen[i] !== acts - 1) {
          centre[i] = levels[i];
          paired[i] = 0;
        }
        seen[i] = acts;
        if (!looked || (second && !paired[i])) {
          levels[i] = centre[i];
          continue;
        }
        if (!second) sign[i] = nextSign(rng);
        paired[i] = second ? paired[i] : 1;
        levels[i] = clamp01(centre[i] + (second ? -sigma : sigma) * sign[i]);
      }
      acts++;
    },
    learn(levels, bots, result: RoundResult, scheme) {
      if (result.signal) return;
      if (!looked) {
        looked = true;
        sigma = jiggleSize(result.classError, exam);
        return;
      }
      if (!second) {
        for (let k = 0; k < bots.length; k++) plus[bots[k]] = levels[bots[k]];
        plusError = result.classError;
        second = true;
        return;
      }
      second = false;
      const tables = scheme.teams;
      if (noise.length !== tables) {
        noise = new Float64Array(tables).fill(Number.NaN);
        dd = new Float64Array(tables);
        moved = new Int32Array(tables);
      }
      dd.fill(0);
      moved.fill(0);
      let all = 0;
      for (let k = 0; k < bots.length; k++) {
        const i = bots[k];
        if (!paired[i]) continue;
        const d = plus[i] - levels[i];
        const t = scheme.teamOf(i);
        dd[t] += d * d;
        all += d * d;
        if (d !== 0) moved[t]++;
      }
      // The class error at the pair's midpoint: their mean less the pair's own cost.
      const midError = Math.max(0, 0.5 * (plusError + result.classError) - (lambda * all) / 8);
      const bound = STEP_BOUND * rmsDistance(midError, exam);
      const team = result.teamError;
      // What a table's jiggles alone would move the scalar by, per unit of mean d², is its share of |g|².
      const gradientShare = (2 * lambda * midError) / Math.max(1, exam.activeCount);
      const gain = new Float64Array(tables);
      const change = new Float64Array(tables);
      for (let t = 0; t < tables; t++) {
        if (moved[t] === 0) continue;
        // Under `teams` a table's scalar in the second round is the error had only it moved back from the
        // first round's levels, so the class error of the first round is its other end: others stay put.
        change[t] = plusError - (team ? team[t] : result.classError);
        const c2 = change[t] * change[t];
        noise[t] = Number.isNaN(noise[t]) ? c2 : noise[t] + NOISE_MEMORY * (c2 - noise[t]);
        const meanDd = dd[t] / moved[t];
        const explained = meanDd * gradientShare * moved[t];
        const share = noise[t] > 0 ? Math.min(1, (TOLERANCE * explained) / noise[t]) : 1;
        gain[t] = (rate * share) / (lambda * meanDd);
      }
      for (let k = 0; k < bots.length; k++) {
        const i = bots[k];
        if (!paired[i]) continue;
        const t = scheme.teamOf(i);
        const step = -gain[t] * change[t] * (plus[i] - levels[i]);
        centre[i] = clamp01(centre[i] + Math.max(-bound, Math.min(bound, step)));
        paired[i] = 0;
      }
      sigma = jiggleSize(midError, exam);
    },
  };
}
