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
import {
  actBots,
  type BotSquad,
  createSquad,
  HUMAN_LIKE,
  type HumanNoise,
  learnBots,
} from "../engine/bots.ts";
import { checksum } from "../engine/checksum.ts";
import {
  type ClassState,
  closeRound,
  createClass,
  openRound,
  questionLevels,
  type RoundResult,
  setActiveSeats,
  submitLevel,
  switchScheme,
} from "../engine/classroom.ts";
import type { LearnerSpec } from "../engine/learners.ts";
import { deriveSeed } from "../engine/random.ts";
import type { Scheme } from "../engine/schemes.ts";
import { ENGINE_VERSION } from "../engine/version.ts";
import { nicknameKey } from "../protocol/nickname.ts";
import { botSeats, type RoundRecord, type SchemeConfig, type SessionConfig } from "../protocol/session.ts";
import { ChartBuilder } from "./chart.ts";
import type { CloseReason, EndReason, PauseReason, SessionEvent } from "./events.ts";
import { liveLearner } from "./rates.ts";

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

/** The twin plays the other end of the dial: vectorized beside a global class, global beside anything else. */
export const twinSchemeOf = (scheme: SchemeConfig): SchemeConfig =>
  scheme.name === "global" ? { name: "vectorized" } : { name: "global" };

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

function squadFor(
  cls: ClassState,
  bots: Int32Array,
  seed: number,
  label: string,
  human: HumanNoise | null,
  learner?: LearnerSpec,
): BotSquad {
  return createSquad(cls, {
    bots,
    learner: learner ?? liveLearner(cls.exam, cls.scheme),
    seed: deriveSeed(seed, label),
    human,
  });
}

/** The twin's bots play like people unless the session says otherwise; the live class's bots are exact. */
const twinNoise = (config: SessionConfig): HumanNoise | null => (config.twinLikePeople ? HUMAN_LIKE : null);

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

function botList(state: SessionState, twin: boolean): Int32Array {
  const out: number[] = [];
  state.seats.forEach((seat, i) => {
    if (!seat.seated) return;
    if (twin || seat.kind === "bot" || seat.standIn) out.push(i);
  });
  return Int32Array.from(out);
}

const sameLearner = (a: LearnerSpec, b: LearnerSpec): boolean => a.name === b.name && a.rate === b.rate;

/** Seats, schemes and bots for the round about to open, then the round itself. */
function openNext(state: SessionState, round: number, closesAt: number): void {
  const mask = new Uint8Array(state.capacity);
  state.seats.forEach((seat, i) => {
    seat.seated = seat.kind !== "empty";
    seat.submitted = false;
    seat.standIn = seat.kind === "human" && state.standIns && !seat.connected;
    mask[i] = seat.seated ? 1 : 0;
  });
  setActiveSeats(state.live, mask);
  setActiveSeats(state.twin, mask);
  if (state.pendingScheme) {
    switchScheme(state.live, state.pendingScheme);
    switchScheme(state.twin, twinSchemeOf(state.pendingScheme));
    state.pendingScheme = null;
  }
  // Bots are re-seated every round (joins, leaves, stand-ins); they start afresh only when their rule or rate changes.
  for (const twin of [false, true]) {
    const cls = twin ? state.twin : state.live;
    const learner = liveLearner(cls.exam, cls.scheme);
    const squad = twin ? state.twinSquad : state.liveSquad;
    const bots = botList(state, twin);
    if (sameLearner(squad.learner, learner)) squad.bots = bots;
    else if (twin)
      state.twinSquad = squadFor(cls, bots, state.seed, "twin", twinNoise(state.config), learner);
    else state.liveSquad = squadFor(cls, bots, state.seed, "live", null, learner);
  }
  state.round = round;
  state.question = (round - 1) % state.config.questions;
  state.closesAt = closesAt;
  state.nextRoundAt = 0;
  state.phase = "open";
  openRound(state.live, state.question);
  openRound(state.twin, state.question);
  actBots(state.liveSquad, state.live);
  actBots(state.twinSquad, state.twin);
}

function closeOpenRound(state: SessionState, _reason: CloseReason): RoundRecord {
  const live = closeRound(state.live);
  learnBots(state.liveSquad, state.live, live);
  const twin = closeRound(state.twin);
  learnBots(state.twinSquad, state.twin, twin);
  state.lastClosed = {
    result: {
      ...live,
      signal: live.signal && Float64Array.from(live.signal),
      teamError: live.teamError && Float64Array.from(live.teamError),
    },
    scheme: state.live.scheme,
  };
  let students = 0;
  let bots = 0;
  state.seats.forEach((seat, i) => {
    if (!seat.seated) return;
    // Seats past the students' are bots' even when the teacher took the bot away during the round.
    if (i >= state.humanSeats || seat.standIn) bots++;
    else students++;
  });
  const record: RoundRecord = {
    round: live.round,
    question: live.question,
    scheme: live.scheme,
    classError: live.classError,
    score: live.score,
    twinScheme: twin.scheme,
    twinError: twin.classError,
    twinScore: twin.score,
    students,
    bots,
    checksum: checksum([
      live.classError,
      twin.classError,
      ...questionLevels(state.live, live.question),
      ...questionLevels(state.twin, live.question),
    ]),
  };
  state.results.push(record);
  state.chart.add(record, state.live, state.twin);
  if (Number.isNaN(state.startError)) state.startError = live.classError;
  // Even a close for the end goes through review: the `ended` event that follows ends the session.
  state.phase = "review";
  state.pausedIn = null;
  return record;
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
