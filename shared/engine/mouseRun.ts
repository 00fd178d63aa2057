/**
 * The mouse experiment played by bots, as the command line reproduces it: a `grating` class under personal
 * signals (vectorized), bots stepping along their own signal, the signals blocked for a stretch of rounds
 * and then given back. Each row is one round: the angle the class showed, the target, the class error, whose
 * signals were blocked after that round, and each population's mean signal (opposite signs: the roles).
 *
 * Blocking the signals after round r leaves round r + 1 where round r was: the bots that received nothing
 * stay put (human-like bots still slip), so the error's fall per round is 0 through the block, and resumes
 * on the round after the block ends.
 */
import { actBots, createSquad, firstStudents, type HumanNoise, learnBots } from "./bots.ts";
import { closeRound, createClass, openRound } from "./classroom.ts";
import { ln } from "./detmath.ts";
import type { ExamSpec } from "./exam.ts";
import { angleOf, gratingRoles } from "./exams/grating.ts";
import { type Blocking, populationSignal, setBlocking } from "./mouse.ts";

export interface MouseRunSpec {
  /** Neurons in the class (two populations of ⌈M/2⌉ and ⌊M/2⌋; the experiment had 4 or 5 each). */
  readonly students: number;
  readonly seed: number;
  readonly rounds: number;
  /** The bots' step along their signal (1: onto the target in one round). */
  readonly rate: number;
  /** Whose signals the block takes away. */
  readonly block: Exclude<Blocking, "none">;
  /** The signals after rounds blockFrom..blockUntil (inclusive, from 1) are blocked. */
  readonly blockFrom: number;
  readonly blockUntil: number;
  readonly human?: HumanNoise | null;
}

export interface MouseRow {
  readonly round: number;
  /** Degrees, 0° to 180°. */
  readonly angle: number;
  readonly target: number;
  readonly error: number;
  readonly score: number;
  /** Whose signals after this round were blocked. */
  readonly blocked: Blocking;
  /** Mean signal (level units) of the push and the pull members who received one; NaN when none did. */
  readonly pushSignal: number;
  readonly pullSignal: number;
}

export const MOUSE_DEFAULTS = {
  students: 10,
  seed: 1,
  rounds: 30,
  rate: 0.1,
  block: "everyone",
  blockFrom: 9,
  blockUntil: 16,
} as const satisfies MouseRunSpec;

export function runMouse(spec: MouseRunSpec): MouseRow[] {
  const exam: ExamSpec = { kind: "grating", students: spec.students, questions: 1, seed: spec.seed };
  const cls = createClass({ exam, scheme: { name: "vectorized" } });
  const squad = createSquad(cls, {
    bots: firstStudents(spec.students),
    learner: { name: "gradient", rate: spec.rate },
    human: spec.human ?? null,
    seed: spec.seed,
  });
  const roles = gratingRoles(spec.students, spec.seed);
  const rows: MouseRow[] = [];
  const answer = new Float64Array(1);
  for (let round = 1; round <= spec.rounds; round++) {
    const blocked: Blocking = round >= spec.blockFrom && round <= spec.blockUntil ? spec.block : "none";
    setBlocking(cls, blocked);
    openRound(cls);
    actBots(squad, cls);
    const result = closeRound(cls);
    // The angle the class showed this round, read before the bots learn from it.
    cls.exam.evaluate(cls.levels, 0, null, answer, "true");
    learnBots(squad, cls, result);
    const signal = result.signal ?? new Float64Array(spec.students).fill(Number.NaN);
    rows.push({
      round,
      angle: angleOf(answer[0]),
      target: angleOf(cls.exam.key(0)[0]),
      error: result.classError,
      score: result.score,
      blocked,
      pushSignal: populationSignal(roles, signal, "push"),
      pullSignal: populationSignal(roles, signal, "pull"),
    });
  }
  return rows;
}

/** The error's fall on each round, in e-folds: ln(E before / E now); 0 where the class stood still. */
export function fallPerRound(rows: readonly MouseRow[]): number[] {
  return rows.map((r, k) => (k === 0 ? Number.NaN : ln(rows[k - 1].error / r.error)));
}
