/**
 * Human-like bots (a hand that slips by 0.02, a slider in steps of 0.01, one round in ten skipped) learn
 * under the scalar and the vector scheme: node perturbation divides by the jiggles actually made, not by
 * its nominal σ², and the class is measured to the criterion a person's precision can reach (90 %).
 */
import { describe, expect, it } from "vitest";
import { criterionOf, humanRoundsToCriterion } from "../../shared/engine/humanLike.ts";
import { CLASS_CRITERION, CRITERION, HUMAN_LIKE, runBotClass } from "../../shared/engine/index.ts";

const M = 30;
const SEEDS = Array.from({ length: 20 }, (_, k) => 101 + k);
const exam = (seed: number) => ({ kind: "independent" as const, students: M, questions: 1, seed });

describe("human-like bots", () => {
  it("reach 90 % of the way under global (node perturbation at η = 1/M) in at least 90 % of seeds, M = 30", () => {
    const reached = SEEDS.map((s) =>
      humanRoundsToCriterion(
        exam(s),
        { name: "global" },
        { name: "perturbation", rate: 1 / M },
        HUMAN_LIKE,
        800,
      ),
    );
    expect(reached.filter((r) => r !== null).length / SEEDS.length).toBeGreaterThanOrEqual(0.9);
  });

  it("reach 90 % of the way under vectorized (gradient step, η = 1) in at least 90 % of seeds, M = 30", () => {
    const reached = SEEDS.map((s) =>
      humanRoundsToCriterion(exam(s), { name: "vectorized" }, { name: "gradient", rate: 1 }, HUMAN_LIKE, 200),
    );
    expect(reached.filter((r) => r !== null).length / SEEDS.length).toBeGreaterThanOrEqual(0.9);
  });

  it("improve under global from the first rounds on, instead of getting worse (the σ² = 1e-4 divisor did)", () => {
    for (const s of SEEDS.slice(0, 10)) {
      const trace = runBotClass(
        {
          exam: exam(s),
          scheme: { name: "global" },
          learner: { name: "perturbation", rate: 1 / M },
          human: HUMAN_LIKE,
        },
        60,
      );
      expect(trace[59]).toBeLessThan(trace[0]);
    }
  });

  it("are measured to 90 %, exact bots to 95 %", () => {
    expect(criterionOf(HUMAN_LIKE)).toBe(CLASS_CRITERION);
    expect(criterionOf(null)).toBe(CRITERION);
  });
});
