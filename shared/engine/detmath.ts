/**
 * Math that gives the same bits on every JavaScript engine.
 *
 * IEEE 754 rounds + − × ÷ and √ exactly, but Math.log, Math.exp and friends are only approximations whose
 * last bits differ between engines. The engine's randomness and its measures of learning must replay
 * bit for bit in any browser, so the one transcendental function it needs is written here from exact
 * operations only.
 */

const LN2 = Math.LN2;
const SQRT_HALF = Math.SQRT1_2;
const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;

/** Natural logarithm for x > 0 (NaN for x ≤ 0 or NaN, Infinity for Infinity). */
export function ln(x: number): number {
  if (!(x > 0)) return x === 0 ? Number.NEGATIVE_INFINITY : Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  // x = m · 2^k with m in [√½, √2): multiplying by 2 is exact, so this only moves the exponent.
  let m = x;
  let k = 0;
  while (m >= 2 * SQRT_HALF) {
    m *= 0.5;
    k++;
  }
  while (m < SQRT_HALF) {
    m *= 2;
    k--;
  }
  // ln m = 2 atanh(u) with |u| ≤ 0.1716, so eleven odd terms reach double precision.
  const u = (m - 1) / (m + 1);
  const u2 = u * u;
  let term = u;
  let sum = 0;
  for (let n = 1; n <= 23; n += 2) {
    sum += term / n;
    term *= u2;
  }
  return 2 * sum + k * LN2;
}

/** e^x from exact operations (as `ln`): x = k ln 2 + r with |r| ≤ ½ ln 2, a Taylor series for e^r, then 2^k. */
export function exp(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > 709.8) return Number.POSITIVE_INFINITY;
  if (x < -745.2) return 0;
  const k = Math.round(x / LN2);
  // ln 2 in two parts (fdlibm's): k · LN2_HI is exact for |k| < 2¹¹, so r keeps its low bits.
  const r = x - k * LN2_HI - k * LN2_LO;
  let term = 1;
  let sum = 1;
  for (let n = 1; n <= 20; n++) {
    term *= r / n;
    sum += term;
  }
  // Multiplying by 2 or ½ only moves the exponent (until a subnormal result, which is rounded either way).
  let scale = 1;
  for (let i = 0; i < Math.abs(k); i++) scale *= k > 0 ? 2 : 0.5;
  return sum * scale;
}
