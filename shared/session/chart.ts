/**
 * The convergence chart of a session: the class error of the live class and of its twin after every round,
 * and the theory's line beside each. The session grows it as rounds close, so the live view and a replay
 * draw the same lines.
 */

import type { ClassState } from "../engine/classroom.ts";
import { LEARNERS } from "../engine/learners.ts";
import { factorPerUpdate, predict } from "../engine/theory.ts";
import { chartKey } from "../protocol/schemeWords.ts";
import type { RoundRecord } from "../protocol/session.ts";
import { liveLearner } from "./rates.ts";

/** The convergence chart: one entry per closed round; theory is NaN where it has no line. */
export interface ChartPicture {
  readonly errors: readonly number[];
  readonly twinErrors: readonly number[];
  readonly theory: readonly number[];
  readonly twinTheory: readonly number[];
  /** The scheme each class played each round under, by name: a curve is drawn in its round's scheme. */
  readonly schemes: readonly string[];
  readonly twinSchemes: readonly string[];
}

/** One side's theory line as it grows: where its current stretch started, and under which scheme. */
interface Stretch {
  start: number;
  scheme: string;
}

/** What a class heard its feedback under after a round: the exam and scheme of that round's close. */
type Heard = Pick<ClassState, "exam" | "scheme">;

/**
 * The theory's class error for round index `r` of one side, from the round before, under what the class
 * heard after the round before (its moves in round r were made on that feedback). Each update multiplies
 * the error that can go by the factor its scheme and bot rule predict, as `predictedTrace` does (an update
 * that takes two rounds lands on the second); a blocked share of the stretch's start error stays. Where the
 * theory has no line the entry is NaN; the line starts again from the measured error when it has one, and
 * a new stretch begins at a switch of scheme.
 */
function theoryAt(
  r: number,
  cls: Heard,
  line: readonly number[],
  measured: readonly number[],
  stretch: Stretch,
): number {
  const learner = liveLearner(cls.exam, cls.scheme);
  const p = predict(cls.exam, cls.scheme.config, learner.name);
  if (!p) return Number.NaN;
  const before = line[r - 1];
  const from = Number.isNaN(before) ? measured[r - 1] : before;
  if (Number.isNaN(before) || stretch.scheme !== cls.scheme.config.name) {
    stretch.start = from;
    stretch.scheme = cls.scheme.config.name;
  }
  if (r % LEARNERS[learner.name].roundsPerUpdate !== 0) return from;
  const stays = stretch.start * p.floor;
  return stays + Math.max(0, from - stays) * Math.max(0, factorPerUpdate(learner.rate, p));
}

/** The chart so far; the session adds each round as it closes. */
export class ChartBuilder implements ChartPicture {
  readonly errors: number[] = [];
  readonly twinErrors: number[] = [];
  readonly theory: number[] = [];
  readonly twinTheory: number[] = [];
  readonly schemes: string[] = [];
  readonly twinSchemes: string[] = [];
  private readonly liveStretch: Stretch = { start: 0, scheme: "" };
  private readonly twinStretch: Stretch = { start: 0, scheme: "" };
  /** What each class heard after the last round added. */
  private heard: { live: Heard; twin: Heard } | null = null;

  /** Adds one closed round; call it right after the close, while the classes hold that round's exam and scheme. */
  add(record: RoundRecord, live: ClassState, twin: ClassState): void {
    const r = this.errors.length;
    const before = this.heard;
    const next = (line: number[], measured: number[], cls: Heard, stretch: Stretch, error: number) => {
      if (r > 0 && before) return line.push(theoryAt(r, cls, line, measured, stretch));
      stretch.start = error;
      stretch.scheme = cls.scheme.config.name;
      return line.push(error);
    };
    next(this.theory, this.errors, before?.live ?? live, this.liveStretch, record.classError);
    next(this.twinTheory, this.twinErrors, before?.twin ?? twin, this.twinStretch, record.twinError);
    this.heard = {
      live: { exam: live.exam, scheme: live.scheme },
      twin: { exam: twin.exam, scheme: twin.scheme },
    };
    this.errors.push(record.classError);
    this.twinErrors.push(record.twinError);
    this.schemes.push(chartKey(record.scheme));
    this.twinSchemes.push(chartKey(record.twinScheme));
  }

  /** A copy of the lines so far, which later rounds leave alone. */
  picture(): ChartPicture {
    return {
      errors: this.errors.slice(),
      twinErrors: this.twinErrors.slice(),
      theory: this.theory.slice(),
      twinTheory: this.twinTheory.slice(),
      schemes: this.schemes.slice(),
      twinSchemes: this.twinSchemes.slice(),
    };
  }
}
