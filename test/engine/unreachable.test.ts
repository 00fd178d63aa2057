/**
 * The `unreachable` exam (targets past the ends of the slider) and node perturbation there: its error does
 * not settle at the best the class can do but stays above that floor for good (the estimate's noise, fed by
 * the pinned students' credit, does not vanish), while at a reachable key the excess goes to nothing.
 */
import { describe, expect, it } from "vitest";
import { errorFloor } from "../../shared/engine/exams/unreachable.ts";
import { createExam, type ExamKind, runBotClass } from "../../shared/engine/index.ts";

const M = 30;
const ROUNDS = 1600;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/** Mean over the last quarter of the run of (E − E_min), as a share of the start's excess (E₀ − E_min). */
function excessShare(kind: ExamKind, seed: number, scheme: "global" | "vectorized"): number {
  const spec = { kind, students: M, questions: 1, seed };
  const floor = kind === "unreachable" ? errorFloor(createExam(spec)) : 0;
  const learner =
    scheme === "global"
      ? { name: "perturbation" as const, rate: 1 / M }
      : { name: "gradient" as const, rate: 1 };
  const trace = runBotClass({ exam: spec, scheme: { name: scheme }, learner }, ROUNDS);
  let sum = 0;
  const from = Math.floor((3 * ROUNDS) / 4);
  for (let r = from; r < ROUNDS; r++) sum += trace[r] - floor;
  return sum / (ROUNDS - from) / (trace[0] - floor);
}

describe("an exam whose key cannot be reached", () => {
  it("has a floor no level can go below: the targets clipped to the slider", () => {
    const exam = createExam({ kind: "unreachable", students: M, questions: 1, seed: 3 });
    const floor = errorFloor(exam);
    expect(floor).toBeGreaterThan(0.002);
    const best = exam.solution(0);
    for (let i = 0; i < M; i++) {
      const nudged = Float64Array.from(best);
      nudged[i] = Math.min(1, Math.max(0, nudged[i] + (best[i] >= 0.5 ? -0.01 : 0.01)));
      expect(exam.evaluate(nudged, 0, null, null, "true")).toBeGreaterThan(floor);
    }
  });

  it("leaves node perturbation above its floor for good when the key is unreachable, and not when it is reachable", () => {
    for (const seed of SEEDS) {
      expect(excessShare("unreachable", seed, "global")).toBeGreaterThan(0.005);
      expect(excessShare("independent", seed, "global")).toBeLessThan(1e-4);
    }
  });

  it("lets the true gradient step reach the floor exactly even when the key is unreachable", () => {
    for (const seed of SEEDS) expect(excessShare("unreachable", seed, "vectorized")).toBeLessThan(1e-9);
  });
});
