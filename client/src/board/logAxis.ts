/**
 * Ticks and labels of a log axis in whole decades, written so they stay short on a phone and readable on a
 * projector, instead of uPlot's defaults (a tick at every 1–9 multiple, labels blanked where space is short).
 */

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** 0.1, 0.01, 0.001, then 10⁻⁴ and below: short enough for a phone's axis. */
export function power(exp: number): string {
  if (exp >= -3 && exp <= 3) return String(10 ** exp);
  const digits = [...String(Math.abs(exp))].map((d) => SUPERSCRIPT[Number(d)]).join("");
  return `10${exp < 0 ? "⁻" : ""}${digits}`;
}

/** Whole decades only, every other one when there are many, so the grid stays readable. */
export function decadeSplits(min: number, max: number): number[] {
  const lo = Math.round(Math.log10(min));
  const hi = Math.round(Math.log10(max));
  const step = hi - lo > 5 ? 2 : 1;
  const out: number[] = [];
  for (let e = hi; e >= lo; e -= step) out.push(10 ** e);
  return out;
}

/** The whole decades around [lo, hi], at least one decade tall. */
export function decades(lo: number, hi: number): [number, number] {
  const a = 10 ** Math.floor(Math.log10(lo));
  const b = 10 ** Math.ceil(Math.log10(hi));
  return [a, a === b ? b * 10 : b];
}
