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
