/**
 * The demo's comparison sentence on classes the demo's own lanes play (fixed seeds, fixed rates): the ratio
 * of τ leads where both classes have one, the rounds to 95 % beside it; a class exact in one round is
 * compared in rounds only, with the reason said where it holds (independent, the gradient step at η = 1),
 * and never as "N times as many" rounds.
 */
import { describe, expect, it } from "vitest";
import { Lane } from "../../client/src/demo/lane.ts";
import { comparison, heardText, type Outcome, tauOf } from "../../client/src/demo/words.ts";
import { type ExamKind, type SchemeConfig, schemeLearner } from "../../shared/engine/index.ts";

const M = 20;
const LIMIT = 20 * M + 200;

/** A demo lane played to the round limit at a rate given by hand. */
function finished(exam: ExamKind, scheme: SchemeConfig, rate: number, students = M): Lane {
  const spec = { kind: exam, students, questions: 1, seed: 1 };
  const lane = new Lane(
    spec,
    { scheme, learner: schemeLearner(spec, scheme), rate, source: "theory" },
    LIMIT,
  );
  while (!lane.done) lane.step();
  return lane;
}

/** A class the demo would play, to the round limit, at a rate given by hand. */
function played(exam: ExamKind, scheme: SchemeConfig, rate: number, students = M): Outcome {
  const learner = schemeLearner({ kind: exam, students, questions: 1, seed: 1 }, scheme);
  const lane = finished(exam, scheme, rate, students);
  return {
    scheme,
    reachedAt: lane.reachedAt,
    rounds: lane.rounds,
    trace: lane.trace.subarray(0, lane.rounds),
    learner,
    rate,
  };
}

describe("the demo's comparison", () => {
  it("on independent, compares in rounds and says why one round was enough (20 students, seed 1)", () => {
    const v = played("independent", { name: "vectorized" }, 1);
    const g = played("independent", { name: "global" }, 1 / M);
    expect(tauOf(v)).toEqual({ kind: "exact", round: 1 });
    expect(tauOf(g).kind).toBe("measured");
    const text = comparison(g, v, true, LIMIT, "independent");
    expect(text).toBe(
      `With personal signals the class reached 95 % in 1 round; with “Good job, everyone” it needed ${g.reachedAt?.toLocaleString("en")}. ` +
        "One round was enough: on this exam each student's signal says exactly how far it is from its key, so one step of η = 1 lands on it. No rate to compare, only rounds.",
    );
    expect(text).not.toMatch(/times as (many|fast)/);
  });

  it("says no reason it cannot back: an exact class at another rate is only said to be exact", () => {
    const v = played("independent", { name: "vectorized" }, 1);
    const g = played("independent", { name: "global" }, 1 / M);
    const text = comparison(g, { ...v, rate: 0.999 }, true, LIMIT, "independent");
    expect(text).toContain(
      "With personal signals the class landed on the key itself in 1 round: no rate to compare, only rounds.",
    );
    expect(text).not.toContain("how far it is from its key");
  });

  it("leads with the ratio of τ on readout, where both classes have one, rounds to 95 % beside it (seed 1)", () => {
    const v = played("readout", { name: "vectorized" }, 0.5);
    const g = played("readout", { name: "global" }, 0.1);
    const tv = tauOf(v);
    const tg = tauOf(g);
    if (tv.kind !== "measured" || tg.kind !== "measured") throw new Error("both should have a τ");
    const text = comparison(g, v, true, LIMIT, "readout");
    expect(text).toBe(
      "Per round the class error fell with personal signals about 16 times as fast as with “Good job, everyone”: it took 1.8 rounds to shrink by a factor e (2.7) against 28.5. " +
        "With personal signals the class reached 95 % in 11 rounds; with “Good job, everyone” it needed 100.",
    );
    expect(Math.round(tg.tau / tv.tau)).toBe(16);
  });

  it("on readout at the demo's swept rate, says the personal class fell e³-fold in one update, not that it was exact", () => {
    // η = 1.5 with 30 students: the error falls 190-fold in the first step; the rounding's floor of the key
    // comes only in round 11, so that is not "exact in one round".
    const v = played("readout", { name: "vectorized" }, 1.5, 30);
    const g = played("readout", { name: "global" }, 0.1, 30);
    expect(tauOf(v)).toEqual({ kind: "one update" });
    const text = comparison(g, v, true, LIMIT, "readout");
    expect(text).toContain(
      "With personal signals the class's error fell e³-fold (about 20-fold) in a single update: no rate to compare, only rounds.",
    );
    expect(text).not.toMatch(/times as|landed on the key/);
  });

  it("before the end, says a class not there yet without a ratio of rounds", () => {
    const v = played("independent", { name: "vectorized" }, 1);
    const g = played("independent", { name: "global" }, 1 / M);
    const early = { ...g, reachedAt: null, rounds: 30, trace: Array.from(g.trace).slice(0, 30) };
    const text = comparison(
      early,
      { ...v, rounds: 30, trace: Array.from(v.trace).slice(0, 30) },
      false,
      LIMIT,
      "independent",
    );
    expect(text).toMatch(
      /^With personal signals the class reached 95 % in 1 round; with “Good job, everyone” it has not yet, after 30 rounds\./,
    );
    expect(text).not.toMatch(/times as/);
  });

  it("on the grating, says why one round was enough: the two populations' signals together turn it to its target", () => {
    const v = played("grating", { name: "vectorized" }, 1, 10);
    const g = played("grating", { name: "global" }, 0.11, 10);
    expect(tauOf(v)).toEqual({ kind: "exact", round: 1 });
    const text = comparison(g, v, true, LIMIT, "grating");
    expect(text).toBe(
      `With personal signals the class reached 95 % in 1 round; with “Good job, everyone” it needed ${g.reachedAt?.toLocaleString("en")}. ` +
        "One round was enough: on this exam the two populations' signals together say exactly how far the grating is from its target, so one step of η = 1 turns it there. No rate to compare, only rounds.",
    );
  });
});

describe("what a demo class heard", () => {
  it("says no one heard anything when every signal is blocked, as in the mouse experiment's block", () => {
    const lane = finished("grating", { name: "blocked", blockedFraction: 1 }, 0.125, 10);
    expect(lane.reachedAt).toBeNull();
    expect(heardText(lane.lastResult, lane.bot.cls.scheme)).toBe(
      "Every signal was blocked: no student heard anything.",
    );
  });

  it("says the blocked ones heard nothing when only some are blocked", () => {
    const lane = finished("grating", { name: "blocked", blockedFraction: 0.5 }, 0.125, 10);
    expect(heardText(lane.lastResult, lane.bot.cls.scheme)).toBe(
      "Each student heard its own signal; the blocked ones heard nothing.",
    );
  });
});
