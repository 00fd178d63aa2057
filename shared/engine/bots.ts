/**
 * A squad of bots inside a class: which students are bots, the rule they learn by, and, for human-like
 * bots, the imprecision, slider rounding and skipped rounds of people. The squad's random stream is part
 * of its state, so a class with bots replays exactly.
 */
import { type ClassState, questionLevels, type RoundResult } from "./classroom.ts";
import { canLearnFrom, createLearner, type Learner, type LearnerSpec } from "./learners.ts";
import { createRng, deriveSeed, nextFloat, nextNormal, type RngState } from "./random.ts";

export interface HumanNoise {
  /** Standard deviation of the slip between the level a bot means and the one it sets. */
  readonly imprecision: number;
  /** The slider's step: levels are rounded to it (0: no rounding). */
  readonly sliderStep: number;
  /** Chance that a bot skips a round (its level stays put). */
  readonly skipRate: number;
}

export const HUMAN_LIKE: HumanNoise = { imprecision: 0.02, sliderStep: 0.01, skipRate: 0.1 };

export interface BotSquad {
  bots: Int32Array;
  readonly learner: LearnerSpec;
  readonly human: HumanNoise | null;
  readonly rng: RngState;
  /** One learner per question, made on the question's first round. */
  readonly perQuestion: (Learner | undefined)[];
  readonly before: Float64Array;
}

export interface SquadOptions {
  readonly bots: Int32Array;
  readonly learner: LearnerSpec;
  readonly human?: HumanNoise | null;
  /** Seed of the squad's random stream (jiggles, human noise). */
  readonly seed: number;
}

export function createSquad(cls: ClassState, options: SquadOptions): BotSquad {
  if (!canLearnFrom(options.learner.name, cls.scheme.kind))
    throw new Error(`the ${options.learner.name} rule cannot learn from ${cls.scheme.config.name} feedback`);
  return {
    bots: options.bots,
    learner: options.learner,
    human: options.human ?? null,
    rng: createRng(deriveSeed(options.seed, "bots")),
    perQuestion: new Array(cls.exam.questions),
    before: new Float64Array(cls.exam.students),
  };
}

/** Students 0..count−1, or all of them. */
export function firstStudents(count: number): Int32Array {
  const bots = new Int32Array(count);
  for (let i = 0; i < count; i++) bots[i] = i;
  return bots;
}

function learnerFor(squad: BotSquad, cls: ClassState, question: number): Learner {
  let learner = squad.perQuestion[question];
  if (!learner) {
    learner = createLearner(squad.learner, cls.exam);
    squad.perQuestion[question] = learner;
  }
  return learner;
}

/** The bots submit their levels for the open round. */
export function actBots(squad: BotSquad, cls: ClassState): void {
  const open = cls.open;
  if (!open) throw new Error("no round is open");
  const levels = questionLevels(cls, open.question);
  const human = squad.human;
  if (human) squad.before.set(levels);
  learnerFor(squad, cls, open.question).act(levels, squad.bots, squad.rng);
  if (human) humanize(squad, human, levels);
}

function humanize(squad: BotSquad, human: HumanNoise, levels: Float64Array): void {
  const { bots, rng, before } = squad;
  for (let k = 0; k < bots.length; k++) {
    const i = bots[k];
    if (nextFloat(rng) < human.skipRate) {
      levels[i] = before[i];
      continue;
    }
    let v = levels[i] + human.imprecision * nextNormal(rng);
    if (human.sliderStep > 0) v = Math.round(v / human.sliderStep) * human.sliderStep;
    levels[i] = v < 0 ? 0 : Math.min(v, 1);
  }
}

/**
 * The round as the bots hear it: with a noisy class score, the class error and score they learn from are the
 * heard ones (`teamError` is heard already); without one, the round itself.
 */
export function heardRound(result: RoundResult): RoundResult {
  if (
    Object.is(result.heardError, result.classError) &&
    Object.is(result.previousHeardError, result.previousError)
  )
    return result;
  return {
    ...result,
    classError: result.heardError,
    score: result.heardScore,
    previousError: result.previousHeardError,
  };
}

/** The bots learn from a closed round, from what they hear of it. */
export function learnBots(squad: BotSquad, cls: ClassState, result: RoundResult): void {
  const levels = questionLevels(cls, result.question);
  learnerFor(squad, cls, result.question).learn(levels, squad.bots, heardRound(result), cls.scheme);
}
