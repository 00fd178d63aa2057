/**
 * One seat, three ways: as the staff see it (the roster's row, with the hidden target and the true
 * correction), as its student sees itself (`you`: never the key before the reveal), and the feedback its
 * student heard after a close. All three are read from the same session state in one place, so the phone and
 * the dashboard can never disagree about a seat.
 */
import { classScore, type Exam } from "../engine/exam.ts";
import { gratingRoles, type Population, populationOf } from "../engine/exams/grating.ts";
import { feedbackFor, type StudentFeedback } from "../engine/feedback.ts";
import type { FeedbackMessage, YouMessage } from "../protocol/messages.ts";
import type { SessionState } from "./session.ts";

export type SeatLabel = "human" | "bot" | "stand-in";

export interface SeatPicture {
  readonly seat: number;
  readonly kind: SeatLabel;
  readonly nickname: string;
  readonly connected: boolean;
  readonly submitted: boolean;
  readonly seated: boolean;
  readonly level: number;
  /** The student's hidden target for the question, where the exam gives one. */
  readonly target: number | null;
  /** The correction toward the key in level units (−∂E/∂x over the curvature): its sign says up or down. */
  readonly credit: number;
  /** The last round's feedback as the student saw it, or null before the first. */
  readonly feedback: StudentFeedback | null;
}

/** One seat as the staff see it, or null for a seat nobody holds; `credit` from `credits` (NaN: unknown). */
export function seatPicture(
  session: SessionState,
  seat: number,
  credit: Float64Array | null,
): SeatPicture | null {
  const s = session.seats[seat];
  if (s.kind === "empty" && !s.seated) return null;
  const live = session.live;
  const m = live.exam.students;
  const closed = session.lastClosed;
  return {
    seat,
    kind: s.kind === "human" && s.standIn ? "stand-in" : s.kind === "bot" ? "bot" : "human",
    nickname: s.kind === "empty" ? "(left)" : s.nickname,
    connected: s.connected,
    submitted: s.submitted,
    seated: s.seated,
    level: live.levels[session.question * m + seat],
    target: live.exam.targetOf(seat, session.question),
    credit: credit ? credit[seat] : Number.NaN,
    feedback: closed && s.seated ? feedbackFor(closed.result, closed.scheme, seat) : null,
  };
}

/** The student's own status as it is now; null for a seat no student holds. */
export function youOf(session: SessionState, seat: number): YouMessage | null {
  const s = session.seats[seat];
  if (s?.kind !== "human") return null;
  const m = session.live.exam.students;
  return {
    seat,
    nickname: s.nickname,
    round: session.round,
    question: session.question,
    level: session.live.levels[session.question * m + seat],
    // The key only once it is revealed: before that nothing a student receives says where it lies.
    key: session.revealed ? session.live.exam.targetOf(seat, session.question) : null,
    submitted: s.submitted,
    seated: s.seated,
    population: session.revealed ? populationOfSeat(session.live.exam, seat) : null,
  };
}

/** The seat's population on the grating exam; null on every other exam. */
function populationOfSeat(exam: Exam, seat: number): Population | null {
  if (exam.kind !== "grating") return null;
  return populationOf(gratingRoles(exam.students, exam.spec.seed)[seat]);
}

/** What the seat's student heard after the last closed round; null before the first, or if it was not in play. */
export function feedbackOf(session: SessionState, seat: number): FeedbackMessage | null {
  const closed = session.lastClosed;
  const s = session.seats[seat];
  if (!closed || !s?.seated || s.kind !== "human") return null;
  const m = session.live.exam.students;
  return {
    round: closed.result.round,
    feedback: feedbackFor(closed.result, closed.scheme, seat),
    level: session.live.levels[closed.result.question * m + seat],
    classScore: classScore(closed.result.classError),
  };
}
