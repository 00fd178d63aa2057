/**
 * Weight perturbation (Werfel, Xie & Seung, Neural Computation 2005): each student's level is a linear
 * function of N inputs, and what the student jiggles is its N weights, not its level.
 *
 * Student i holds weights wᵢ ∈ ℝᴺ; on question q its level is ½ + wᵢ·u_q, where the cues u_q are orthonormal
 * (drawn from the exam's seed; at N = 1 the one cue is 1), so every key stays reachable (wᵢ = Σ_q (tᵢq − ½) u_q)
 * and w = 0 is the start level ½. An update is two rounds on one question p: a baseline, then every weight
 * jiggled by ψ (±σ or σ·N(0,1)); the level played moves by ψ·u_p, and the change of the scalar ΔE, times the
 * own weight jiggle, estimates the own credit in weight space: wᵢ ← wᵢ − (η / (σ² λ)) ΔE ψᵢ. The jiggle's
 * other directions are what costs: they move the student's answers to the questions not asked, by noise
 * alone. Over an exam of N questions, node perturbation's k = M becomes about M·N: the best rate falls to
 * about 1/(M·N) and the rounds to criterion grow a further factor N (the test: about N×, N = 1, 2, 4). With
 * fewer questions than inputs, the directions no cue sees never matter: the factor is the number of
 * questions the weights must serve, at most N.
 *
 * Why a learner of its own, with its own runner: the engine's learners hold one question each and the round
 * order cycles through the questions, while a weight serves every question and its baseline and jiggle must
 * be scored on the same question, so each question is asked twice in a row (`openRound(cls, p)` allows
 * that). The rounds still go through the round API (scores, teams, score noise). The weights are held through
 * the levels they give each question (yᵢq = ½ + wᵢ·u_q, all any answer sees of wᵢ), clamped to the slider
 * as node perturbation clamps its level: at N = 1 the arithmetic is node perturbation's, bit for bit.
 *
 * `perturb: "nodes"` plays node perturbation on the same rounds (only the asked question's level jiggles):
 * the fair comparison on an exam of several questions.
 */

import { heardRound } from "./bots.ts";
import {
  type ClassState,
  closeRound,
  createClass,
  openRound,
  questionLevels,
  type RoundResult,
} from "./classroom.ts";
import type { ExamSpec } from "./exam.ts";
import { DEFAULT_SIGMA } from "./learners.ts";
import { createRng, deriveSeed, nextNormal, nextSign, type RngState } from "./random.ts";
import type { SchemeConfig } from "./schemes.ts";

export interface WeightPerturbationSpec {
  /** All students are bots; `exam.questions` must be at most `inputs`. */
  readonly exam: ExamSpec;
  /** A scalar scheme (`global`) or `teams`. */
  readonly scheme: SchemeConfig;
  /** N, the inputs (weights) of each student. */
  readonly inputs: number;
  /** η, in the engine's units (1 is a full Newton step along the true credit). */
  readonly rate: number;
  readonly sigma?: number;
  readonly jiggle?: "sign" | "gaussian";
  /** "weights" (the default): all N weights jiggle; "nodes": only the asked question's level. */
  readonly perturb?: "weights" | "nodes";
  /** The class's score noise (see scoreNoise.ts). */
  readonly scoreNoise?: number;
}

export interface WeightClass {
  readonly spec: WeightPerturbationSpec;
  readonly cls: ClassState;
  /** Cue of question q at [q·N, (q+1)·N). */
  readonly cues: Float64Array;
  /** Level each student means on each question, student-major: student i's at [i·Q, (i+1)·Q). */
  readonly meant: Float64Array;
  readonly rng: RngState;
  updates: number;
}

const clamp01 = (v: number): number => (v < 0 ? 0 : Math.min(v, 1));

/** Q orthonormal cues in ℝᴺ from the seed: Gram–Schmidt on Gaussian draws (at N = 1, the cue 1). */
export function drawCues(inputs: number, questions: number, seed: number): Float64Array {
  if (!Number.isInteger(inputs) || inputs < 1) throw new RangeError("inputs must be an integer ≥ 1");
  if (questions > inputs)
    throw new RangeError("weight perturbation needs at least as many inputs as questions");
  const n = inputs;
  const cues = new Float64Array(questions * n);
  if (n === 1) return cues.fill(1);
  const rng = createRng(deriveSeed(seed, "weights:cues"));
  for (let q = 0; q < questions; q++) {
    const u = cues.subarray(q * n, q * n + n);
    for (;;) {
      for (let j = 0; j < n; j++) u[j] = nextNormal(rng);
      for (let p = 0; p < q; p++) {
        const v = cues.subarray(p * n, p * n + n);
        let dot = 0;
        for (let j = 0; j < n; j++) dot += u[j] * v[j];
        for (let j = 0; j < n; j++) u[j] -= dot * v[j];
      }
      let norm = 0;
      for (let j = 0; j < n; j++) norm += u[j] * u[j];
      norm = Math.sqrt(norm);
      if (norm > 1e-6) {
        for (let j = 0; j < n; j++) u[j] /= norm;
        break;
      }
    }
  }
  return cues;
}

export function createWeightClass(spec: WeightPerturbationSpec): WeightClass {
  const cls = createClass({ exam: spec.exam, scheme: spec.scheme, scoreNoise: spec.scoreNoise });
  if (cls.scheme.kind === "vector") throw new Error("weight perturbation learns from a scalar scheme");
  const questions = cls.exam.questions;
  return {
    spec,
    cls,
    cues: drawCues(spec.inputs, questions, spec.exam.seed),
    meant: new Float64Array(cls.exam.students * questions).fill(cls.exam.startLevel),
    // The bots' stream, as the engine's squads draw it: at N = 1 the same jiggles as node perturbation.
    rng: createRng(deriveSeed(spec.exam.seed, "bots")),
    updates: 0,
  };
}

/** Student i's weights: wᵢ = Σ_q (yᵢq − ½) u_q (its part in the cues' span, the only part any answer sees). */
export function weightsOf(wc: WeightClass, student: number): Float64Array {
  const n = wc.spec.inputs;
  const questions = wc.cls.exam.questions;
  const w = new Float64Array(n);
  for (let q = 0; q < questions; q++) {
    const y = wc.meant[student * questions + q] - 0.5;
    for (let j = 0; j < n; j++) w[j] += y * wc.cues[q * n + j];
  }
  return w;
}

/** Mean over the questions of the class error at the levels the class means (the truth, no jiggle). */
export function meantExamError(wc: WeightClass): number {
  const { exam } = wc.cls;
  const m = exam.students;
  const questions = exam.questions;
  const levels = new Float64Array(m);
  let sum = 0;
  for (let q = 0; q < questions; q++) {
    for (let i = 0; i < m; i++) levels[i] = wc.meant[i * questions + q];
    sum += exam.evaluate(levels, q, null, null, "true");
  }
  return sum / questions;
}

function play(cls: ClassState, question: number, levels: Float64Array): RoundResult {
  openRound(cls, question);
  questionLevels(cls, question).set(levels);
  return closeRound(cls);
}

/** One update: a baseline round and a jiggled round on question `updates mod Q`. Returns both results' errors. */
export function playUpdate(wc: WeightClass): { readonly baseline: number; readonly jiggled: number } {
  const { cls, cues, meant, rng, spec } = wc;
  const m = cls.exam.students;
  const n = spec.inputs;
  const questions = cls.exam.questions;
  const p = wc.updates % questions;
  const sigma = spec.sigma ?? DEFAULT_SIGMA;
  const gaussian = spec.jiggle === "gaussian";
  const nodes = spec.perturb === "nodes";
  const levels = new Float64Array(m);
  for (let i = 0; i < m; i++) levels[i] = meant[i * questions + p];
  const base = play(cls, p, levels);
  const baseError = heardRound(base).classError;
  const baseline = base.classError;
  // Each bot's jiggle, as it moves every question's level: d[i·Q + q] = ψᵢ·u_q (nodes: σs on p alone).
  const d = new Float64Array(m * questions);
  const psi = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    if (nodes) {
      d[i * questions + p] = sigma * (gaussian ? nextNormal(rng) : nextSign(rng));
    } else {
      for (let j = 0; j < n; j++) psi[j] = sigma * (gaussian ? nextNormal(rng) : nextSign(rng));
      for (let q = 0; q < questions; q++) {
        let dot = 0;
        for (let j = 0; j < n; j++) dot += psi[j] * cues[q * n + j];
        d[i * questions + q] = dot;
      }
    }
    levels[i] = clamp01(meant[i * questions + p] + d[i * questions + p]);
  }
  const jig = play(cls, p, levels);
  const heard = heardRound(jig);
  const gain = spec.rate / (sigma * sigma * cls.exam.curvature);
  const team = heard.teamError;
  for (let i = 0; i < m; i++) {
    const change = (team ? team[cls.scheme.teamOf(i)] : heard.classError) - baseError;
    // The played question's actual move (the slider's ends may have clipped it); the others' as jiggled.
    d[i * questions + p] = levels[i] - meant[i * questions + p];
    for (let q = 0; q < questions; q++) {
      const k = i * questions + q;
      meant[k] = clamp01(meant[k] - gain * change * d[k]);
    }
  }
  wc.updates++;
  return { baseline, jiggled: jig.classError };
}

/**
 * The theory's best rate (engine units) on an exam whose students each serve Q questions: k ≈ M·Q for
 * weight perturbation with ±σ jiggles (M for node perturbation, Q = 1), so η ≈ 1/(M·Q), and the e-fold time
 * is about M·Q updates of the question asked, 2·M·Q² rounds over the exam. Approximate: the exam is taken as
 * isotropic (`independent`), and the jiggle's fourth moments are rounded to those of ±σ on one axis.
 */
export function weightPerturbationRate(
  students: number,
  questions: number,
  perturb: "weights" | "nodes" = "weights",
): number {
  return 1 / (students * (perturb === "nodes" ? 1 : questions));
}

export interface WeightRun {
  /** The class error of every round as scored (the truth: jiggled rounds included). */
  readonly rounds: Float64Array;
  /** After every round, the mean class error over the exam's questions at the levels the class means. */
  readonly exam: Float64Array;
}

/** Plays `updates` updates (2 rounds each). */
export function runWeightPerturbation(spec: WeightPerturbationSpec, updates: number): WeightRun {
  const wc = createWeightClass(spec);
  const rounds = new Float64Array(2 * updates);
  const exam = new Float64Array(2 * updates);
  for (let u = 0; u < updates; u++) {
    const before = meantExamError(wc);
    const r = playUpdate(wc);
    rounds[2 * u] = r.baseline;
    rounds[2 * u + 1] = r.jiggled;
    exam[2 * u] = before;
    exam[2 * u + 1] = meantExamError(wc);
  }
  return { rounds, exam };
}
