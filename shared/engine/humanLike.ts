/**
 * Classes of human-like bots (bots.ts: HUMAN_LIKE, a hand that slips by 0.02, a slider in steps of 0.01,
 * one round in ten skipped), measured to a criterion a person's precision can reach.
 *
 * Why a criterion of its own: a class whose every member stands on its key but sets its slider within
 * ±0.02 of it still makes a class error of about 0.02² = 4e-4 (on `independent` and on `readout`, whose
 * Hessians have trace 2). The bots' 95 % criterion is E ≤ 0.0025 E₀ ≈ 2e-4 for E₀ ≈ 1/12: below that floor,
 * met only by a lucky round (88 % of seeds at M = 30, 20 % at M = 100, for vectorized). 90 % of the way,
 * E ≤ 0.01 E₀ ≈ 8e-4, is twice the floor: it takes learning, not luck. It is the live class's criterion too
 * (convergence.ts: CLASS_CRITERION).
 *
 * The rate of each scheme's rule is chosen here for that criterion (a sweep on tuning seeds kept apart from
 * the measured ones, the rate of the least mean rounds), because the demo's sweep (tuning.ts) aims at 95 %.
 */
import { actBots, createSquad, firstStudents, HUMAN_LIKE, type HumanNoise, learnBots } from "./bots.ts";
import { closeRound, createClass, openRound } from "./classroom.ts";
import { CLASS_CRITERION, CRITERION, criterionError, type Summary, summarize } from "./convergence.ts";
import type { ExamSpec } from "./exam.ts";
import { createExam } from "./exams/index.ts";
import { defaultLearnerName, type LearnerName } from "./learners.ts";
import { deriveSeed } from "./random.ts";
import { createScheme, type SchemeConfig } from "./schemes.ts";

/** The criterion a class is measured to: 90 % of the way for a class with a person's hand, else 95 %. */
export const criterionOf = (human: HumanNoise | null | undefined): number =>
  human ? CLASS_CRITERION : CRITERION;

export interface HumanRunSpec {
  readonly exam: Omit<ExamSpec, "seed">;
  readonly scheme: SchemeConfig;
  /** Rule under scalar schemes (default the textbook ±σ node perturbation). */
  readonly scalarLearner?: LearnerName;
  readonly human?: HumanNoise;
  readonly seeds: number;
  readonly baseSeed: number;
  readonly rounds: number;
  /** Rates tried; the default is a half-octave grid over the rule's useful range. */
  readonly rates?: readonly number[];
  readonly tuningSeeds?: number;
}

export interface HumanRunResult {
  readonly learner: LearnerName;
  readonly rate: number;
  readonly criterion: number;
  /** Rounds to the criterion on the measured seeds (null: not within the rounds played). */
  readonly perSeed: readonly (number | null)[];
  readonly summary: Summary;
}

/** Rounds after the first until the class first meets the criterion (null: never within `rounds`). */
export function humanRoundsToCriterion(
  exam: ExamSpec,
  scheme: SchemeConfig,
  learner: { name: LearnerName; rate: number },
  human: HumanNoise,
  rounds: number,
): number | null {
  const cls = createClass({ exam, scheme });
  const squad = createSquad(cls, { bots: firstStudents(exam.students), learner, human, seed: exam.seed });
  let goal = 0;
  for (let r = 0; r < rounds; r++) {
    openRound(cls);
    actBots(squad, cls);
    const result = closeRound(cls);
    learnBots(squad, cls, result);
    if (r === 0) goal = criterionError(result.classError, CLASS_CRITERION);
    else if (result.classError <= goal) return r;
  }
  return null;
}

/** Half-octaves from 2^lo to 2^hi, by exact doubling and one √2 (no pow: the same bits on every engine). */
function halfOctaves(lo: number, hi: number): number[] {
  let v = 1;
  for (let e = 0; e > lo; e--) v *= 0.5;
  for (let e = 0; e < lo; e++) v *= 2;
  const out: number[] = [];
  for (let e = lo; e <= hi; e++, v *= 2) {
    out.push(v);
    if (e < hi) out.push(v * Math.SQRT2);
  }
  return out;
}

/** The whole-number octave nearest to n (n ≥ 1). */
function octaveOf(n: number): number {
  let e = 0;
  for (let v = Math.SQRT2; v < n; v *= 2) e++;
  return e;
}

function defaultRates(learner: LearnerName, students: number): number[] {
  if (learner === "gradient") return halfOctaves(-3, 0);
  if (learner === "rprop" || learner === "keep-if-improved") return halfOctaves(-8, -2);
  // Node perturbation's best rate is about 1/M (1/g under teams): a range around it.
  const e = octaveOf(students);
  return halfOctaves(-e - 4, -e + 3);
}

export function runHumanLike(spec: HumanRunSpec): HumanRunResult {
  const human = spec.human ?? HUMAN_LIKE;
  const probe = createExam({ ...spec.exam, seed: spec.baseSeed });
  const kind = createScheme(spec.scheme, probe).kind;
  const learner =
    kind === "vector" ? defaultLearnerName(kind, spec.scheme.name) : (spec.scalarLearner ?? "perturbation");
  const size =
    spec.scheme.name === "teams" ? Math.min(spec.scheme.teamSize, spec.exam.students) : spec.exam.students;
  const rates = spec.rates ?? defaultRates(learner, size);
  const tuning = spec.tuningSeeds ?? 8;
  const run = (seed: number, rate: number): number | null =>
    humanRoundsToCriterion({ ...spec.exam, seed }, spec.scheme, { name: learner, rate }, human, spec.rounds);
  let bestRate = rates[0];
  let bestCost = Number.POSITIVE_INFINITY;
  for (const rate of rates) {
    let cost = 0;
    for (let s = 0; s < tuning; s++)
      cost += run(deriveSeed(spec.baseSeed, `human-tuning:${s}`), rate) ?? 2 * spec.rounds;
    if (cost < bestCost) {
      bestCost = cost;
      bestRate = rate;
    }
  }
  const perSeed = Array.from({ length: spec.seeds }, (_, s) => run(spec.baseSeed + s, bestRate));
  return { learner, rate: bestRate, criterion: CLASS_CRITERION, perSeed, summary: summarize(perSeed) };
}
