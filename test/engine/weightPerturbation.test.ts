/**
 * Weight perturbation (weightPerturbation.ts): at N = 1 it is node perturbation bit for bit; over an exam of
 * N questions it needs about N times the rounds of node perturbation on the same rounds, each at its best
 * rate (Werfel, Xie & Seung 2005: a further factor of the number of inputs).
 */
import { describe, expect, it } from "vitest";
import { actBots, createSquad, firstStudents, learnBots } from "../../shared/engine/bots.ts";
import { checksum } from "../../shared/engine/checksum.ts";
import { closeRound, createClass, openRound } from "../../shared/engine/classroom.ts";
import { roundsToCriterion } from "../../shared/engine/convergence.ts";
import { runBotClass } from "../../shared/engine/simulate.ts";
import {
  createWeightClass,
  drawCues,
  meantExamError,
  playUpdate,
  runWeightPerturbation,
  weightPerturbationRate,
  weightsOf,
} from "../../shared/engine/weightPerturbation.ts";

const M = 8;

/** Mean rounds to criterion (95 % of the way, on the exam's mean error at the meant levels) over seeds. */
function meanRounds(n: number, perturb: "weights" | "nodes", rate: number, seeds: number): number {
  let sum = 0;
  for (let s = 1; s <= seeds; s++) {
    const run = runWeightPerturbation(
      {
        exam: { kind: "independent", students: M, questions: n, seed: 100 + s },
        scheme: { name: "global" },
        inputs: n,
        rate,
        perturb,
      },
      3000,
    );
    const k = roundsToCriterion(run.exam);
    expect(k).not.toBeNull();
    sum += k ?? 0;
  }
  return sum / seeds;
}

/** The best mean over a few rates around the theory's best. */
function bestRounds(n: number, perturb: "weights" | "nodes"): number {
  const theory = weightPerturbationRate(M, n, perturb);
  return Math.min(...[0.71, 1, 1.41].map((f) => meanRounds(n, perturb, theory * f, 8)));
}

describe("weight perturbation", () => {
  it("is node perturbation bit for bit with one input", () => {
    for (const seed of [1, 2, 3]) {
      const exam = { kind: "independent" as const, students: 12, questions: 1, seed };
      const nodes = runBotClass(
        { exam, scheme: { name: "global" }, learner: { name: "perturbation", rate: 0.08 } },
        80,
      );
      const weights = runWeightPerturbation({ exam, scheme: { name: "global" }, inputs: 1, rate: 0.08 }, 40);
      expect(checksum(weights.rounds)).toBe(checksum(nodes));
    }
  });

  it("hears the class's score noise as node perturbation does, bit for bit with one input", () => {
    const exam = { kind: "independent" as const, students: 10, questions: 1, seed: 6 };
    const cls = createClass({ exam, scheme: { name: "global" }, scoreNoise: 1e-6 });
    const squad = createSquad(cls, {
      bots: firstStudents(10),
      learner: { name: "perturbation", rate: 0.1 },
      seed: 6,
    });
    const nodes = new Float64Array(200);
    for (let r = 0; r < 200; r++) {
      openRound(cls);
      actBots(squad, cls);
      const result = closeRound(cls);
      learnBots(squad, cls, result);
      nodes[r] = result.classError;
    }
    const spec = { exam, scheme: { name: "global" as const }, inputs: 1, rate: 0.1 };
    const weights = runWeightPerturbation({ ...spec, scoreNoise: 1e-6 }, 100);
    expect(checksum(weights.rounds)).toBe(checksum(nodes));
    expect(checksum(weights.rounds)).not.toBe(checksum(runWeightPerturbation(spec, 100).rounds));
  });

  it("draws orthonormal cues, so every key is reachable by some weights", () => {
    const cues = drawCues(5, 4, 9);
    for (let p = 0; p < 4; p++)
      for (let q = 0; q < 4; q++) {
        let dot = 0;
        for (let j = 0; j < 5; j++) dot += cues[p * 5 + j] * cues[q * 5 + j];
        expect(dot).toBeCloseTo(p === q ? 1 : 0, 12);
      }
    expect(() => drawCues(2, 3, 9)).toThrow(RangeError);
  });

  it("learns the key through its weights: levels are ½ + w·u_q and the exam error falls to the criterion", () => {
    const wc = createWeightClass({
      exam: { kind: "independent", students: M, questions: 3, seed: 4 },
      scheme: { name: "global" },
      inputs: 3,
      rate: weightPerturbationRate(M, 3),
    });
    const start = meantExamError(wc);
    for (let u = 0; u < 1500; u++) playUpdate(wc);
    expect(meantExamError(wc)).toBeLessThan(start * 0.0025);
    const w = weightsOf(wc, 0);
    for (let q = 0; q < 3; q++) {
      let level = 0.5;
      for (let j = 0; j < 3; j++) level += w[j] * wc.cues[q * 3 + j];
      expect(level).toBeCloseTo(wc.meant[q], 12);
    }
  });

  it("needs about N times the rounds of node perturbation over N questions, each at its best rate", () => {
    const ratios: number[] = [];
    const perQuestion: number[] = [];
    for (const n of [1, 2, 4]) {
      const weights = bestRounds(n, "weights");
      ratios.push(weights / bestRounds(n, "nodes"));
      perQuestion.push(weights / n);
    }
    expect(ratios[0]).toBe(1);
    expect(ratios[1]).toBeGreaterThan(1.5);
    expect(ratios[1]).toBeLessThan(2.8);
    expect(ratios[2]).toBeGreaterThan(3);
    expect(ratios[2]).toBeLessThan(5.6);
    // Rounds per question asked grow about linearly with N (node perturbation's stay put).
    expect(perQuestion[1] / perQuestion[0]).toBeGreaterThan(1.5);
    expect(perQuestion[2] / perQuestion[0]).toBeGreaterThan(3);
    expect(perQuestion[2] / perQuestion[0]).toBeLessThan(5.6);
  });

  it("replays exactly for a seed, learns under teams, and refuses a vector scheme", () => {
    const spec = {
      exam: { kind: "independent" as const, students: 12, questions: 2, seed: 8 },
      scheme: { name: "teams" as const, teamSize: 3 },
      inputs: 2,
      rate: 0.1,
    };
    const a = runWeightPerturbation(spec, 400);
    expect(checksum(a.rounds)).toBe(checksum(runWeightPerturbation(spec, 400).rounds));
    expect(a.exam[a.exam.length - 1]).toBeLessThan(a.exam[0] * 0.05);
    expect(() => createWeightClass({ ...spec, scheme: { name: "vectorized" } })).toThrow();
  });
});
