/**
 * Bot-only classes: every student a bot, played through the same round API the server uses.
 */
import { actBots, type BotSquad, createSquad, firstStudents, type HumanNoise, learnBots } from "./bots.ts";
import { type ClassState, closeRound, createClass, openRound, type RoundResult } from "./classroom.ts";
import type { ExamSpec } from "./exam.ts";
import type { LearnerSpec } from "./learners.ts";
import type { SchemeConfig } from "./schemes.ts";

export interface BotClassSpec {
  readonly exam: ExamSpec;
  readonly scheme: SchemeConfig;
  readonly learner: LearnerSpec;
  readonly human?: HumanNoise | null;
  /** Noise on the class error the class hears (scoreNoise.ts); off when absent. */
  readonly scoreNoise?: number;
}

export interface BotClass {
  readonly cls: ClassState;
  readonly squad: BotSquad;
}

export function createBotClass(spec: BotClassSpec): BotClass {
  const cls = createClass({
    exam: spec.exam,
    scheme: spec.scheme,
    ...(spec.scoreNoise ? { scoreNoise: spec.scoreNoise } : {}),
  });
  const squad = createSquad(cls, {
    bots: firstStudents(cls.exam.students),
    learner: spec.learner,
    human: spec.human ?? null,
    seed: spec.exam.seed,
  });
  return { cls, squad };
}

/** Plays one round; returns its result (the engine reuses its buffers: read them before the next round). */
export function playRound(bc: BotClass): RoundResult {
  openRound(bc.cls);
  actBots(bc.squad, bc.cls);
  const result = closeRound(bc.cls);
  learnBots(bc.squad, bc.cls, result);
  return result;
}

/** The class error of every round, stopping early once `stop(error, round)` says so. */
export function runBotClass(
  spec: BotClassSpec,
  rounds: number,
  stop: (error: number, round: number, first: number) => boolean = () => false,
): Float64Array {
  const bc = createBotClass(spec);
  const trace = new Float64Array(rounds);
  for (let r = 0; r < rounds; r++) {
    trace[r] = playRound(bc).classError;
    if (stop(trace[r], r, trace[0])) return trace.slice(0, r + 1);
  }
  return trace;
}
