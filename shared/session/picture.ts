/**
 * What the projector, the teacher's live view and a replay draw, as one plain value made from the session
 * state: every seat in play with its level and the correction it needs, the class answer against the key,
 * and the chart's lines. The server derives the synchronised state from these functions and a replay calls
 * them on its own fold, so a replayed moment looks exactly like the live one did.
 */
import type { ClassState } from "../engine/classroom.ts";
import { questionLevels } from "../engine/classroom.ts";
import type { Exam, ExamKind } from "../engine/exam.ts";
import type { SchemeConfig } from "../protocol/session.ts";
import type { ChartPicture } from "./chart.ts";
import { type PopulationPicture, populationsOf } from "./populations.ts";
import { type SeatPicture, seatPicture } from "./seatViews.ts";
import type { Phase, SessionState } from "./session.ts";

export type { SeatLabel, SeatPicture } from "./seatViews.ts";

export interface ClassPicture {
  readonly code: string;
  readonly exam: ExamKind;
  readonly phase: Phase;
  /** Keys may be shown to everyone: the teacher revealed them, or the session ended. */
  readonly revealed: boolean;
  /** "full": everything (the teacher's views); "wall": what the projector may show (wall.ts). */
  readonly view: "full" | "wall";
  readonly round: number;
  readonly question: number;
  readonly scheme: SchemeConfig;
  readonly twinScheme: SchemeConfig;
  /** Whether the twin's bots play like people (the session's `twinLikePeople`): the wall names them so. */
  readonly twinLikePeople: boolean;
  readonly seats: readonly SeatPicture[];
  /** The class answer and the key for the current question (answer space). */
  readonly answer: readonly number[];
  readonly key: readonly number[];
  /** The grating exam's two populations, as counts (populations.ts); empty on other exams. */
  readonly populations: readonly PopulationPicture[];
  /** A typical size of a seat's credit at the start: neurons are drawn relative to it. */
  readonly creditUnit: number;
  readonly chart: ChartPicture;
}

/** Each seat's correction toward the key, in level units, for a class's current question. */
export function credits(cls: ClassState, question: number): Float64Array {
  const { exam } = cls;
  const out = new Float64Array(exam.students);
  exam.evaluate(questionLevels(cls, question), question, out, null, "true");
  const scale = -1 / exam.curvature;
  for (let i = 0; i < out.length; i++) out[i] *= scale;
  return out;
}

/** The RMS correction of a class still at the start level: what "far from the key" looks like. */
export function creditUnit(exam: Exam): number {
  const levels = new Float64Array(exam.students).fill(exam.startLevel);
  const credit = new Float64Array(exam.students);
  exam.evaluate(levels, 0, credit, null, "true");
  let ss = 0;
  for (let i = 0; i < credit.length; i++) ss += credit[i] * credit[i];
  const rms = Math.sqrt(ss / Math.max(1, exam.activeCount)) / exam.curvature;
  return rms > 0 && Number.isFinite(rms) ? rms : 1;
}

export function pictureOf(session: SessionState): ClassPicture {
  const { live } = session;
  const credit = credits(live, session.question);
  const seats: SeatPicture[] = [];
  for (let i = 0; i < session.capacity; i++) {
    const p = seatPicture(session, i, credit);
    if (p) seats.push(p);
  }
  const answer = new Float64Array(live.exam.outputs);
  live.exam.evaluate(questionLevels(live, session.question), session.question, null, answer, "true");
  return {
    code: session.code,
    exam: session.config.exam,
    phase: session.phase,
    revealed: session.revealed,
    view: "full",
    round: session.round,
    question: session.question,
    scheme: live.scheme.config,
    twinScheme: session.twin.scheme.config,
    twinLikePeople: session.config.twinLikePeople,
    seats,
    answer: Array.from(answer),
    key: Array.from(live.exam.key(session.question)),
    populations: populationsOf(live),
    creditUnit: creditUnit(live.exam),
    chart: session.chart.picture(),
  };
}
