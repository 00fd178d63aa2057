/**
 * The one adapter from the session core to the synchronised state: what the room shows is always derived
 * from the session, never kept beside it. Seats are synced when marked dirty; aggregates every time. Each
 * seat is written twice from the one picture of it: the teacher's row (everything) and the wall's row (what
 * shared/session/wall.ts lets the projector show), so the two can never disagree on what they share, and
 * the wall costs no more patches than the roster does.
 */

import type { ArraySchema } from "@colyseus/schema";
import { questionLevels } from "../../shared/engine/classroom.ts";
import { chartKey } from "../../shared/protocol/schemeWords.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import { credits, creditUnit } from "../../shared/session/picture.ts";
import { populationsOf } from "../../shared/session/populations.ts";
import { type SeatPicture, seatPicture } from "../../shared/session/seatViews.ts";
import type { SessionState } from "../../shared/session/session.ts";
import { heardCorrection, wallShowsAnswer } from "../../shared/session/wall.ts";
import { type ExamState, SeatState, StaffState, WallState } from "./examState.ts";

export function initState(state: ExamState, session: SessionState): void {
  state.protocol = PROTOCOL_VERSION;
  state.code = session.code;
  state.exam = session.config.exam;
  state.twinLikePeople = session.config.twinLikePeople;
  state.staff = new StaffState();
  state.wall = new WallState();
}

type Rows = StaffState["roster"];

/** The seat's row in `rows`, made when missing; null (and the row gone) for a seat nobody holds. */
function rowOf(rows: Rows, seat: number, held: boolean): SeatState | null {
  const key = String(seat);
  if (!held) {
    if (rows.has(key)) rows.delete(key);
    return null;
  }
  let row = rows.get(key);
  if (!row) {
    row = new SeatState();
    row.seat = seat;
    rows.set(key, row);
  }
  return row;
}

/** What both rows of a seat hold alike. */
function writeShared(row: SeatState, p: SeatPicture, feedback: string): void {
  row.kind = p.kind;
  row.connected = p.connected;
  row.submitted = p.submitted;
  row.seated = p.seated;
  row.level = p.level;
  row.feedback = feedback;
}

/** A float field written only when it changes: NaN is never equal to itself, and would be sent every time. */
function changed(now: number, next: number): boolean {
  return !Object.is(now, next);
}

/** How the wall shows seats in this session's moment (see WallState). */
interface WallMoment {
  readonly names: boolean;
  readonly revealed: boolean;
  /** The scheme the seats' last feedback was heard under. */
  readonly heardUnder: string;
  readonly unit: number;
}

function wallMoment(state: ExamState, session: SessionState): WallMoment {
  const schemes = session.chart.schemes;
  return {
    names: session.phase === "lobby",
    revealed: session.revealed,
    heardUnder: schemes[schemes.length - 1] ?? chartKey(session.live.scheme.config),
    unit: state.wall.creditUnit,
  };
}

function syncSeat(
  state: ExamState,
  session: SessionState,
  seat: number,
  credit: Float64Array | null,
  wall: WallMoment,
): void {
  const p = seatPicture(session, seat, credit);
  const staffRow = rowOf(state.staff.roster, seat, p !== null);
  const wallRow = rowOf(state.wall.seats, seat, p !== null);
  if (!p || !staffRow || !wallRow) return;
  const feedback = p.feedback ? JSON.stringify(p.feedback) : "";
  writeShared(staffRow, p, feedback);
  staffRow.nickname = p.nickname;
  staffRow.target = p.target ?? -1;
  if (credit && changed(staffRow.credit, p.credit)) staffRow.credit = p.credit;

  writeShared(wallRow, p, feedback);
  wallRow.nickname = wall.names && p.kind !== "bot" ? p.nickname : "";
  wallRow.target = wall.revealed ? (p.target ?? -1) : -1;
  const wallCredit = wall.revealed ? (credit ? p.credit : wallRow.credit) : heard(p, wall);
  if (changed(wallRow.credit, wallCredit)) wallRow.credit = wallCredit;
}

/** What the seat's own phone showed after the last round, as a correction; NaN where it heard none. */
const heard = (p: SeatPicture, wall: WallMoment): number =>
  heardCorrection(p.feedback, wall.heardUnder, wall.unit);

/** The wall's way of showing seats when they were last written: when it changes, every row is rewritten. */
const wallShownAs = new WeakMap<ExamState, string>();

function wallModeChanged(state: ExamState, session: SessionState): boolean {
  const mode = `${session.phase === "lobby"}|${session.revealed}`;
  const before = wallShownAs.get(state);
  wallShownAs.set(state, mode);
  return before !== mode;
}

/** Brings the synchronised state up to date; `seats` are the seats whose row may have changed (all: null). */
export function syncState(state: ExamState, session: SessionState, seats: Iterable<number> | null): void {
  state.phase = session.phase;
  state.endReason = session.endReason ?? "";
  state.pausedBy = session.pausedBy ?? "";
  state.round = session.round;
  state.question = session.question;
  state.closesAt = session.phase === "open" ? session.closesAt : 0;
  state.remainingMs = session.phase === "paused" ? session.remainingMs : 0;
  state.roundSeconds = session.roundSeconds;
  state.scheme = JSON.stringify(session.live.scheme.config);
  state.twinScheme = JSON.stringify(session.twin.scheme.config);
  state.nextScheme = session.pendingScheme ? JSON.stringify(session.pendingScheme) : "";
  state.locked = session.locked;
  state.revealed = session.revealed;
  state.autoAdvance = session.autoAdvance;
  state.reviewSeconds = session.reviewSeconds;
  state.nextRoundAt = session.phase === "review" ? session.nextRoundAt : 0;
  state.standIns = session.standIns;
  let students = 0;
  let connected = 0;
  let seated = 0;
  let submitted = 0;
  for (const s of session.seats) {
    if (s.kind !== "human") continue;
    students++;
    if (s.connected) connected++;
    if (s.seated) seated++;
    if (s.submitted) submitted++;
  }
  state.students = students;
  state.connected = connected;
  state.seated = seated;
  state.submitted = submitted;
  state.bots = session.bots;
  for (let r = state.scores.length; r < session.results.length; r++) {
    const record = session.results[r];
    state.scores.push(record.score);
    state.twinScores.push(record.twinScore);
    state.schemes.push(chartKey(record.scheme));
    state.twinSchemes.push(chartKey(record.twinScheme));
    state.errors.push(record.classError);
    state.twinErrors.push(record.twinError);
    state.theory.push(session.chart.theory[r]);
    state.twinTheory.push(session.chart.twinTheory[r]);
  }
  // Names leave the wall when play starts and the key comes onto it at the reveal: every row, whatever moved.
  const all = wallModeChanged(state, session) || seats === null;
  if (all) {
    const unit = creditUnit(session.live.exam);
    state.staff.creditUnit = unit;
    state.wall.creditUnit = unit;
    // Credits move for every seat when one level moves: they are sent at a round's opening and close only.
    const credit = credits(session.live, session.question);
    const wall = wallMoment(state, session);
    for (let i = 0; i < session.capacity; i++) syncSeat(state, session, i, credit, wall);
    syncAnswer(state, session);
  } else {
    const wall = wallMoment(state, session);
    for (const i of seats) syncSeat(state, session, i, null, wall);
  }
}

function syncAnswer(state: ExamState, session: SessionState): void {
  const exam = session.live.exam;
  const answer = new Float64Array(exam.outputs);
  exam.evaluate(questionLevels(session.live, session.question), session.question, null, answer, "true");
  const key = exam.key(session.question);
  replaceNumbers(state.staff.answer, answer);
  replaceNumbers(state.staff.key, key);
  // The wall's key and answer only when wall.ts allows: the answer against the key points to it.
  const { heardUnder } = wallMoment(state, session);
  const shown = wallShowsAnswer(
    session.config.exam,
    session.revealed,
    session.live.scheme.config,
    heardUnder,
  );
  replaceNumbers(state.wall.answer, shown ? answer : []);
  replaceNumbers(state.wall.key, shown ? key : []);
  const populations = populationsOf(session.live);
  state.populations = populations.length > 0 ? JSON.stringify(populations) : "";
}

function replaceNumbers(target: ArraySchema<number>, values: ArrayLike<number>): void {
  // Only at a round's opening and close: rewriting the array whole is simpler than patching it in place.
  if (target.length === 0 && values.length === 0) return;
  target.clear();
  target.push(...Array.from(values));
}
