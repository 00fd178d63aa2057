/**
 * The convergence chart of a session: the class error of the live class and of its twin after every round,
 * and the theory's line beside each. The session grows it as rounds close, so the live view and a replay
 * draw the same lines.
 */
import type { ClassState } from "../engine/classroom.ts";
import type { Exam } from "../engine/exam.ts";
import { LEARNERS } from "../engine/learners.ts";
import type { Scheme } from "../engine/schemes.ts";
import { factorPerUpdate, predict } from "../engine/theory.ts";
import type { RoundRecord } from "../protocol/session.ts";
import { liveLearner } from "./rates.ts";

/** The convergence chart: one entry per closed round; theory is NaN where it has no line. */
export interface ChartPicture {
  readonly errors: readonly number[];
  readonly twinErrors: readonly number[];
  readonly theory: readonly number[];
  readonly twinTheory: readonly number[];
  /** The live scheme's name in each round (the twin's is its counterpart). */
  readonly schemes: readonly string[];
}

/**
 * The theory's class error after round `round` (1-based) for one side of the session, from the round before:
 * each update multiplies it by the factor its scheme and bot rule predict, as `predictedTrace` does (an
 * update that takes two rounds lands on the second). Where the theory has no line the entry is NaN, and the
 * line starts again from the measured error when it has one again.
 */
export function theoryStep(
  exam: Exam,
  scheme: Scheme,
  round: number,
  previousTheory: number,
  previousMeasured: number,
): number {
  const learner = liveLearner(exam, scheme);
  const p = predict(exam, scheme.config, learner.name);
  if (!p) return Number.NaN;
  const from = Number.isNaN(previousTheory) ? previousMeasured : previousTheory;
  return round % LEARNERS[learner.name].roundsPerUpdate === 0
    ? from * Math.max(0, factorPerUpdate(learner.rate, p))
    : from;
}

/** The chart so far; the session adds each round as it closes. */
export class ChartBuilder implements ChartPicture {
  readonly errors: number[] = [];
  readonly twinErrors: number[] = [];
  readonly theory: number[] = [];
  readonly twinTheory: number[] = [];
  readonly schemes: string[] = [];

  /** Adds one closed round; call it right after the close, while the classes hold that round's exam and scheme. */
  add(record: RoundRecord, live: ClassState, twin: ClassState): void {
    const r = this.errors.length;
    const next = (line: number[], measured: number[], cls: ClassState, error: number): void => {
      line.push(r === 0 ? error : theoryStep(cls.exam, cls.scheme, r, line[r - 1], measured[r - 1]));
    };
    next(this.theory, this.errors, live, record.classError);
    next(this.twinTheory, this.twinErrors, twin, record.twinError);
    this.errors.push(record.classError);
    this.twinErrors.push(record.twinError);
    this.schemes.push(record.scheme.name);
  }
}
