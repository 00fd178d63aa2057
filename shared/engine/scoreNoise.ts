/**
 * A noisy class score: what the class HEARS after a round is the class error plus Gaussian noise of a set
 * size ν (class-error units), and what each table hears under `teams` likewise, one draw per table. It is
 * the noise of a room where the score is read out loud, misheard, or mixed with what others do: the learners
 * read what they hear, while the class error itself (the charts, the criterion) stays exact.
 *
 * Why on the error and not on the 0–100 score: noise of a fixed size on the score would shrink with the
 * error near the key (the score's slope there is 1/√E), and node perturbation would never feel it. Noise on
 * the error is what the theory of node perturbation treats: each update's estimate carries it, so the class
 * learns more slowly and settles where the noise it adds balances what it learns. There the RMS distance
 * from the key, √E, and so the score's shortfall from 100, grow in proportion to ν.
 *
 * The draws come from their own stream (`class:hearing` from the exam's seed), and none is drawn at ν = 0,
 * so a class without the option plays bit for bit as before.
 */
import { nextNormal, type RngState } from "./random.ts";

/** The label of the score noise's random stream, derived from the exam's seed. */
export const HEARING_STREAM = "class:hearing";

export function checkScoreNoise(noise: number | undefined): void {
  if (noise === undefined) return;
  if (!(noise >= 0 && Number.isFinite(noise)))
    throw new RangeError("score noise must be a finite number ≥ 0");
}

/**
 * The class error the class hears, and (in place) what each table hears. At ν = 0 nothing is drawn and the
 * truth comes back unchanged. A heard error may fall below 0; the score people see stops at 100.
 */
export function hearError(
  classError: number,
  teamError: Float64Array | null,
  noise: number,
  rng: RngState,
): number {
  if (noise === 0) return classError;
  const heard = classError + noise * nextNormal(rng);
  if (teamError) for (let t = 0; t < teamError.length; t++) teamError[t] += noise * nextNormal(rng);
  return heard;
}

export interface NoiseFloorInput {
  /** η in the engine's units. */
  readonly rate: number;
  /** ν, the score noise. */
  readonly noise: number;
  /** σ, the ±σ jiggle. */
  readonly sigma: number;
  /** M, the students in play (all bots). */
  readonly students: number;
  /** λ, the exam's curvature. */
  readonly curvature: number;
}

/**
 * Where ±σ node perturbation under `global` settles on an isotropic exam (`independent`) when the class hears
 * its error with noise ν: each update's ΔE carries noise of variance 2ν², which moves every bot by
 * (η/(σ²λ))·noise·δ and adds η²ν²M/(σ²λ) to E, while learning removes E·(2η − η²M). The balance:
 *   E∞ = η ν² M / (σ² λ (2 − η M)),
 * so √E∞ (the RMS distance from the key, and the score's shortfall) grows in proportion to ν. Infinity at a
 * rate where the class does not learn (η ≥ 2/M). The jiggle's own cost (σ²/2 or so) is left out.
 */
export function perturbationNoiseFloor(input: NoiseFloorInput): number {
  const { rate, noise, sigma, students, curvature } = input;
  const learning = 2 - rate * students;
  if (!(learning > 0)) return Number.POSITIVE_INFINITY;
  return (rate * noise * noise * students) / (sigma * sigma * curvature * learning);
}
