/**
 * The demo's classes play the shared engine and nothing else: a run's class errors are, bit for bit, what
 * the engine's own `runBotClass` gives for the same exam, scheme, rule and rate; the same settings give
 * the same run; and the page's mirror, fed the worker's updates in pieces, holds the same numbers and the
 * same checksum as the whole trace.
 */
import { describe, expect, it } from "vitest";
import { type DemoConfig, examOf } from "../../client/src/demo/config.ts";
import { RunMirror } from "../../client/src/demo/mirror.ts";
import type { LaneUpdate, SchemePlan } from "../../client/src/demo/protocol.ts";
import { Run } from "../../client/src/demo/run.ts";
import { checksum, criterionError, runBotClass } from "../../shared/engine/index.ts";

const config: DemoConfig = {
  students: 40,
  exam: "independent",
  schemes: [{ name: "global" }, { name: "teams", teamSize: 4 }],
  speed: "max",
  seed: 7,
};
const plans: [SchemePlan, SchemePlan] = [
  { scheme: config.schemes[0], learner: "perturbation", rate: 1 / 40, source: "theory" },
  { scheme: config.schemes[1], learner: "perturbation", rate: 1 / 4, source: "theory" },
];

function play(run: Run, rounds: number): void {
  for (let r = 0; r < rounds && run.step(); r++);
}

describe("the demo's run", () => {
  it("plays exactly the engine's rounds for each class", () => {
    const run = new Run(config, plans);
    play(run, 300);
    run.lanes.forEach((lane, k) => {
      const engine = runBotClass(
        {
          exam: examOf(config),
          scheme: plans[k].scheme,
          learner: { name: plans[k].learner, rate: plans[k].rate },
        },
        lane.rounds,
      );
      expect(Array.from(lane.trace.subarray(0, lane.rounds))).toEqual(Array.from(engine));
    });
  });

  it("gives the same run for the same settings and another for another seed", () => {
    const a = new Run(config, plans);
    const b = new Run(config, plans);
    const c = new Run({ ...config, seed: 8 }, plans);
    for (const r of [a, b, c]) play(r, 200);
    expect(Array.from(a.lanes[0].trace)).toEqual(Array.from(b.lanes[0].trace));
    expect(Array.from(a.lanes[0].trace)).not.toEqual(Array.from(c.lanes[0].trace));
  });

  it("stops once both classes met the criterion, and says when each did", () => {
    const run = new Run(config, plans);
    play(run, run.limit);
    expect(run.over).toBe(true);
    expect(run.reachedByAll).toBe(true);
    for (const lane of run.lanes) {
      const at = lane.reachedAt ?? -1;
      expect(lane.trace[at]).toBeLessThanOrEqual(criterionError(lane.trace[0]));
      expect(lane.trace[at - 1]).toBeGreaterThan(criterionError(lane.trace[0]));
    }
    expect(run.step()).toBe(false);
  });
});

describe("the page's mirror of a run", () => {
  const update = (from: number, errors: number[], reachedAt: number | null = null): LaneUpdate => ({
    from,
    errors: Float64Array.from(errors),
    classError: errors[errors.length - 1] ?? 1,
    reachedAt,
    hasTheory: false,
    theory: null,
    heard: "",
    picture: null,
  });

  it("holds every error in order, with the checksum of the whole trace", () => {
    const mirror = new RunMirror(config, plans);
    const errors = [0.5, 0.4, 0.3, 0.2, 0.1];
    mirror.apply(true, false, [update(0, errors.slice(0, 2)), update(0, [0.5, 0.45])]);
    mirror.apply(false, true, [update(2, errors.slice(2), 4), update(2, [])]);
    const [a, b] = mirror.lanes;
    expect(Array.from(a.trace.subarray(0, a.rounds))).toEqual(errors);
    expect(a.errorsChecksum).toBe(checksum(errors));
    expect(a.reachedAt).toBe(4);
    expect(b.rounds).toBe(2);
    expect(mirror.over).toBe(true);
  });

  it("refuses an update that does not start where the last one ended", () => {
    const mirror = new RunMirror(config, plans);
    mirror.apply(true, false, [update(0, [0.5]), update(0, [0.5])]);
    expect(() => mirror.apply(true, false, [update(3, [0.1]), update(1, [0.1])])).toThrow(/rounds 4/);
  });
});
