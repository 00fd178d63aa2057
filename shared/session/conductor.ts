/**
 * The order of play: a pure function of (session state, an input, the time) that returns the events to log
 * and the effects to carry out once they are on disk. The room only turns connections and messages into
 * inputs and effects into sends; everything a teacher, a student or a clock can cause is decided here, and
 * so is tested on plain data.
 *
 * The conductor folds its own events into the state as it goes (later decisions must see earlier ones), so
 * after a step the state is exactly the fold of the log. Deadlines are in the state (a round's close, a
 * review's end, an away seat's grace): `nextDeadline` says when to come back with a `due` input, and a state
 * folded from the log after a restart knows the same.
 */
import type { Rejection, StaffCommand, StudentCommand } from "../protocol/messages.ts";
import type { CloseReason, EndReason, SessionEvent } from "./events.ts";
import { admission, allSubmitted, autoEnd, check, type JoinRefusal } from "./rules.ts";
import { apply, closeNow, type SessionState } from "./session.ts";

export interface ConductorRules {
  /** How long a dropped student's seat is kept for it. */
  readonly graceMs: number;
  /** How long every student has to come back once a restarted server has brought the session back. */
  readonly restoreGraceMs: number;
}

export type Input =
  /** A student's new connection (after its nickname was cleaned): a seat of its own, or its old one back. */
  | { readonly kind: "join"; readonly nickname: string; readonly clientKey: string }
  /** The seat's connection dropped; it may come back within the grace. */
  | { readonly kind: "drop"; readonly seat: number }
  /** The seat's dropped connection came back with its reconnection token. */
  | { readonly kind: "return"; readonly seat: number }
  /** The seat's student left for good: it said so, or Colyseus threw its connection out. */
  | { readonly kind: "leave"; readonly seat: number; readonly reason: "left" | "dropped" }
  /** A message as its type and its validated body: `{ type: "submit", body: { round, level } }`. */
  | { readonly kind: "student"; readonly seat: number; readonly command: StudentCommand }
  | { readonly kind: "staff"; readonly role: "teacher" | "projector"; readonly command: StaffCommand }
  /** A deadline may have come: the room's one timer fired. */
  | { readonly kind: "due" }
  /** The room came back from the log after its server stopped at `stoppedAt` (the last logged event's time). */
  | { readonly kind: "restore"; readonly stoppedAt: number };

export type ReleaseReason = "kicked" | "banned" | "expired" | "elsewhere";

export type Effect =
  /** The joining connection now holds this seat. */
  | { readonly kind: "seat"; readonly seat: number }
  /** The joining connection may not sit. */
  | { readonly kind: "refuse"; readonly refusal: JoinRefusal }
  /** The input's sender is told its message was turned down. */
  | { readonly kind: "reject"; readonly reason: Rejection }
  /** Send the seat's student its own status (`youOf`). */
  | { readonly kind: "you"; readonly seat: number }
  /** Send the seat's student its feedback from the last close (`feedbackOf`). */
  | { readonly kind: "feedback"; readonly seat: number }
  /** No connection of the seat's former holder may go on: close it, and refuse its pending reconnection. */
  | { readonly kind: "release"; readonly seat: number; readonly why: ReleaseReason }
  /** Bring the synchronised state up to date for these seats (null: everything). */
  | { readonly kind: "publish"; readonly seats: readonly number[] | null }
  /** The session is over: mark it ended in the store and keep the final screens a while. */
  | { readonly kind: "ended" };

export interface Step {
  readonly events: readonly SessionEvent[];
  readonly effects: readonly Effect[];
}

/** An open round that comes back after a restart gets at least this long, so students who return can play it. */
export const RESTORED_ROUND_MIN_MS = 15_000;

/** One step's events and effects, folded into the state as they are made. */
class StepBuilder {
  readonly events: SessionEvent[] = [];
  readonly effects: Effect[] = [];
  readonly state: SessionState;
  readonly now: number;
  constructor(state: SessionState, now: number) {
    this.state = state;
    this.now = now;
  }

  /** Checks, folds and keeps an event caused by a person; on refusal tells the sender and returns false. */
  emit(event: SessionEvent): boolean {
    const refusal = check(this.state, event);
    if (refusal) {
      this.reject(refusal);
      return false;
    }
    this.keep(event);
    return true;
  }

  /** Folds an event that needs no check (the conductor's own: closes, restores, deadlines). */
  keep(event: SessionEvent): void {
    apply(this.state, event);
    this.events.push(event);
  }

  effect(effect: Effect): void {
    this.effects.push(effect);
  }

  reject(reason: Rejection): void {
    this.effects.push({ kind: "reject", reason });
  }

  /** An effect for every student seat. */
  eachStudent(kind: "you" | "feedback"): void {
    const { seats } = this.state;
    for (let seat = 0; seat < this.state.humanSeats; seat++)
      if (seats[seat].kind === "human" && (kind === "you" || seats[seat].seated))
        this.effects.push({ kind, seat });
  }

  done(): Step {
    if (this.events.length > 0) this.effects.push({ kind: "publish", seats: publishedSeats(this.events) });
    return { events: this.events, effects: this.effects };
  }
}

/** The seats a step's events touched, or null when one of them touched the whole class. */
function publishedSeats(events: readonly SessionEvent[]): number[] | null {
  const seats = new Set<number>();
  for (const event of events) {
    if (!("seat" in event)) return null;
    seats.add(event.seat);
  }
  return [...seats];
}

export function conduct(state: SessionState, input: Input, now: number, rules: ConductorRules): Step {
  const step = new StepBuilder(state, now);
  switch (input.kind) {
    case "join":
      join(step, input.nickname, input.clientKey);
      break;
    case "drop": {
      const seat = state.seats[input.seat];
      if (state.phase !== "ended" && seat?.kind === "human" && seat.connected)
        step.keep({
          type: "connection",
          seat: input.seat,
          connected: false,
          graceUntil: now + rules.graceMs,
        });
      break;
    }
    case "return":
      comeBack(step, input.seat);
      break;
    case "leave":
      if (state.phase !== "ended" && state.seats[input.seat]?.kind === "human") {
        step.keep({ type: "left", seat: input.seat, reason: input.reason });
        closeIfAllIn(step);
      }
      break;
    case "student":
      student(step, input.seat, input.command);
      break;
    case "staff":
      staff(step, input.role, input.command);
      break;
    case "due":
      due(step);
      break;
    case "restore":
      restore(step, input.stoppedAt, rules);
      break;
  }
  return step.done();
}

/** When the conductor next needs a `due` input (server ms), or null when nothing is pending. */
export function nextDeadline(state: SessionState): number | null {
  let next = Number.POSITIVE_INFINITY;
  if (state.phase === "open") next = state.closesAt;
  else if (state.phase === "review" && state.nextRoundAt > 0) next = state.nextRoundAt;
  if (state.phase !== "ended")
    for (const seat of state.away) next = Math.min(next, state.seats[seat].graceUntil);
  return Number.isFinite(next) ? next : null;
}

function join(step: StepBuilder, nickname: string, clientKey: string): void {
  const { state } = step;
  const place = admission(state, nickname, clientKey);
  if (place.kind === "refused") {
    step.effect({ kind: "refuse", refusal: place.refusal });
    return;
  }
  const { seat } = place;
  if (place.kind === "new") {
    step.keep({ type: "joined", seat, nickname, clientKey });
    step.effect({ kind: "seat", seat });
    step.effect({ kind: "you", seat });
    return;
  }
  // The same browser again: the newest connection holds the seat, and any older one is let go.
  step.effect({ kind: "release", seat, why: "elsewhere" });
  step.effect({ kind: "seat", seat });
  comeBack(step, seat);
}

function comeBack(step: StepBuilder, seat: number): void {
  const { state } = step;
  const s = state.seats[seat];
  if (s?.kind !== "human") return;
  if (state.phase !== "ended" && !s.connected) step.keep({ type: "connection", seat, connected: true });
  step.effect({ kind: "you", seat });
  if (s.seated) step.effect({ kind: "feedback", seat });
}

function student(step: StepBuilder, seat: number, command: StudentCommand): void {
  const { round, level } = command.body;
  if (!(level >= 0 && level <= 1)) {
    step.reject("out-of-range");
    return;
  }
  const final = command.type === "submit";
  if (!step.emit({ type: "submitted", round, seat, level, final })) return;
  step.effect({ kind: "you", seat });
  if (final) closeIfAllIn(step);
}

/**
 * An open round closes early once every connected student in play has submitted: after a submission, a
 * student who left for good, or a resume. Not after a mere drop: a phone that blinks must not lose its round.
 */
function closeIfAllIn(step: StepBuilder): void {
  if (step.state.phase === "open" && allSubmitted(step.state)) close(step, "all-submitted");
}

function staff(step: StepBuilder, role: "teacher" | "projector", command: StaffCommand): void {
  const { state, now } = step;
  switch (command.type) {
    case "start":
      if (step.emit({ type: "started" })) openRound(step);
      return;
    case "pause":
      if (state.phase !== "open" && state.phase !== "review") {
        step.reject("not-now");
        return;
      }
      step.keep({
        type: "paused",
        remainingMs: state.phase === "open" ? Math.max(0, state.closesAt - now) : 0,
        reason: "teacher",
      });
      return;
    case "resume": {
      if (state.phase !== "paused") {
        step.reject("not-now");
        return;
      }
      const wasOpen = state.pausedIn === "open";
      step.keep({
        type: "resumed",
        closesAt: wasOpen ? now + state.remainingMs : 0,
        nextRoundAt: !wasOpen && state.autoAdvance ? now + state.reviewSeconds * 1000 : 0,
      });
      // Everyone submitted during the pause (students coming back after a restart do): nothing to wait for.
      closeIfAllIn(step);
      return;
    }
    case "advance":
      if (state.phase === "open") {
        // A presenter's clicker at the wall moves the class on between rounds, never cuts one short.
        if (role === "projector") step.reject("not-now");
        else close(step, "advance");
      } else if (state.phase === "review") openRound(step);
      else if (state.phase === "lobby") staff(step, role, { type: "start", body: {} });
      else step.reject("not-now");
      return;
    case "end":
      if (state.phase === "ended") {
        step.reject("not-now");
        return;
      }
      // A round still open closes first, so its levels count; the end then follows its review.
      if (state.phase === "open" || state.pausedIn === "open") close(step, "end");
      end(step, "teacher");
      return;
    case "scheme": {
      const { scheme } = command.body;
      if (scheme.name === "blocked" && scheme.population && state.config.exam !== "grating") {
        step.reject("no-populations");
        return;
      }
      step.emit({ type: "scheme", scheme });
      return;
    }
    case "roundTime":
      step.emit({ type: "roundTime", seconds: command.body.seconds });
      return;
    case "bots":
      step.emit({ type: "bots", count: command.body.count });
      return;
    case "lock":
      step.emit({ type: "locked", locked: command.body.locked });
      return;
    case "standIns":
      step.emit({ type: "standIns", enabled: command.body.enabled });
      return;
    case "kick":
    case "ban": {
      const why = command.type === "ban" ? "banned" : "kicked";
      const { seat } = command.body;
      // The seat is let go whether its student is here or away: an away student's reconnection is refused.
      if (!step.emit({ type: "left", seat, reason: why })) return;
      step.effect({ kind: "release", seat, why });
      closeIfAllIn(step);
      return;
    }
    case "reveal":
      if (step.emit({ type: "revealed" })) step.eachStudent("you");
      return;
    case "autoAdvance": {
      const { enabled, seconds } = command.body;
      // A class already on its feedback follows the new setting from now.
      const nextRoundAt = state.phase === "review" ? (enabled ? now + seconds * 1000 : 0) : undefined;
      step.emit({ type: "autoAdvance", enabled, seconds, nextRoundAt });
      return;
    }
  }
}

function due(step: StepBuilder): void {
  const { state, now } = step;
  if (state.phase === "ended") return;
  for (const seat of [...state.away])
    if (state.seats[seat].graceUntil <= now) {
      step.keep({ type: "left", seat, reason: "expired" });
      step.effect({ kind: "release", seat, why: "expired" });
    }
  if (state.phase === "open" && state.closesAt <= now) close(step, "timer");
  else if (state.phase === "review" && state.nextRoundAt > 0 && state.nextRoundAt <= now) openRound(step);
}

/**
 * After a restart nobody is connected yet: every student gets `restoreGraceMs` to come back, and a class
 * that was in play waits, paused, for the teacher. A round picks up with the time it had left when the server
 * stopped (at least RESTORED_ROUND_MIN_MS): students who are slow to return lose nothing, and the teacher
 * sees who is back before going on.
 */
function restore(step: StepBuilder, stoppedAt: number, rules: ConductorRules): void {
  const { state, now } = step;
  if (state.phase === "ended") return;
  const graceUntil = now + rules.restoreGraceMs;
  for (let seat = 0; seat < state.humanSeats; seat++) {
    const s = state.seats[seat];
    if (s.kind === "human" && (s.connected || s.graceUntil < graceUntil))
      step.keep({ type: "connection", seat, connected: false, graceUntil });
  }
  if (state.phase === "open")
    step.keep({
      type: "paused",
      remainingMs: Math.max(RESTORED_ROUND_MIN_MS, state.closesAt - stoppedAt),
      reason: "restart",
    });
  else if (state.phase === "review" && state.nextRoundAt > 0)
    step.keep({ type: "paused", remainingMs: 0, reason: "restart" });
}

function openRound(step: StepBuilder): void {
  const { state, now } = step;
  if (state.phase !== "review") return;
  step.keep({ type: "opened", round: state.round + 1, closesAt: now + state.roundSeconds * 1000 });
  step.eachStudent("you");
}

/** Closes the open round; the session ends here when it has reached its end, else reviews (maybe counting down). */
function close(step: StepBuilder, reason: CloseReason): void {
  const { state, now } = step;
  const closed = closeNow(state, reason);
  const ending = reason === "end" ? null : autoEnd(state);
  const nextRoundAt = !ending && reason !== "end" && state.autoAdvance ? now + state.reviewSeconds * 1000 : 0;
  state.nextRoundAt = nextRoundAt;
  step.events.push({ ...closed, nextRoundAt });
  step.eachStudent("feedback");
  if (ending) end(step, ending);
}

function end(step: StepBuilder, reason: EndReason): void {
  step.keep({ type: "ended", reason });
  // The end reveals every key: each student learns its own.
  step.eachStudent("you");
  step.effect({ kind: "ended" });
}
