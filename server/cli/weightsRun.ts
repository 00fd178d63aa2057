/**
 * The run behind `server/cli/weights.ts`: weight perturbation against node perturbation on the same rounds
 * (weightPerturbation.ts), for each number of inputs N, on many seeds. Each seed is one `independent` exam
 * and class of bots under `global`; both learners play it, each at the engine's own best rate
 * (`weightPerturbationRate`) unless a rate is fixed by hand. A class plays update after update (a baseline
 * round and a jiggled round each) until the exam's mean error at the levels the class means is 95 % of the
 * way to the key, or the horizon: the rounds counted are the rounds it played.
 *
 * Why a run of its own and not the demo's experiment: a weight serves every question and is asked twice in a
 * row on one question, which the experiment's round-robin learners cannot do (see weightPerturbation.ts).
 */
import { criterionError, type Summary, summarize } from "../../shared/engine/convergence.ts";
import {
  createWeightClass,
  meantExamError,
  playUpdate,
  weightPerturbationRate,
} from "../../shared/engine/weightPerturbation.ts";

export type Perturb = "weights" | "nodes";

export interface WeightsRunSpec {
  /** M, bots in the class. */
  readonly students: number;
  /** Each N to play. */
  readonly inputs: readonly number[];
  /** Questions of the exam: at most N (fewer than N: the factor expected is the questions'); null: N. */
  readonly questions: number | null;
  readonly seeds: number;
  /** First seed: the seeds are seed … seed + seeds − 1. */
  readonly seed: number;
  readonly sigma: number;
  /** Rates fixed by hand, per learner (absent: the engine's rule). */
  readonly rates: Partial<Record<Perturb, number>>;
}

export interface LearnerOutcome {
  readonly rate: number;
  readonly rateSource: "engine" | "by hand";
  /** Rounds each seed played to the criterion (null: not within the horizon). */
  readonly perSeed: readonly (number | null)[];
  readonly rounds: Summary;
}

export interface WeightsRow {
  readonly inputs: number;
  readonly questions: number;
  /** Most rounds a class played. */
  readonly horizon: number;
  readonly weights: LearnerOutcome;
  readonly nodes: LearnerOutcome;
  /** Mean rounds of weight perturbation over node perturbation's (null when a mean is undefined). */
  readonly ratio: number | null;
  /** The same ratio seed by seed (paired on the same exam). */
  readonly ratioBand: Summary;
  /** The factor the theory expects: the number of questions the weights serve (N, or fewer). */
  readonly expected: number;
}

/** Updates a class may play: some 7× the theory's time to criterion (about 3·M·Q² updates), and 200 more. */
const horizonUpdates = (students: number, questions: number): number =>
  20 * students * questions * questions + 200;

function roundsOf(
  spec: WeightsRunSpec,
  n: number,
  questions: number,
  perturb: Perturb,
  seed: number,
  rate: number,
): number | null {
  const wc = createWeightClass({
    exam: { kind: "independent", students: spec.students, questions, seed },
    scheme: { name: "global" },
    inputs: n,
    rate,
    sigma: spec.sigma,
    perturb,
  });
  const target = criterionError(meantExamError(wc));
  const most = horizonUpdates(spec.students, questions);
  for (let u = 1; u <= most; u++) {
    playUpdate(wc);
    if (meantExamError(wc) <= target) return 2 * u;
  }
  return null;
}

function outcome(spec: WeightsRunSpec, n: number, questions: number, perturb: Perturb): LearnerOutcome {
  const fixed = spec.rates[perturb];
  const rate = fixed ?? weightPerturbationRate(spec.students, questions, perturb);
  const perSeed: (number | null)[] = [];
  for (let s = 0; s < spec.seeds; s++)
    perSeed.push(roundsOf(spec, n, questions, perturb, spec.seed + s, rate));
  return {
    rate,
    rateSource: fixed === undefined ? "engine" : "by hand",
    perSeed,
    rounds: summarize(perSeed),
  };
}

export function runWeights(
  spec: WeightsRunSpec,
  progress: (done: number, total: number) => void = () => {},
): WeightsRow[] {
  return spec.inputs.map((n, k) => {
    const questions = Math.min(spec.questions ?? n, n);
    progress(2 * k, 2 * spec.inputs.length);
    const weights = outcome(spec, n, questions, "weights");
    progress(2 * k + 1, 2 * spec.inputs.length);
    const nodes = outcome(spec, n, questions, "nodes");
    const w = weights.rounds.mean;
    const v = nodes.rounds.mean;
    return {
      inputs: n,
      questions,
      horizon: 2 * horizonUpdates(spec.students, questions),
      weights,
      nodes,
      ratio: w !== null && v !== null && v > 0 ? w / v : null,
      ratioBand: summarize(
        weights.perSeed.map((a, s) => {
          const b = nodes.perSeed[s];
          return a !== null && b !== null && b > 0 ? a / b : null;
        }),
      ),
      expected: questions,
    };
  });
}
