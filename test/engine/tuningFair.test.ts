/**
 * The rate sweep a referee would accept (issue 12): tuning seeds apart from the reported ones, a grid fine
 * near the edge of stability, stability required, and a choice that holds up on seeds it never saw: within
 * 10 % of the best fixed rate found on those held-out seeds for "Good job" on the readout exam.
 */
import { describe, expect, it } from "vitest";
import {
  bestRate,
  criterionError,
  examSpecFor,
  roundsToCriterion,
  runBotClass,
  schemeConfig,
  TUNING_SEEDS,
  tuningFor,
} from "../../shared/engine/index.ts";

const GLOBAL = schemeConfig("global");
const HELD_OUT = 50;

/** Mean rounds to criterion on the held-out seeds 1 … HELD_OUT (a miss counts as twice the horizon). */
function heldOut(students: number, outputs: number, rate: number, horizon: number): number {
  let total = 0;
  for (let seed = 1; seed <= HELD_OUT; seed++) {
    const trace = runBotClass(
      {
        exam: { kind: "readout", students, questions: 1, outputs, seed },
        scheme: GLOBAL,
        learner: { name: "perturbation", rate },
      },
      horizon,
      (e, _r, first) => e <= criterionError(first),
    );
    total += roundsToCriterion(trace) ?? 2 * horizon;
  }
  return total / HELD_OUT;
}

describe("the rate sweep for global on readout", () => {
  it.each([
    [50, 2],
    [100, 8],
    [200, 4],
  ])("at M = %i, Q = %i chooses a rate within a tenth of the best fixed rate on held-out seeds", (m, q) => {
    const horizon = 20 * m + 200;
    const spec = {
      exam: "readout" as const,
      students: m,
      outputs: q,
      schemes: [GLOBAL],
      seeds: HELD_OUT,
      rounds: horizon,
    };
    const choice = bestRate({
      ...tuningFor(examSpecFor(spec, 1), GLOBAL, "perturbation", horizon),
      reserved: { first: 1, count: HELD_OUT },
    });
    expect(choice.source).toBe("sweep");
    expect(choice.stable).toBe(true);
    expect(choice.tuningSeeds).toHaveLength(TUNING_SEEDS);
    for (const seed of choice.tuningSeeds) expect(seed < 1 || seed > HELD_OUT).toBe(true);
    const chosen = choice.trials.filter((t) => t.rate === choice.rate);
    expect(chosen.some((t) => t.seeds === TUNING_SEEDS && t.reached === 1 && !t.pruned)).toBe(true);
    expect(choice.trials.some((t) => t.stage === "refine")).toBe(true);

    // The best fixed rate on the held-out seeds, on eighth-octaves within an octave of the choice.
    const atChoice = heldOut(m, q, choice.rate, horizon);
    let best = atChoice;
    for (let k = -8; k <= 8; k++) best = Math.min(best, heldOut(m, q, choice.rate * 2 ** (k / 8), horizon));
    expect(atChoice / best).toBeLessThanOrEqual(1.1);
  });
});
