/**
 * One student's feedback, cut from a round's result: all a student's screen (or a bot) is allowed to learn.
 * Under `global` it is the same for everyone; under `teams` the same within a table; under the vector
 * schemes it is the student's own number and nothing of anyone else's. Scores and errors are the ones the class
 * HEARS (with the class's score noise, when it has one: see scoreNoise.ts), never the exact ones behind them.
 */
import type { RoundResult } from "./classroom.ts";
import { classScore } from "./exam.ts";
import type { Scheme } from "./schemes.ts";

export type StudentFeedback =
  | {
      readonly kind: "global";
      readonly round: number;
      /** null on a question's first round: nothing to compare with. */
      readonly improved: boolean | null;
      readonly score: number;
      readonly classError: number;
    }
  | {
      readonly kind: "team";
      readonly round: number;
      readonly team: number;
      readonly improved: boolean | null;
      readonly teamScore: number;
      readonly teamError: number;
    }
  | {
      readonly kind: "vector";
      readonly round: number;
      /** Signed change of level the teacher suggests: + raise, − lower. */
      readonly signal: number;
    }
  | { readonly kind: "none"; readonly round: number };

/** Below this size a personal signal is "stay where you are" (level units: the slider runs from 0 to 1). */
export const STAY_BELOW = 0.01;

const improvedOver = (now: number, before: number): boolean | null =>
  Number.isNaN(before) ? null : now < before;

export function feedbackFor(result: RoundResult, scheme: Scheme, student: number): StudentFeedback {
  const round = result.round;
  if (result.signal) {
    const signal = result.signal[student];
    return Number.isNaN(signal) ? { kind: "none", round } : { kind: "vector", round, signal };
  }
  if (result.teamError) {
    const team = scheme.teamOf(student);
    const teamError = result.teamError[team];
    return {
      kind: "team",
      round,
      team,
      improved: improvedOver(teamError, result.previousHeardError),
      teamScore: classScore(teamError),
      teamError,
    };
  }
  return {
    kind: "global",
    round,
    improved: improvedOver(result.heardError, result.previousHeardError),
    score: result.heardScore,
    classError: result.heardError,
  };
}
