/**
 * The numbers the convergence chart hands uPlot: each line clamped to the axis floor with gaps where a value
 * is not a number, and a log axis of whole decades, at most DECADES tall, so a class that reaches the key
 * exactly does not stretch the axis to the smallest double and flatten the other line.
 */
import { decades } from "./logAxis.ts";

const DECADES = 8;

/** Lines' values as uPlot wants them: clamped to the axis floor, null where there is no number. */
export function plotValues(
  values: ArrayLike<number> | null,
  count: number,
  n: number,
  floor: number,
): (number | null)[] {
  const out: (number | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = values && i < count && i < values.length ? values[i] : Number.NaN;
    out[i] = Number.isNaN(v) ? null : Math.max(floor, v);
  }
  return out;
}

/** The y range: whole decades from the highest value down to at most DECADES below it. */
export function yRange(
  series: readonly (ArrayLike<number> | null)[],
  n: number,
): { floor: number; range: [number, number] } {
  let top = 0;
  let low = Number.POSITIVE_INFINITY;
  for (const values of series)
    for (let i = 0; values && i < n && i < values.length; i++) {
      const v = values[i];
      if (v > top && Number.isFinite(v)) top = v;
      if (v > 0 && v < low) low = v;
    }
  const floor = top > 0 ? Math.max(low, top * 10 ** -DECADES) : 1e-3;
  return { floor, range: top > 0 ? decades(floor, top) : [1e-3, 1] };
}
