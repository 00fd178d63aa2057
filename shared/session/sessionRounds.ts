/**
 * A session's rounds in the engine: seating the class, switching schemes and re-seating the bots when a
 * round opens, closing it for both classes (live and twin) and keeping its record, checksum and chart line.
 * The fold (`session.ts`) calls these for `opened` and `closed`; nothing else touches the engine's classes.
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
  openRound,
  questionLevels,
  setActiveSeats,
  switchScheme,
} from "../engine/classroom.ts";
import type { LearnerSpec } from "../engine/learners.ts";
import { deriveSeed } from "../engine/random.ts";
import type { RoundRecord, SchemeConfig, SessionConfig } from "../protocol/session.ts";
import type { CloseReason } from "./events.ts";
import { liveLearner } from "./rates.ts";
import type { SessionState } from "./session.ts";

/** The twin plays the other end of the dial: vectorized beside a global class, global beside anything else. */
export const twinSchemeOf = (scheme: SchemeConfig): SchemeConfig =>
  scheme.name === "global" ? { name: "vectorized" } : { name: "global" };

export function squadFor(
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
export const twinNoise = (config: SessionConfig): HumanNoise | null =>
  config.twinLikePeople ? HUMAN_LIKE : null;

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
export function openNext(state: SessionState, round: number, closesAt: number): void {
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

export function closeOpenRound(state: SessionState, _reason: CloseReason): RoundRecord {
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
