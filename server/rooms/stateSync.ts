/**
 * The one adapter from the session core to the synchronised state: what the room shows is always derived
 * from the session, never kept beside it. Seats are synced when marked dirty; aggregates every time.
 */

import type { ArraySchema } from "@colyseus/schema";
import { questionLevels } from "../../shared/engine/classroom.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import { credits, creditUnit } from "../../shared/session/picture.ts";
import { seatPicture } from "../../shared/session/seatViews.ts";
import type { SessionState } from "../../shared/session/session.ts";
import { type ExamState, SeatState, StaffState } from "./examState.ts";

export function initState(state: ExamState, session: SessionState): void {
  state.protocol = PROTOCOL_VERSION;
  state.code = session.code;
  state.exam = session.config.exam;
  state.twinLikePeople = session.config.twinLikePeople;
  state.staff = new StaffState();
}

function syncSeat(state: ExamState, session: SessionState, seat: number, credit: Float64Array | null): void {
  const roster = state.staff.roster;
  const key = String(seat);
  const p = seatPicture(session, seat, credit);
  if (!p) {
    if (roster.has(key)) roster.delete(key);
    return;
  }
  let row = roster.get(key);
  if (!row) {
    row = new SeatState();
    row.seat = seat;
    roster.set(key, row);
  }
  row.nickname = p.nickname;
  row.kind = p.kind;
  row.connected = p.connected;
  row.submitted = p.submitted;
  row.seated = p.seated;
  row.level = p.level;
  row.target = p.target ?? -1;
  if (credit) row.credit = p.credit;
  row.feedback = p.feedback ? JSON.stringify(p.feedback) : "";
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
    state.schemes.push(record.scheme.name);
    state.twinSchemes.push(record.twinScheme.name);
    state.errors.push(record.classError);
    state.twinErrors.push(record.twinError);
    state.theory.push(session.chart.theory[r]);
    state.twinTheory.push(session.chart.twinTheory[r]);
  }
  if (seats === null) {
    // Credits move for every seat when one level moves: they are sent at a round's opening and close only.
    const credit = credits(session.live, session.question);
    for (let i = 0; i < session.capacity; i++) syncSeat(state, session, i, credit);
    syncAnswer(state, session);
    state.staff.creditUnit = creditUnit(session.live.exam);
  } else for (const i of seats) syncSeat(state, session, i, null);
}

function syncAnswer(state: ExamState, session: SessionState): void {
  const exam = session.live.exam;
  const answer = new Float64Array(exam.outputs);
  exam.evaluate(questionLevels(session.live, session.question), session.question, null, answer, "true");
  replaceNumbers(state.staff.answer, answer);
  replaceNumbers(state.staff.key, exam.key(session.question));
}

function replaceNumbers(target: ArraySchema<number>, values: ArrayLike<number>): void {
  // Only at a round's opening and close: rewriting the array whole is simpler than patching it in place.
  target.clear();
  target.push(...Array.from(values));
}
