/**
 * The theory the engine must reproduce (design brief; Werfel, Xie & Seung 2005, one constant input).
 *
 * With M students each holding one number and every update a step of rate η, the expected class error is
 * multiplied per update by ρ = 1 − 2η + η²k: k = 1 for the gradient step, k = M for node perturbation with
 * ±σ jiggles, k = M + 2 with Gaussian jiggles. So the best η is 1/k and the e-fold time is −1/ln ρ updates,
 * times the rounds each update costs. Beyond the brief, by the same algebra: `noisy` with noise strength s
 * has k = 1 + s²; `teams` of g students has k = g (each table's score is the sum over its own g students
 * only, so a table is a class of g: ±σ node perturbation's k = M with M = g); `blocked` with a share p
 * blocked removes the rest at k = 1 and leaves p of the error for good (on `independent`: a floor of p·E₀).
 * On `readout` with Q ≪ M outputs the jiggle's image in answer space is nearly Gaussian, so node
 * perturbation has k ≈ Q + 2 (approximate). The readout is exactly linear; what the formula misses at small
 * Q is that its factor ρ is the expectation of a multiplicative noise whose spread grows as Q falls: at
 * Q = 1 the product of the per-update factors is heavy-tailed, its expectation carried by rare runs whose
 * error grows, which a mean over 100 seeds seldom holds; the seeds' mean then falls faster than the
 * expectation (measured τ well below the formula's).
 */

import { ln } from "./detmath.ts";
import type { Exam } from "./exam.ts";
import { LEARNERS, type LearnerName } from "./learners.ts";
import type { SchemeConfig } from "./schemes.ts";

export interface Prediction {
  /** The k of ρ = 1 − 2η' + η'²k. */
  readonly k: number;
  /** η' = η · rateScale: the rate the formula speaks of, for the exam's normalisation of η. */
  readonly rateScale: number;
  /** Share of the start error that no rate can remove (the blocked students' part). */
  readonly floor: number;
  /** Whether the formula is exact in expectation (true) or an approximation (false). */
  readonly exact: boolean;
}

export function predict(exam: Exam, scheme: SchemeConfig, learner: LearnerName): Prediction | null {
  // Seats out of play neither learn nor jiggle: the formula's M is the students in play.
  const m = exam.activeCount;
  const q = exam.outputs;
  const gaussian = learner === "perturbation-gaussian" ? 2 : 0;
  const perturbation =
    learner === "perturbation" || learner === "perturbation-gaussian" || learner === "perturbation-robust";
  if (exam.kind === "independent") {
    const exact = (k: number, floor = 0): Prediction => ({ k, rateScale: 1, floor, exact: true });
    if (learner === "gradient") {
      if (scheme.name === "vectorized" || scheme.name === "alignment") return exact(1);
      if (scheme.name === "noisy") return exact(1 + scheme.noise * scheme.noise);
      if (scheme.name === "blocked") return exact(1, Math.round(scheme.blockedFraction * m) / m);
      return null;
    }
    // The robust rule is the textbook one where nothing else moves, but for its estimated rate, its
    // person-sized jiggles and its bounds: the same k, as an approximation.
    if (learner === "perturbation-robust" && scheme.name === "global")
      return { k: m, rateScale: 1, floor: 0, exact: false };
    if (perturbation && scheme.name === "global") return exact(m + gaussian);
    if (perturbation && scheme.name === "teams") return exact(Math.min(scheme.teamSize, m) + gaussian);
    return null;
  }
  if (exam.kind === "readout" && q < m) {
    // JJᵀ ≈ I (unit diagonal, small off-diagonal) while signals are scaled by the curvature (2/Q)·edge, so
    // the formula's rate is η / edge. For ±1 jiggles the fourth moment is 1, not 3, which takes 2Q/M off k.
    const rateScale = 2 / (q * exam.curvature);
    if (learner === "gradient" && scheme.name === "vectorized")
      return { k: 1, rateScale, floor: 0, exact: false };
    if (perturbation && scheme.name === "global") {
      const k = gaussian ? q + 2 : q + 2 - (2 * q) / m;
      return { k, rateScale, floor: 0, exact: false };
    }
  }
  return null;
}

/** ρ, the expected factor of the class error per update. */
export function factorPerUpdate(rate: number, p: Prediction): number {
  const r = rate * p.rateScale;
  return 1 - 2 * r + r * r * p.k;
}

/** The rate that makes ρ smallest. */
export const theoryBestRate = (p: Prediction): number => 1 / (p.k * p.rateScale);

/** Predicted e-fold time in rounds (0: one update removes the error; Infinity: it never falls). */
export function predictedTau(rate: number, p: Prediction, learner: LearnerName): number {
  // Measured τ is fitted over the first three e-folds; an error that keeps more than e⁻³ never gets there.
  if (p.floor > 0.049787068367863944) return Number.POSITIVE_INFINITY;
  const rho = factorPerUpdate(rate, p);
  if (rho <= 0) return 0;
  if (rho >= 1) return Number.POSITIVE_INFINITY;
  return (-1 / ln(rho)) * LEARNERS[learner].roundsPerUpdate;
}

/** The theory's class error per round from a start error, for the chart's dashed line. */
export function predictedTrace(
  startError: number,
  rate: number,
  p: Prediction,
  learner: LearnerName,
  rounds: number,
): Float64Array {
  const rho = Math.max(0, factorPerUpdate(rate, p));
  const per = LEARNERS[learner].roundsPerUpdate;
  const trace = new Float64Array(rounds);
  const stays = startError * p.floor;
  let e = startError - stays;
  for (let r = 0; r < rounds; r++) {
    trace[r] = stays + e;
    if ((r + 1) % per === 0) e *= rho;
  }
  return trace;
}
