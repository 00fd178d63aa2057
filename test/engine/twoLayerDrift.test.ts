/**
 * Node perturbation drifts exactly when the key cannot be reached (issue 12; Hiratani, Mehta, Lillicrap &
 * Latham 2022), in the two-layer linear class of shared/engine/twoLayerDrift.ts: 4 inputs, 8 hidden
 * students, 2 outputs, so W₁'s directions that W₂ does not read are free. The same class, the same seeds
 * and rate, with the key reachable (a rank-2 teacher) or not (the same teacher, label noise ν = 0.3 on
 * every output every round): only the unreachable key keeps node perturbation's estimate noisy at the
 * minimum, its weights grow and its error above the floor rises again after its lowest
 * (three of these four seeds blow up within the 60 000 rounds; the fourth rises 3.9× without).
 * Backprop on the same rounds settles on both.
 */
import { describe, expect, it } from "vitest";
import {
  createTwoLayerClass,
  type DriftTrace,
  excessError,
  meanError,
  runTwoLayer,
  type TwoLayerSpec,
} from "../../shared/engine/twoLayerDrift.ts";

const SETTING = { inputs: 4, hidden: 8, outputs: 2, teacherRank: 2, rate: 0.05, sigma: 1e-3, init: 0.5 };
const ROUNDS = 60_000;
const EVERY = 2_000;
const SEEDS = [1, 2, 3, 4];
const NOISE = 0.3;

const run = (learner: TwoLayerSpec["learner"], labelNoise: number, seed: number): DriftTrace =>
  runTwoLayer({ ...SETTING, learner, labelNoise, seed }, ROUNDS, EVERY);

/** The lowest window after the first and the highest after it (Infinity once blown up), and the largest ‖W₁‖. */
function shape(t: DriftTrace): { low: number; peakAfter: number; maxNorm1: number } {
  const windows = Array.from(t.excess).slice(1);
  const finite = windows.filter(Number.isFinite);
  const low = Math.min(...finite);
  const peakAfter = Math.max(...windows.slice(windows.indexOf(low)));
  return { low, peakAfter, maxNorm1: Math.max(...Array.from(t.norm1).filter(Number.isFinite)) };
}

describe("the two-layer class's key and floor", () => {
  it("puts the floor at the label noise's ½ n ν², and the error above it is zero at W₂W₁ = A", () => {
    const tc = createTwoLayerClass({ ...SETTING, learner: "node", seed: 7, labelNoise: NOISE });
    expect(tc.floor).toBeCloseTo(0.5 * 2 * NOISE ** 2, 15);
    // W₂ = [I 0] and W₁ the teacher in its first two rows: W₂W₁ = A.
    tc.w1.fill(0);
    tc.w2.fill(0);
    for (let a = 0; a < 2; a++) {
      tc.w2[a * 8 + a] = 1;
      for (let b = 0; b < 4; b++) tc.w1[a * 4 + b] = tc.teacher[a * 4 + b];
    }
    expect(Math.abs(excessError(tc))).toBeLessThan(1e-15);
    expect(meanError(tc)).toBeCloseTo(tc.floor, 15);
  });

  it("is deterministic: the same seed gives the same trace, bit for bit", () => {
    const a = runTwoLayer({ ...SETTING, learner: "node", seed: 3, labelNoise: NOISE }, 4_000, 1_000);
    const b = runTwoLayer({ ...SETTING, learner: "node", seed: 3, labelNoise: NOISE }, 4_000, 1_000);
    expect(Array.from(a.excess)).toEqual(Array.from(b.excess));
    expect(Array.from(a.norm1)).toEqual(Array.from(b.norm1));
  });
});

describe("drift present exactly when the key is unreachable", () => {
  it("node perturbation at the unreachable key: the error above its floor rises ≥ 3× after its lowest, ‖W₁‖ grows past 2× backprop's", () => {
    for (const seed of SEEDS) {
      const np = shape(run("node", NOISE, seed));
      const bp = shape(run("backprop", NOISE, seed));
      expect(np.peakAfter).toBeGreaterThan(3 * np.low);
      expect(np.maxNorm1).toBeGreaterThan(2 * bp.maxNorm1);
    }
  });

  it("node perturbation at the reachable key, same setting: it settles within 2× of its lowest and its weights stay near backprop's", () => {
    for (const seed of SEEDS) {
      const t = run("node", 0, seed);
      const np = shape(t);
      const bp = shape(run("backprop", 0, seed));
      expect(t.blewUp).toBeNull();
      expect(np.peakAfter).toBeLessThan(2 * np.low);
      expect(np.maxNorm1).toBeLessThan(1.25 * bp.maxNorm1);
    }
  });

  it("backprop settles at both keys: never blows up, and stays within 2× of its lowest", () => {
    for (const seed of SEEDS)
      for (const noise of [0, NOISE]) {
        const t = run("backprop", noise, seed);
        expect(t.blewUp).toBeNull();
        const s = shape(t);
        // At the reachable key backprop reaches rounding level: settled means no rise above it.
        expect(s.peakAfter).toBeLessThanOrEqual(Math.max(2 * s.low, 1e-28));
      }
  });
});
