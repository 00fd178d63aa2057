/**
 * The feedback-alignment study on the `layered` exam: "Good job" (node perturbation), `alignment` and
 * `vectorized` (a step along the own signal), and a control in which only the second layer moves (the first
 * layer's signals withheld: what the class gets without any path back), each at its own best rate.
 *
 * Rates come from a sweep on tuning seeds apart from the reported ones: the rate with the fewest rounds to
 * the criterion on average among those that bring every tuning seed there (stability required). Then each
 * arm is played on the reported seeds for its rounds to the criterion (mean and 10–90 % band), its class
 * error per round, and for `alignment` the two angles per round (alignment.ts): the first layer's signals
 * through B against the true ones, and W against B. Pure and deterministic: the CLI prints it.
 */
import { type LearningRun, runLearningClass } from "./alignment.ts";
import { type Band, bandOf, roundsToCriterion, type Summary, summarize } from "./convergence.ts";
import type { LearnerName } from "./learners.ts";
import { schemeConfig } from "./schemes.ts";
import type { BotClassSpec } from "./simulate.ts";

export const STUDY_ARMS = ["global", "alignment", "vectorized", "second layer alone"] as const;
export type StudyArm = (typeof STUDY_ARMS)[number];

const GRADIENT_RATES = [0.125, 0.177, 0.25, 0.354, 0.5, 0.71, 1, 1.41, 2];
const PERTURBATION_RATES = [0.0625, 0.0884, 0.125, 0.177, 0.25, 0.354, 0.5, 0.71, 1];
/** Tuning seeds start here; reported seeds start at the study's base seed (1 by default), far below. */
const TUNING_BASE = 100_001;

export interface StudyOptions {
  readonly students: number;
  readonly seeds: number;
  readonly tuningSeeds?: number;
  readonly baseSeed?: number;
  /** Rounds per class (default 20·M + 200, as the demo). */
  readonly rounds?: number;
  /** Rounds of the angle curves and of the error bands. */
  readonly curveRounds?: number;
  /** Questions of the exam (default 1): rounds go through them in turn, and W learns from them all. */
  readonly questions?: number;
}

export interface ArmResult {
  readonly arm: StudyArm;
  readonly learner: LearnerName;
  readonly rate: number;
  /** Mean rounds to the criterion on the tuning seeds for each rate tried (null: some seed never got there). */
  readonly sweep: readonly { readonly rate: number; readonly meanRounds: number | null }[];
  readonly roundsToCriterion: Summary;
  readonly perSeed: readonly (number | null)[];
  /** Class error per round over the curve's rounds: mean and 10–90 % band. */
  readonly error: Band;
  /** Alignment angle (degrees) per round, `alignment` only. */
  readonly angle: Band | null;
  readonly weightAngle: Band | null;
}

function specOf(arm: StudyArm, students: number, seed: number, rate: number, questions = 1): BotClassSpec {
  const exam = { kind: "layered" as const, students, questions, seed };
  if (arm === "global")
    return { exam, scheme: schemeConfig("global"), learner: { name: "perturbation", rate } };
  const scheme = schemeConfig(arm === "alignment" ? "alignment" : "vectorized");
  return { exam, scheme, learner: { name: "gradient", rate } };
}

function play(arm: StudyArm, o: Required<StudyOptions>, seed: number, rate: number): LearningRun {
  // The control's first layer sits at ½ all along: its bots are the second layer's alone.
  const secondOnly = arm === "second layer alone";
  return runLearningClass(
    specOf(arm, o.students, seed, rate, o.questions),
    o.rounds,
    secondOnly ? "second" : "all",
  );
}

/** The swept rates' mean rounds on the tuning seeds, and the best stable one. */
function sweep(arm: StudyArm, o: Required<StudyOptions>): Pick<ArmResult, "rate" | "sweep"> {
  const grid = arm === "global" ? PERTURBATION_RATES : GRADIENT_RATES;
  const trials = grid.map((rate) => {
    const got: (number | null)[] = [];
    for (let k = 0; k < o.tuningSeeds; k++)
      got.push(roundsToCriterion(play(arm, o, TUNING_BASE + k, rate).errors));
    return { rate, meanRounds: summarize(got).mean };
  });
  let best = trials[0];
  for (const t of trials)
    if (t.meanRounds !== null && (best.meanRounds === null || t.meanRounds < best.meanRounds)) best = t;
  return { rate: best.rate, sweep: trials };
}

const slice = (a: Float64Array, n: number): Float64Array => a.slice(0, Math.min(n, a.length));

const withDefaults = (options: StudyOptions): Required<StudyOptions> => ({
  tuningSeeds: 8,
  baseSeed: 1,
  rounds: 20 * options.students + 200,
  curveRounds: 80,
  questions: 1,
  ...options,
});

export function runArm(arm: StudyArm, options: StudyOptions): ArmResult {
  const o = withDefaults(options);
  const { rate, sweep: trials } = sweep(arm, o);
  const perSeed: (number | null)[] = [];
  const errors: Float64Array[] = [];
  const angles: Float64Array[] = [];
  const weightAngles: Float64Array[] = [];
  for (let k = 0; k < o.seeds; k++) {
    const run = play(arm, o, o.baseSeed + k, rate);
    perSeed.push(roundsToCriterion(run.errors));
    errors.push(slice(run.errors, o.curveRounds));
    angles.push(slice(run.angles, o.curveRounds));
    weightAngles.push(slice(run.weightAngles, o.curveRounds));
  }
  const aligned = arm === "alignment";
  return {
    arm,
    learner: arm === "global" ? "perturbation" : "gradient",
    rate,
    sweep: trials,
    roundsToCriterion: summarize(perSeed),
    perSeed,
    error: bandOf(errors),
    angle: aligned ? bandOf(angles) : null,
    weightAngle: aligned ? bandOf(weightAngles) : null,
  };
}

export interface AngleCurves {
  readonly rate: number;
  readonly roundsToCriterion: Summary;
  readonly angle: Band;
  readonly weightAngle: Band;
}

/**
 * `alignment` at a rate given by hand, on the reported seeds: its rounds to the criterion and its angles
 * per round. The sweep's rate is the fastest, and leaves W the least time to line up with B.
 */
export function alignmentAt(rate: number, options: StudyOptions): AngleCurves {
  const o = withDefaults(options);
  const perSeed: (number | null)[] = [];
  const angles: Float64Array[] = [];
  const weightAngles: Float64Array[] = [];
  for (let k = 0; k < o.seeds; k++) {
    const run = play("alignment", o, o.baseSeed + k, rate);
    perSeed.push(roundsToCriterion(run.errors));
    angles.push(slice(run.angles, o.curveRounds));
    weightAngles.push(slice(run.weightAngles, o.curveRounds));
  }
  return {
    rate,
    roundsToCriterion: summarize(perSeed),
    angle: bandOf(angles),
    weightAngle: bandOf(weightAngles),
  };
}

export function runStudy(options: StudyOptions): ArmResult[] {
  return STUDY_ARMS.map((arm) => runArm(arm, options));
}
