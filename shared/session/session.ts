/**
 * The session core: a fold of the event log over the session state. The exam room applies each event as it
 * happens; a replay applies the stored log and gets every round again, bit for bit. It owns two classes of
 * the shared engine: the live class (humans, bots and stand-ins) and its twin (bots only, the same exam and
 * seats, under the other scheme), played in the same rounds.
 *
 * The state is mutable and owned by its caller (a room's conductor, a replay); nothing here touches the
 * clock, the network or storage. `rules.ts` says whether an event may be logged, `conductor.ts` decides which
 * events an input makes, and `apply` folds each one.
 */
import type { BotSquad } from "../engine/bots.ts";
import { type ClassState, createClass, type RoundResult, submitLevel } from "../engine/classroom.ts";
import type { Scheme } from "../engine/schemes.ts";
import { ENGINE_VERSION } from "../engine/version.ts";
import { nicknameKey } from "../protocol/nickname.ts";
import { botSeats, type RoundRecord, type SchemeConfig, type SessionConfig } from "../protocol/session.ts";
import { ChartBuilder } from "./chart.ts";
import type { CloseReason, EndReason, PauseReason, SessionEvent } from "./events.ts";
import { closeOpenRound, openNext, squadFor, twinNoise, twinSchemeOf } from "./sessionRounds.ts";

export { twinSchemeOf } from "./sessionRounds.ts";

export type SeatKind = "empty" | "human" | "bot";
export type Phase = "lobby" | "open" | "review" | "paused" | "ended";

export interface Seat {
  kind: SeatKind;
  nickname: string;
  clientKey: string;
  connected: boolean;
  /** Done for the open round. */
  submitted: boolean;
  /** In play in the engine (from the first round opened after the join). */
  seated: boolean;
  /** A bot plays this student's seat while the student is away. */
  standIn: boolean;
  /** When an away student's seat is given up (server ms), 0 while connected or kept without limit. */
  graceUntil: number;
}

/** A closed round with copies of its per-student feedback (the engine reuses its buffers). */
export interface ClosedRound {
  readonly result: RoundResult;
  readonly scheme: Scheme;
}

export interface SessionState {
  readonly config: SessionConfig;
  readonly seed: number;
  readonly code: string;
  readonly engineVersion: string;
  readonly humanSeats: number;
  readonly capacity: number;
  phase: Phase;
  /** Why the session ended, once it has. */
  endReason: EndReason | null;
  pausedIn: "open" | "review" | null;
  /** Who paused: the teacher, or a restart of the server that found the class in play. */
  pausedBy: PauseReason | null;
  remainingMs: number;
  round: number;
  question: number;
  closesAt: number;
  roundSeconds: number;
  locked: boolean;
  standIns: boolean;
  /** Every student may see its own key, and the wall the whole picture (the teacher's reveal, or the end). */
  revealed: boolean;
  /** The next round opens by itself `reviewSeconds` after a close; otherwise the teacher moves the class on. */
  autoAdvance: boolean;
  reviewSeconds: number;
  /** When the next round opens by itself (server ms), 0 while the class waits for the teacher. */
  nextRoundAt: number;
  bots: number;
  pendingScheme: SchemeConfig | null;
  readonly seats: Seat[];
  /** Browser keys and nickname keys of banned students: a ban holds against either. */
  readonly banned: Set<string>;
  readonly bannedNames: Set<string>;
  /** Seats whose student is away with a grace deadline: what `nextDeadline` looks through. */
  readonly away: Set<number>;
  readonly live: ClassState;
  liveSquad: BotSquad;
  readonly twin: ClassState;
  twinSquad: BotSquad;
  readonly results: RoundRecord[];
  /** Class errors and theory lines per round, for the projector's chart. */
  readonly chart: ChartBuilder;
  lastClosed: ClosedRound | null;
  startError: number;
}

function emptySeat(): Seat {
  return {
    kind: "empty",
    nickname: "",
    clientKey: "",
    connected: false,
    submitted: false,
    seated: false,
    standIn: false,
    graceUntil: 0,
  };
}

export function createSession(event: Extract<SessionEvent, { type: "created" }>): SessionState {
  const { config, seed } = event;
  const humanSeats = config.maxStudents;
  const capacity = humanSeats + botSeats(config);
  const seats = Array.from({ length: capacity }, emptySeat);
  const exam = {
    kind: config.exam,
    students: capacity,
    questions: config.questions,
    outputs: config.outputs,
    seed,
  };
  const active = new Uint8Array(capacity);
  const live = createClass({ exam, scheme: config.scheme, active });
  const twin = createClass({ exam, scheme: twinSchemeOf(config.scheme), active });
  const state: SessionState = {
    config,
    seed,
    code: event.code,
    engineVersion: event.engineVersion,
    humanSeats,
    capacity,
    phase: "lobby",
    endReason: null,
    pausedIn: null,
    pausedBy: null,
    remainingMs: 0,
    round: 0,
    question: 0,
    closesAt: 0,
    roundSeconds: config.roundSeconds,
    locked: false,
    standIns: config.standIns,
    revealed: false,
    autoAdvance: config.autoAdvance,
    reviewSeconds: config.reviewSeconds,
    nextRoundAt: 0,
    bots: 0,
    pendingScheme: null,
    seats,
    banned: new Set(),
    bannedNames: new Set(),
    away: new Set(),
    live,
    liveSquad: squadFor(live, new Int32Array(0), seed, "live", null),
    twin,
    twinSquad: squadFor(twin, new Int32Array(0), seed, "twin", twinNoise(config)),
    results: [],
    chart: new ChartBuilder(),
    lastClosed: null,
    startError: Number.NaN,
  };
  setBotCount(state, config.bots);
  return state;
}

function setBotCount(state: SessionState, count: number): void {
  state.bots = count;
  for (let k = 0; k < state.capacity - state.humanSeats; k++) {
    const seat = state.seats[state.humanSeats + k];
    seat.kind = k < count ? "bot" : "empty";
    seat.nickname = k < count ? `bot ${k + 1}` : "";
    seat.connected = k < count;
  }
}

/** Folds one event into the state. For `closed`, `verify` compares the stored result with the one recomputed. */
export function apply(state: SessionState, event: SessionEvent, verify = false): void {
  switch (event.type) {
    case "created":
      throw new Error("a session is created once, by createSession");
    case "joined": {
      const seat = state.seats[event.seat];
      Object.assign(seat, emptySeat(), {
        kind: "human",
        nickname: event.nickname,
        clientKey: event.clientKey,
        connected: true,
      });
      state.away.delete(event.seat);
      return;
    }
    case "left": {
      const seat = state.seats[event.seat];
      if (event.reason === "banned") {
        state.banned.add(seat.clientKey);
        state.bannedNames.add(nicknameKey(seat.nickname));
      }
      state.away.delete(event.seat);
      // The seat stays in play until the next round opens; its level stands for the round in progress.
      Object.assign(seat, {
        kind: "empty",
        nickname: "",
        clientKey: "",
        connected: false,
        submitted: false,
        standIn: false,
        graceUntil: 0,
      });
      return;
    }
    case "connection": {
      const seat = state.seats[event.seat];
      seat.connected = event.connected;
      seat.graceUntil = event.connected ? 0 : (event.graceUntil ?? 0);
      if (seat.graceUntil > 0) state.away.add(event.seat);
      else state.away.delete(event.seat);
      return;
    }
    case "started":
      state.phase = "review";
      return;
    case "opened":
      openNext(state, event.round, event.closesAt);
      return;
    case "submitted": {
      const outcome = submitLevel(state.live, event.seat, event.level);
      if (!outcome.ok) throw new Error(`a logged submission was refused: ${outcome.error}`);
      if (event.final) state.seats[event.seat].submitted = true;
      return;
    }
    case "closed": {
      const record = closeOpenRound(state, event.reason);
      state.nextRoundAt = event.nextRoundAt ?? 0;
      if (verify && record.checksum !== event.record.checksum)
        throw new ReplayMismatch(event.round, event.record, record);
      return;
    }
    case "paused":
      state.pausedIn = state.phase === "open" ? "open" : "review";
      state.phase = "paused";
      state.pausedBy = event.reason ?? "teacher";
      state.remainingMs = event.remainingMs;
      state.nextRoundAt = 0;
      return;
    case "resumed":
      state.phase = state.pausedIn ?? "review";
      state.pausedIn = null;
      state.pausedBy = null;
      state.closesAt = event.closesAt;
      state.nextRoundAt = event.nextRoundAt ?? 0;
      return;
    case "ended":
      state.phase = "ended";
      state.endReason = event.reason;
      state.pausedIn = null;
      state.pausedBy = null;
      state.revealed = true;
      state.nextRoundAt = 0;
      // An ended session gives up no seat: its students may come back to read their keys.
      for (const i of state.away) state.seats[i].graceUntil = 0;
      state.away.clear();
      return;
    case "revealed":
      state.revealed = true;
      return;
    case "autoAdvance":
      state.autoAdvance = event.enabled;
      state.reviewSeconds = event.seconds;
      if (event.nextRoundAt !== undefined) state.nextRoundAt = event.nextRoundAt;
      return;
    case "scheme":
      state.pendingScheme = event.scheme;
      return;
    case "roundTime":
      state.roundSeconds = event.seconds;
      return;
    case "bots":
      setBotCount(state, event.count);
      return;
    case "locked":
      state.locked = event.locked;
      return;
    case "standIns":
      state.standIns = event.enabled;
      return;
  }
}

export class ReplayMismatch extends Error {
  readonly round: number;
  readonly stored: RoundRecord;
  readonly replayed: RoundRecord;
  constructor(round: number, stored: RoundRecord, replayed: RoundRecord) {
    super(`round ${round} replays to checksum ${replayed.checksum}, the log says ${stored.checksum}`);
    this.round = round;
    this.stored = stored;
    this.replayed = replayed;
  }
}

/**
 * The `closed` event for the open round, applied: the conductor logs what this returns. `nextRoundAt` is
 * when the review ends by itself (0: the class waits for the teacher).
 */
export function closeNow(
  state: SessionState,
  reason: CloseReason,
  nextRoundAt = 0,
): Extract<SessionEvent, { type: "closed" }> {
  const record = closeOpenRound(state, reason);
  state.nextRoundAt = nextRoundAt;
  return { type: "closed", round: record.round, reason, record, nextRoundAt };
}

export const createdEvent = (config: SessionConfig, seed: number, code: string): SessionEvent => ({
  type: "created",
  config,
  seed,
  code,
  engineVersion: ENGINE_VERSION,
});
