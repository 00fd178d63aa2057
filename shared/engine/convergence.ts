/**
 * Measures of convergence, counted in rounds (class evaluations).
 *
 * - Criterion: 95 % of the way from the start to the key, in distance: √E ≤ 0.05 √E₀, so E ≤ 0.0025 E₀, for
 *   bot classes. A class of people plays to 90 % (E ≤ 0.01 E₀): a hand sets a slider within about ±0.02 of
 *   where it means, so even a class that follows perfect signals stays some 0.02 from its key, about 7 % of
 *   the start's distance on the `independent` exam (0.29): 95 % would take luck, 90 % takes learning.
 * - Rounds to criterion: rounds played after the first until a round meets it (null: never).
 * - τ: the e-fold time of the class error, −1 / slope of ln E against rounds by least squares, over the
 *   stretch from the first round to the first that is e³ below it (before noise floors matter). A class
 *   whose error vanishes (to rounding: below 10⁻²⁰ E₀) within that stretch has no e-fold time to fit: it is
 *   exact (τ = 0, and `exactRound` says when), never a slope fitted to a floor.
 * - Mean and a 10–90 % band over seeds; a run that never met the criterion counts as +∞ in the band and
 *   leaves the mean undefined (an average of lower bounds would flatter the slow schemes).
 */
import { ln } from "./detmath.ts";

export const CRITERION = 0.95;
/** The criterion of a class with people in it (and of its twin, which plays like people). */
export const CLASS_CRITERION = 0.9;
const TAU_WINDOW = 0.049787068367863944; // e^−3
/** A class error at or below this share of its start is the key itself, to rounding. */
export const EXACT_SHARE = 1e-20;

/** The class error at which a class that started at `startError` is `criterion` of the way to its key. */
export const criterionError = (startError: number, criterion = CRITERION): number =>
  startError * (1 - criterion) * (1 - criterion);

export function roundsToCriterion(trace: ArrayLike<number>, criterion = CRITERION): number | null {
  if (trace.length === 0) return null;
  const target = criterionError(trace[0], criterion);
  for (let r = 0; r < trace.length; r++) if (trace[r] <= target) return r;
  return null;
}

/** The first round (after the start) whose error is the key itself, to rounding; null if none. */
export function exactRound(trace: ArrayLike<number>): number | null {
  if (trace.length === 0 || !(trace[0] > 0)) return null;
  for (let r = 1; r < trace.length; r++) if (trace[r] <= trace[0] * EXACT_SHARE) return r;
  return null;
}

/**
 * e-fold time in rounds: 0 when there is no slope to fit, because the error vanished (exact, see
 * `exactRound`) or fell e³-fold within a single update (`roundsPerUpdate` rounds: one step, no sequence of
 * e-folds); Infinity when it never fell e³-fold; NaN for a trace too short or a start of 0.
 */
export function efoldTime(trace: ArrayLike<number>, roundsPerUpdate = 1): number {
  const n = trace.length;
  if (n < 2 || !(trace[0] > 0)) return Number.NaN;
  const stop = trace[0] * TAU_WINDOW;
  let end = -1;
  for (let r = 1; r < n; r++)
    if (trace[r] <= stop) {
      end = r;
      break;
    }
  if (end < 0) return Number.POSITIVE_INFINITY;
  // Every round of the window but its last is above e⁻³ E₀; the last may be the key itself.
  if (trace[end] <= trace[0] * EXACT_SHARE || end <= roundsPerUpdate) return 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  const count = end + 1;
  for (let r = 0; r <= end; r++) {
    const y = ln(trace[r]);
    sx += r;
    sy += y;
    sxx += r * r;
    sxy += r * y;
  }
  const slope = (count * sxy - sx * sy) / (count * sxx - sx * sx);
  if (slope >= 0) return Number.POSITIVE_INFINITY;
  return -1 / slope;
}

export interface Summary {
  /** Mean over seeds; null when some seed never got there. */
  readonly mean: number | null;
  /** 10th and 90th percentiles; null when that share of the seeds never got there. */
  readonly p10: number | null;
  readonly p90: number | null;
  /** Share of seeds that got there. */
  readonly reached: number;
}

function quantile(sorted: readonly number[], p: number): number {
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function summarize(values: readonly (number | null)[]): Summary {
  const finite = values.map((v) => (v === null || !Number.isFinite(v) ? Number.POSITIVE_INFINITY : v));
  const sorted = [...finite].sort((a, b) => a - b);
  const reachedCount = sorted.filter(Number.isFinite).length;
  const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);
  if (sorted.length === 0) return { mean: null, p10: null, p90: null, reached: 0 };
  return {
    mean: reachedCount === sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null,
    p10: orNull(quantile(sorted, 0.1)),
    p90: orNull(quantile(sorted, 0.9)),
    reached: reachedCount / sorted.length,
  };
}

export interface Band {
  readonly mean: Float64Array;
  readonly p10: Float64Array;
  readonly p90: Float64Array;
}

/** Per-round mean and 10–90 % band over equally long traces. */
export function bandOf(traces: readonly Float64Array[]): Band {
  const n = traces.length === 0 ? 0 : traces[0].length;
  const mean = new Float64Array(n);
  const p10 = new Float64Array(n);
  const p90 = new Float64Array(n);
  const column = new Array<number>(traces.length);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let k = 0; k < traces.length; k++) {
      column[k] = traces[k][r];
      s += column[k];
    }
    column.sort((a, b) => a - b);
    mean[r] = s / traces.length;
    p10[r] = quantile(column, 0.1);
    p90[r] = quantile(column, 0.9);
  }
  return { mean, p10, p90 };
}
