/**
 * A noisy class score (scoreNoise.ts, ClassConfig.scoreNoise): the class hears its error with Gaussian noise,
 * the learners read what they hear, the truth stays exact; at noise 0 every round is what it was before.
 */
import { describe, expect, it } from "vitest";
import { actBots, createSquad, firstStudents, HUMAN_LIKE, learnBots } from "../../shared/engine/bots.ts";
import { checksum } from "../../shared/engine/checksum.ts";
import { closeRound, createClass, openRound, questionLevels } from "../../shared/engine/classroom.ts";
import { criterionError, roundsToCriterion } from "../../shared/engine/convergence.ts";
import type { ExamKind } from "../../shared/engine/exam.ts";
import { classScore } from "../../shared/engine/exam.ts";
import { feedbackFor } from "../../shared/engine/feedback.ts";
import { DEFAULT_SIGMA, type LearnerName } from "../../shared/engine/learners.ts";
import type { SchemeConfig } from "../../shared/engine/schemes.ts";
import { perturbationNoiseFloor } from "../../shared/engine/scoreNoise.ts";
import { runBotClass } from "../../shared/engine/simulate.ts";

interface Run {
  readonly kind: ExamKind;
  readonly scheme: SchemeConfig;
  readonly learner: LearnerName;
  readonly rate: number;
  readonly students?: number;
  readonly questions?: number;
  readonly seed: number;
  readonly human?: boolean;
  readonly scoreNoise?: number;
}

/** A bot-only class with the score noise, played through the round API: the true error of every round. */
function play(run: Run, rounds: number): Float64Array {
  const m = run.students ?? 12;
  const cls = createClass({
    exam: { kind: run.kind, students: m, questions: run.questions ?? 2, seed: run.seed },
    scheme: run.scheme,
    ...(run.scoreNoise === undefined ? {} : { scoreNoise: run.scoreNoise }),
  });
  const squad = createSquad(cls, {
    bots: firstStudents(m),
    learner: { name: run.learner, rate: run.rate },
    human: run.human ? HUMAN_LIKE : null,
    seed: run.seed,
  });
  const trace = new Float64Array(rounds);
  for (let r = 0; r < rounds; r++) {
    openRound(cls);
    actBots(squad, cls);
    const result = closeRound(cls);
    learnBots(squad, cls, result);
    trace[r] = result.classError;
  }
  return trace;
}

/** Checksums of 60 rounds taken from the engine before the score noise existed (commit c0f1e11). */
const BEFORE: readonly [Omit<Run, "seed">, number][] = [
  [{ kind: "independent", scheme: { name: "global" }, learner: "perturbation", rate: 0.1 }, 3191160771],
  [
    { kind: "independent", scheme: { name: "global" }, learner: "perturbation-gaussian", rate: 0.1 },
    1280912481,
  ],
  [{ kind: "readout", scheme: { name: "global" }, learner: "keep-if-improved", rate: 0.05 }, 2970198327],
  [
    {
      kind: "readout",
      scheme: { name: "teams", teamSize: 3 },
      learner: "perturbation-robust",
      rate: 0.5,
      human: true,
    },
    8268351,
  ],
  [{ kind: "layered", scheme: { name: "global" }, learner: "perturbation-robust", rate: 0.5 }, 4135596066],
  [
    {
      kind: "independent",
      scheme: { name: "teams", teamSize: 4 },
      learner: "perturbation",
      rate: 0.1,
      human: true,
    },
    177897534,
  ],
];

/** Mean over seeds of node perturbation under global on `independent` (M = 10, η = 1/M). */
function noisyClass(noise: number, seeds: number, rounds: number) {
  let floor = 0;
  let reached = 0;
  let roundsSum = 0;
  for (let s = 1; s <= seeds; s++) {
    const run = {
      kind: "independent",
      scheme: { name: "global" },
      learner: "perturbation",
      rate: 0.1,
    } as const;
    const t = play({ ...run, students: 10, questions: 1, seed: s, scoreNoise: noise }, rounds);
    let sum = 0;
    for (let r = rounds / 2; r < rounds; r++) sum += t[r];
    floor += sum / (rounds / 2);
    const k = roundsToCriterion(t);
    if (k !== null) reached++;
    roundsSum += k ?? rounds;
  }
  return { floor: floor / seeds, reached, rounds: roundsSum / seeds };
}

describe("noisy class score", () => {
  it("at noise 0 (or none) plays bit for bit the rounds the engine played before it existed", () => {
    for (const [run, before] of BEFORE) {
      expect(checksum(play({ ...run, seed: 404 }, 60))).toBe(before);
      expect(checksum(play({ ...run, seed: 404, scoreNoise: 0 }, 60))).toBe(before);
    }
    const spec = {
      exam: { kind: "independent" as const, students: 12, questions: 2, seed: 404 },
      scheme: { name: "global" as const },
      learner: { name: "perturbation" as const, rate: 0.1 },
    };
    expect(checksum(runBotClass(spec, 60))).toBe(3191160771);
  });

  it("gives students the heard score and error, the truth beside them exact", () => {
    const cls = createClass({
      exam: { kind: "independent", students: 6, questions: 1, seed: 3 },
      scheme: { name: "global" },
      scoreNoise: 0.01,
    });
    let previousHeard = Number.NaN;
    for (let r = 0; r < 5; r++) {
      openRound(cls);
      questionLevels(cls, 0).fill(0.3 + 0.05 * r);
      const result = closeRound(cls);
      const truth = cls.exam.evaluate(questionLevels(cls, 0), 0, null, null, "true");
      expect(result.classError).toBe(truth);
      expect(result.score).toBe(classScore(truth));
      expect(result.heardError).not.toBe(truth);
      expect(Math.abs(result.heardError - truth)).toBeLessThan(0.06);
      expect(result.previousHeardError).toBe(previousHeard);
      const f = feedbackFor(result, cls.scheme, 2);
      if (f.kind !== "global") throw new Error("global feedback expected");
      expect(f.classError).toBe(result.heardError);
      expect(f.score).toBe(classScore(result.heardError));
      expect(f.improved).toBe(r === 0 ? null : result.heardError < previousHeard);
      previousHeard = result.heardError;
    }
    expect(() =>
      createClass({
        exam: { kind: "independent", students: 2, questions: 1, seed: 1 },
        scheme: { name: "global" },
        scoreNoise: -1,
      }),
    ).toThrow(RangeError);
  });

  it("draws from its own stream: a vector class (the noisy scheme's draws included) plays the same rounds", () => {
    for (const scheme of [{ name: "noisy", noise: 1 }, { name: "vectorized" }] as const) {
      const run = { kind: "readout" as const, scheme, learner: "gradient" as const, rate: 0.5, seed: 11 };
      expect(checksum(play({ ...run, scoreNoise: 0.05 }, 30))).toBe(checksum(play(run, 30)));
    }
  });

  it("slows node perturbation under global, which settles at a floor that grows with the noise", () => {
    const quiet = noisyClass(0, 12, 600);
    const low = noisyClass(1e-6, 12, 600);
    const high = noisyClass(2e-6, 12, 600);
    const loud = noisyClass(4e-6, 12, 600);
    // Slower: more rounds to the criterion, and with enough noise the criterion is out of reach.
    expect(quiet.reached).toBe(12);
    expect(low.rounds).toBeGreaterThan(1.5 * quiet.rounds);
    expect(high.rounds).toBeGreaterThan(1.5 * low.rounds);
    expect(loud.reached).toBe(0);
    // The floor's RMS distance from the key is in proportion to the noise, and where the theory puts it.
    expect(Math.sqrt(high.floor / low.floor)).toBeGreaterThan(1.7);
    expect(Math.sqrt(high.floor / low.floor)).toBeLessThan(2.3);
    expect(Math.sqrt(loud.floor / high.floor)).toBeGreaterThan(1.7);
    expect(Math.sqrt(loud.floor / high.floor)).toBeLessThan(2.3);
    for (const [noise, c] of [
      [1e-6, low],
      [2e-6, high],
      [4e-6, loud],
    ] as const) {
      const theory = perturbationNoiseFloor({
        rate: 0.1,
        noise,
        sigma: DEFAULT_SIGMA,
        students: 10,
        curvature: 0.2,
      });
      expect(c.floor / theory).toBeGreaterThan(0.75);
      expect(c.floor / theory).toBeLessThan(1.25);
    }
    // Without noise the floor is the jiggle's own cost alone, far below; with the most it is above the criterion.
    expect(quiet.floor).toBeLessThan(low.floor / 1000);
    expect(loud.floor).toBeGreaterThan(criterionError(1 / 12));
  });
});
