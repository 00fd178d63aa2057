/**
 * The comparison where a scheme got there in one round or onto the key itself: no pace, no "times as fast"
 * (once "by 100 %: about 1,900 times as fast", a stand-in for a distance of zero divided by a real pace), the
 * schemes compared in rounds, and on `independent` the plain reason: the signal told each student its answer.
 * Sessions are folded with bots on fixed seeds, so each sentence is checked as worded.
 */
import { describe, expect, it } from "vitest";
import type { SchemeConfig, SessionConfigInput } from "../../shared/protocol/session.ts";
import type { ChartPicture } from "../../shared/session/chart.ts";
import { compareClasses } from "../../shared/session/comparison.ts";
import { driver } from "./driver.ts";

const GLOBAL: SchemeConfig = { name: "global" };
const VECTORIZED: SchemeConfig = { name: "vectorized" };

function play(exam: SessionConfigInput["exam"], scheme: SchemeConfig, rounds: number, seed: number) {
  const d = driver({ exam, scheme, maxStudents: 5, bots: 30, maxRounds: 5000, endAtCriterion: false }, seed);
  d.emit({ type: "started" });
  for (let round = 1; round <= rounds; round++) {
    d.emit({ type: "opened", round, closesAt: 0 });
    d.close();
  }
  return d.state;
}

/** A hand-made chart: distances per round (the errors are their squares). */
function chart(live: number[], twin: number[], scheme: string, twinScheme: string): ChartPicture {
  const sq = (d: number[]) => d.map((x) => x * x);
  const nan = live.map(() => Number.NaN);
  return {
    errors: sq(live),
    twinErrors: sq(twin),
    theory: nan,
    twinTheory: nan,
    schemes: live.map(() => scheme),
    twinSchemes: twin.map(() => twinScheme),
  };
}

describe("a scheme that got there in one round", () => {
  it("on independent, says one round was enough because the signal told each student its answer (30 bots, seed 3)", () => {
    const state = play("independent", VECTORIZED, 60, 3);
    // The bots' exact step: the class is on the key after one update.
    expect(state.chart.errors[1]).toBeLessThan(state.chart.errors[0] * 1e-20);
    const c = compareClasses(state.chart, { live: VECTORIZED, twin: GLOBAL, exam: "independent" });
    if (!c) throw new Error("no comparison");
    expect(c.speedup).toBeNull();
    expect(c.quick).toEqual([{ scheme: "vectorized", rounds: 1, exact: true, side: "live" }]);
    expect(c.paces.map((p) => p.scheme)).toEqual(["global"]);
    expect(c.headline).toBe(
      "With personal signals one round was enough for this class to get 90 % of the way: each student's signal told it how far to move and which way. " +
        "With “Good job, everyone” the twin class has not got there in 60 rounds (at its pace, about 270 more).",
    );
    expect(c.sentence).toBe(
      "With personal signals one round was enough for this class to get 90 % of the way: on this exam each student's signal told it how far to move and which way, so following it lands on its key. One round gives no pace to compare, so the schemes are compared in rounds. " +
        "Per round the distance to the key shrank by 0.71 % with “Good job, everyone”. " +
        "To get 90 % of the way: with personal signals this class took 1 round from the start; with “Good job, everyone” the twin class has not got there in 60 rounds from the start (at its pace, about 270 more).",
    );
    for (const text of [c.headline, c.sentence]) {
      expect(text).not.toContain("times as fast");
      expect(text).not.toContain("100 %");
    }
  });

  it("at the end, says the slower class did not get there, with no estimate", () => {
    const state = play("independent", VECTORIZED, 20, 3);
    const c = compareClasses(state.chart, {
      live: VECTORIZED,
      twin: GLOBAL,
      exam: "independent",
      over: true,
    });
    expect(c?.headline).toBe(
      "With personal signals one round was enough for this class to get 90 % of the way: each student's signal told it how far to move and which way. " +
        "With “Good job, everyone” the twin class did not get there in 20 rounds.",
    );
  });

  it("claims the signal was the answer only on independent, where it is", () => {
    const exact = chart([1, 0.9, 0.81, 0.729], [1, 0, 0, 0], "global", "vectorized");
    const c = compareClasses(exact, { exam: "readout" });
    expect(c?.quick).toEqual([{ scheme: "vectorized", rounds: 1, exact: true, side: "twin" }]);
    expect(c?.sentence).toContain(
      "With personal signals one round was enough for the twin class to get 90 % of the way, onto the key itself: that gives no pace to compare, so the schemes are compared in rounds.",
    );
    expect(c?.sentence).not.toContain("signal told");
    expect(c?.headline).toBe(
      "With personal signals one round was enough for the twin class to get 90 % of the way. With “Good job, everyone” this class has not got there in 4 rounds (at its pace, about 19 more).",
    );
  });

  it("gives no pace to a class that got 90 % of the way in one round short of the key, and compares rounds", () => {
    const c = compareClasses(
      chart([1, 0.9, 0.81, 0.729, 0.6561], [1, 0.09, 0.09, 0.09, 0.09], "global", "vectorized"),
    );
    expect(c?.quick).toEqual([{ scheme: "vectorized", rounds: 1, exact: false, side: "twin" }]);
    expect(c?.speedup).toBeNull();
    expect(c?.sentence).toContain(
      "With personal signals one round was enough for the twin class to get 90 % of the way: one round gives no pace to compare, so the schemes are compared in rounds.",
    );
    expect(c?.sentence).not.toContain("91 %");
  });

  it("still says “times as fast” on readout, where personal signals take rounds (30 bots, seed 3)", () => {
    const state = play("readout", VECTORIZED, 60, 3);
    const c = compareClasses(state.chart, { live: VECTORIZED, twin: GLOBAL, exam: "readout" });
    expect(c?.quick).toEqual([]);
    expect(c?.headline).toBe(
      "Per round the distance to the key shrank by 87 % with personal signals and by 5.5 % with “Good job, everyone”: about 36 times as fast.",
    );
    expect(c?.sentence).toContain(
      "To get 90 % of the way: with personal signals this class took 2 rounds from the start; with “Good job, everyone” the twin class took 54 rounds from the start.",
    );
  });
});
