/**
 * What may happen now: who may take which seat, which events a person may cause in the current phase, when a
 * round is complete and when the session has reached its end. Questions about the state only; the conductor
 * asks them before it logs anything.
 */
import { CLASS_CRITERION, criterionError } from "../engine/convergence.ts";
import type { Rejection } from "../protocol/messages.ts";
import { nicknameKey } from "../protocol/nickname.ts";
import type { EndReason, SessionEvent } from "./events.ts";
import type { SessionState } from "./session.ts";

/** The lowest free student seat, or −1 when the class is full. */
export function freeSeat(state: SessionState): number {
  for (let i = 0; i < state.humanSeats; i++) if (state.seats[i].kind === "empty") return i;
  return -1;
}

/** The student seat this browser key holds, or −1. */
export function seatOfKey(state: SessionState, clientKey: string): number {
  for (let i = 0; i < state.humanSeats; i++) {
    const seat = state.seats[i];
    if (seat.kind === "human" && seat.clientKey === clientKey) return i;
  }
  return -1;
}

export type JoinRefusal = "ended" | "locked" | "banned" | "name-banned" | "full" | "name-taken";

export type Admission =
  /** A fresh seat, to be logged with the nickname. */
  | { readonly kind: "new"; readonly seat: number }
  /** The seat this browser already holds: a reload, a second tab, or a restart of the server. */
  | { readonly kind: "back"; readonly seat: number }
  | { readonly kind: "refused"; readonly refusal: JoinRefusal };

/**
 * Where a student joining with this nickname and browser key sits. A key that holds a seat takes it back
 * whatever name it types now, even after the end (to read its key); a removed student's key holds no seat.
 */
export function admission(state: SessionState, nickname: string, clientKey: string): Admission {
  const held = seatOfKey(state, clientKey);
  if (held >= 0) return { kind: "back", seat: held };
  const refused = (refusal: JoinRefusal): Admission => ({ kind: "refused", refusal });
  if (state.phase === "ended") return refused("ended");
  if (state.banned.has(clientKey)) return refused("banned");
  const name = nicknameKey(nickname);
  if (state.bannedNames.has(name)) return refused("name-banned");
  if (state.locked) return refused("locked");
  if (state.seats.some((s) => s.kind === "human" && nicknameKey(s.nickname) === name))
    return refused("name-taken");
  const seat = freeSeat(state);
  return seat < 0 ? refused("full") : { kind: "new", seat };
}

/** Whether a student may join now (null: yes, into a new seat or its own). */
export function checkJoin(state: SessionState, nickname: string, clientKey: string): JoinRefusal | null {
  const a = admission(state, nickname, clientKey);
  return a.kind === "refused" ? a.refusal : null;
}

const isOpen = (state: SessionState): boolean => state.phase === "open" || state.pausedIn === "open";

/** Whether an event from a person may be logged now (null: yes). */
export function check(state: SessionState, event: SessionEvent): Rejection | null {
  if (state.phase === "ended") return "not-now";
  switch (event.type) {
    case "submitted": {
      if (!isOpen(state)) return "no-open-round";
      if (event.round !== state.round) return "wrong-round";
      const seat = state.seats[event.seat];
      if (seat?.kind !== "human") return "no-such-seat";
      if (!seat.seated) return "not-seated";
      return null;
    }
    case "started":
      return state.phase === "lobby" ? null : "not-now";
    case "paused":
      return state.phase === "open" || state.phase === "review" ? null : "not-now";
    case "resumed":
      return state.phase === "paused" ? null : "not-now";
    case "left": {
      const seat = state.seats[event.seat];
      return seat && seat.kind === "human" ? null : "no-such-seat";
    }
    case "bots":
      return event.count <= state.capacity - state.humanSeats ? null : "not-now";
    case "revealed":
      return state.phase === "lobby" || state.revealed ? "not-now" : null;
    default:
      return null;
  }
}

/** Whether every connected student in play has submitted (and there is at least one). */
export function allSubmitted(state: SessionState): boolean {
  let waiting = 0;
  let students = 0;
  for (const seat of state.seats) {
    if (seat.kind !== "human" || !seat.seated || !seat.connected) continue;
    students++;
    if (!seat.submitted) waiting++;
  }
  return students > 0 && waiting === 0;
}

/** Why the session should end after the round just closed, if it should. */
export function autoEnd(state: SessionState): EndReason | null {
  const last = state.results[state.results.length - 1];
  if (!last) return null;
  if (last.round >= state.config.maxRounds) return "round-limit";
  if (
    state.config.endAtCriterion &&
    state.results.length > 1 &&
    last.classError <= criterionError(state.startError, CLASS_CRITERION)
  )
    return "criterion";
  return null;
}
