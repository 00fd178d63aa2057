import { describe, expect, it } from "vitest";
import {
  alignmentAngle,
  carryWeights,
  isLayered,
  type LayeredExam,
  learnFromRound,
  runLearningClass,
  weightAngle,
} from "../../shared/engine/alignment.ts";
import { alignmentAt } from "../../shared/engine/alignmentStudy.ts";
import {
  closeRound,
  createClass,
  openRound,
  setSeatActive,
  submitLevel,
} from "../../shared/engine/classroom.ts";
import { roundsToCriterion } from "../../shared/engine/convergence.ts";
import { createExam } from "../../shared/engine/exams/index.ts";
import type { LearnerName } from "../../shared/engine/learners.ts";
import { alignmentOn, hasFeedbackPath, type SchemeName, schemeConfig } from "../../shared/engine/schemes.ts";
import { type BotClassSpec, runBotClass } from "../../shared/engine/simulate.ts";

function layered(students: number, seed: number): LayeredExam {
  const exam = createExam({ kind: "layered", students, questions: 1, seed });
  if (!isLayered(exam)) throw new Error("not the layered exam");
  return exam;
}

/** Levels spread over the slider, the same for a seed. */
const spread = (m: number, k: number): Float64Array =>
  Float64Array.from({ length: m }, (_, i) => 0.5 + 0.45 * Math.sin(1.7 * i + k));

function spec(scheme: SchemeName, students: number, seed: number, rate: number): BotClassSpec {
  const learner: LearnerName = scheme === "global" ? "perturbation" : "gradient";
  return {
    exam: { kind: "layered", students, questions: 1, seed },
    scheme: schemeConfig(scheme),
    learner: { name: learner, rate },
  };
}

const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const SEEDS = [1, 2, 3, 4, 5, 6];

function meanRounds(scheme: SchemeName, students: number, rate: number): number {
  return mean(
    SEEDS.map((seed) => {
      const r = roundsToCriterion(
        runLearningClass(spec(scheme, students, seed, rate), 20 * students + 200).errors,
      );
      if (r === null) throw new Error(`${scheme} never reached the criterion (seed ${seed})`);
      return r;
    }),
  );
}

describe("the layered exam's weights", () => {
  it("take a delta-rule step along −∂E/∂W that lowers the class error at the same levels", () => {
    const exam = layered(30, 5);
    const x = spread(30, 1);
    const w = exam.weights.values;
    const before = Float64Array.from(w);
    const e0 = exam.evaluate(x, 0, null, null, "true");
    exam.learnWeights(x, 0);
    const step = Float64Array.from(w, (v, i) => v - before[i]);
    expect(exam.evaluate(x, 0, null, null, "true")).toBeLessThan(e0);
    // The step is a positive multiple of −∂E/∂W, checked entry by entry against finite differences.
    w.set(before);
    const h = 1e-6;
    let ratio = Number.NaN;
    for (const i of [0, 7, 31, 100]) {
      w[i] = before[i] + h;
      const up = exam.evaluate(x, 0, null, null, "true");
      w[i] = before[i] - h;
      const down = exam.evaluate(x, 0, null, null, "true");
      w[i] = before[i];
      const grad = (up - down) / (2 * h);
      const r = -step[i] / grad;
      expect(r).toBeGreaterThan(0);
      if (Number.isNaN(ratio)) ratio = r;
      else expect(r).toBeCloseTo(ratio, 3);
    }
  });

  it("cannot learn while the first layer sits at ½ (nothing to read), as at the start", () => {
    const exam = layered(30, 5);
    const before = Float64Array.from(exam.weights.values);
    exam.learnWeights(new Float64Array(30).fill(0.5), 0);
    expect(Array.from(exam.weights.values)).toEqual(Array.from(before));
  });

  it("learn after a round of a vector scheme, once per round, and stand still under global and teams", () => {
    for (const [name, learns] of [
      ["vectorized", true],
      ["alignment", true],
      ["global", false],
      ["teams", false],
    ] as const) {
      const cls = createClass({
        exam: { kind: "layered", students: 20, questions: 1, seed: 3 },
        scheme: schemeConfig(name),
      });
      const exam = cls.exam;
      if (!isLayered(exam)) throw new Error("not layered");
      const drawn = Float64Array.from(exam.weights.values);
      openRound(cls);
      for (let i = 0; i < 20; i++) submitLevel(cls, i, 0.2 + 0.03 * i);
      const result = closeRound(cls);
      learnFromRound(cls, result);
      const once = Float64Array.from(exam.weights.values);
      learnFromRound(cls, result);
      expect(Array.from(exam.weights.values)).toEqual(Array.from(once));
      expect(Array.from(once).some((v, i) => v !== drawn[i])).toBe(learns);
    }
  });

  it("are carried into the exam rebuilt for a new set of seats, whose key stays the drawn weights'", () => {
    const cls = createClass({
      exam: { kind: "layered", students: 20, questions: 1, seed: 8 },
      scheme: schemeConfig("vectorized"),
    });
    openRound(cls);
    for (let i = 0; i < 20; i++) submitLevel(cls, i, 0.9 - 0.04 * i);
    learnFromRound(cls, closeRound(cls));
    const old = cls.exam;
    if (!isLayered(old)) throw new Error("not layered");
    setSeatActive(cls, 3, false);
    const rebuilt = carryWeights(old, cls.exam);
    if (!isLayered(rebuilt)) throw new Error("not layered");
    expect(Array.from(rebuilt.weights.values)).toEqual(Array.from(old.weights.values));
    expect(rebuilt.weights.learnedRound).toBe(1);
    const fresh = createExam({ kind: "layered", students: 20, questions: 1, seed: 8 }, cls.active);
    expect(Array.from(rebuilt.key(0))).toEqual(Array.from(fresh.key(0)));
  });
});

describe("feedback alignment on the layered exam", () => {
  it("learns, and the signals it sends turn toward the true ones: their angle falls below 90°", () => {
    for (const students of [30, 100]) {
      const curves = alignmentAt(0.5, { students, seeds: SEEDS.length, curveRounds: 40 });
      expect(curves.roundsToCriterion.reached).toBe(1);
      // Rounds 4 to 30, mean over the seeds: the first rounds' error is the part B handles worst.
      const signal = mean(Array.from(curves.angle.mean.slice(3, 30)));
      expect(signal).toBeLessThan(85);
      // W itself turns toward B, from chance (90°) at the start.
      expect(curves.weightAngle.mean[0]).toBeGreaterThan(88);
      expect(curves.weightAngle.mean[39]).toBeLessThan(curves.weightAngle.mean[0] - 1);
    }
  });

  it("is slower than the true backward pass and far faster than “Good job”, in rounds to the criterion", () => {
    for (const students of [30, 100]) {
      const vectorized = meanRounds("vectorized", students, 1);
      const alignment = meanRounds("alignment", students, 1);
      const global = meanRounds("global", students, 0.25);
      expect(alignment).toBeGreaterThan(1.3 * vectorized);
      expect(global).toBeGreaterThan(3 * alignment);
    }
  });

  it("needs the first layer's signals: with the second layer alone the class never gets there", () => {
    for (const seed of [1, 2, 3]) {
      const run = runLearningClass(spec("alignment", 30, seed, 0.5), 800, "second");
      expect(roundsToCriterion(run.errors)).toBeNull();
    }
  });

  it("replays exactly: the same seed gives the same errors and angles bit for bit, another seed others", () => {
    const a = runLearningClass(spec("alignment", 30, 11, 1), 60);
    const b = runLearningClass(spec("alignment", 30, 11, 1), 60);
    expect(Array.from(a.errors)).toEqual(Array.from(b.errors));
    expect(Array.from(a.angles)).toEqual(Array.from(b.angles));
    const c = runLearningClass(spec("alignment", 30, 12, 1), 60);
    expect(Array.from(c.errors)).not.toEqual(Array.from(a.errors));
  });

  it("leaves “Good job” on the layered exam as it was: its rounds are those of a class whose weights never learn", () => {
    const s = spec("global", 30, 4, 0.25);
    expect(Array.from(runLearningClass(s, 200).errors)).toEqual(Array.from(runBotClass(s, 200)));
  });

  it("is what the session engine plays: a class's rounds on layered learn the weights as the bot round does", () => {
    for (const name of ["vectorized", "alignment", "global"] as const) {
      const s = spec(name, 30, 4, 1);
      expect(Array.from(runBotClass(s, 20)), name).toEqual(Array.from(runLearningClass(s, 20).errors));
    }
  });
});

describe("where there is no feedback path", () => {
  it("alignment is vectorized: the same signals, no angle to measure, and the words say so", () => {
    const exam = createExam({ kind: "independent", students: 12, questions: 1, seed: 2 });
    const x = spread(12, 3);
    const viaTrue = new Float64Array(12);
    const viaRandom = new Float64Array(12);
    exam.evaluate(x, 0, viaTrue, null, "true");
    exam.evaluate(x, 0, viaRandom, null, "random");
    expect(Array.from(viaRandom)).toEqual(Array.from(viaTrue));
    expect(alignmentAngle(exam, x, 0)).toBeNaN();
    expect(weightAngle(exam)).toBeNaN();
    expect(hasFeedbackPath("independent")).toBe(false);
    expect(hasFeedbackPath("layered")).toBe(true);
    expect(alignmentOn("independent")).toMatch(/same as vectorized/);
    expect(alignmentOn("layered")).toMatch(/weights learn/);
  });
});
