import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exp, ln } from "../../shared/engine/detmath.ts";
import {
  cloneRng,
  createRng,
  deriveSeed,
  nextFloat,
  nextNormal,
  nextU32,
  permutation,
} from "../../shared/engine/random.ts";

describe("the seeded generator", () => {
  it("gives the same numbers for the same seed and different ones for another", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const da = Array.from({ length: 100 }, () => nextU32(a));
    const db = Array.from({ length: 100 }, () => nextU32(b));
    const dc = Array.from({ length: 100 }, () => nextU32(c));
    expect(da).toEqual(db);
    expect(dc).not.toEqual(da);
  });

  it("keeps its whole state in the array it returns, so a copy replays the same numbers", () => {
    const a = createRng(7);
    for (let i = 0; i < 10; i++) nextU32(a);
    const copy = cloneRng(a);
    expect(Array.from({ length: 20 }, () => nextFloat(a))).toEqual(
      Array.from({ length: 20 }, () => nextFloat(copy)),
    );
  });

  it("matches golden values, so a change to the generator cannot pass unnoticed", () => {
    const s = createRng(2026);
    expect([nextU32(s), nextU32(s), nextU32(s)]).toMatchInlineSnapshot(`
      [
        739198404,
        3897625740,
        534906715,
      ]
    `);
    expect(deriveSeed(1, "exam")).not.toBe(deriveSeed(1, "bots"));
    expect(deriveSeed(1, "exam")).not.toBe(deriveSeed(2, "exam"));
  });

  it("draws uniform floats in [0, 1) with the right mean and variance", () => {
    const s = createRng(1);
    let sum = 0;
    let sq = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = nextFloat(s);
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      sq += u * u;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 2);
  });

  it("draws standard normals with mean 0, variance 1 and normal tails", () => {
    const s = createRng(3);
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    let beyond2 = 0;
    for (let i = 0; i < n; i++) {
      const z = nextNormal(s);
      sum += z;
      sq += z * z;
      if (Math.abs(z) > 2) beyond2++;
    }
    expect(sum / n).toBeCloseTo(0, 2);
    expect(sq / n).toBeCloseTo(1, 1);
    expect(beyond2 / n).toBeCloseTo(0.0455, 2);
  });

  it("shuffles into a permutation", () => {
    const p = permutation(createRng(5), 1000);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
});

describe("the engine's own logarithm", () => {
  it("agrees with Math.log to within a few ulps over the whole positive range", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (x) => {
        const want = Math.log(x);
        expect(Math.abs(ln(x) - want)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.max(1, Math.abs(want)));
      }),
      { numRuns: 2000 },
    );
  });

  it("handles the edges: ln 1 = 0, ln 0 = −∞, negative and NaN give NaN", () => {
    expect(ln(1)).toBe(0);
    expect(ln(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(ln(-1)).toBeNaN();
    expect(ln(Number.NaN)).toBeNaN();
    expect(ln(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("the engine's own exponential", () => {
  it("agrees with Math.exp to within a few ulps from e^−700 to e^700", () => {
    fc.assert(
      fc.property(fc.double({ min: -700, max: 700, noNaN: true }), (x) => {
        const want = Math.exp(x);
        expect(Math.abs(exp(x) - want)).toBeLessThanOrEqual(8 * Number.EPSILON * want);
      }),
      { numRuns: 2000 },
    );
  });

  it("handles the edges: e^0 = 1, overflow to ∞, underflow to 0, NaN", () => {
    expect(exp(0)).toBe(1);
    expect(exp(1000)).toBe(Number.POSITIVE_INFINITY);
    expect(exp(-1000)).toBe(0);
    expect(exp(Number.NaN)).toBeNaN();
  });
});
