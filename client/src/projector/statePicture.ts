/**
 * The room's state as a ClassPicture, the value every class board draws: seats, the answer and key from the
 * part of the state the page holds (the teacher's `staff`, everything; the projector's `wall`, what the wall
 * may show, already cut by the server), the chart's lines and the schemes. Whatever arrives is checked on the way, since bad input
 * from the network must never crash the projector: a feedback or scheme that does not parse becomes null or
 * a stated default, a missing list an empty one, a number that is not one a NaN or the field's default.
 */
import { CLASSROOM_EXAMS, type ClassroomExam } from "../../../shared/engine/exam.ts";
import type { StudentFeedback } from "../../../shared/engine/feedback.ts";
import { SchemeConfig } from "../../../shared/protocol/session.ts";
import type { ClassPicture, SeatLabel, SeatPicture } from "../../../shared/session/picture.ts";
import { parsePopulations } from "../../../shared/session/populations.ts";
import type { Phase } from "../../../shared/session/session.ts";
import type { ListLike, ProjectorState, RosterRow, StaffLike, WallLike } from "./state.ts";

const PHASES: readonly Phase[] = ["lobby", "open", "review", "paused", "ended"];
const KINDS: readonly SeatLabel[] = ["human", "bot", "stand-in"];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const isNumber = (v: unknown): v is number => typeof v === "number";
const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isImproved = (v: unknown): v is boolean | null => v === null || typeof v === "boolean";

/** A whole number ≥ 0, or `fallback`. */
const count = (v: unknown, fallback = 0): number => (isFiniteNumber(v) && v >= 0 ? Math.floor(v) : fallback);

function parseJson(text: unknown): unknown {
  if (typeof text !== "string" || text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** One seat's feedback from its JSON, or null when it is empty or not a feedback the engine makes. */
export function parseFeedback(text: unknown): StudentFeedback | null {
  const f = parseJson(text);
  if (!isRecord(f) || !isFiniteNumber(f.round)) return null;
  const round = f.round;
  switch (f.kind) {
    case "global":
      if (!isImproved(f.improved) || !isNumber(f.score) || !isNumber(f.classError)) return null;
      return { kind: "global", round, improved: f.improved, score: f.score, classError: f.classError };
    case "team":
      if (
        !isImproved(f.improved) ||
        !isFiniteNumber(f.team) ||
        !isNumber(f.teamScore) ||
        !isNumber(f.teamError)
      )
        return null;
      return {
        kind: "team",
        round,
        team: f.team,
        improved: f.improved,
        teamScore: f.teamScore,
        teamError: f.teamError,
      };
    case "vector":
      return isFiniteNumber(f.signal) ? { kind: "vector", round, signal: f.signal } : null;
    case "none":
      return { kind: "none", round };
    default:
      return null;
  }
}

/** A scheme from its JSON; `fallback` when it is empty or not a scheme the protocol knows. */
export function parseScheme(text: unknown, fallback: SchemeConfig): SchemeConfig {
  const parsed = SchemeConfig.safeParse(parseJson(text));
  return parsed.success ? parsed.data : fallback;
}

/** A list's numbers; anything that is not a number reads as NaN (a gap), a missing list as empty. */
export function numbers(list: ListLike<unknown> | undefined | null): number[] {
  if (!list || !isFiniteNumber(list.length)) return [];
  const out: number[] = [];
  for (let i = 0; i < list.length; i++) {
    const v = list.at(i);
    out.push(isNumber(v) ? v : Number.NaN);
  }
  return out;
}

function strings(list: ListLike<unknown> | undefined | null): string[] {
  if (!list || !isFiniteNumber(list.length)) return [];
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const v = list.at(i);
    out.push(typeof v === "string" ? v : "");
  }
  return out;
}

/**
 * Feedback already parsed, by its JSON: after a "Good job" round every seat holds the same text, and a
 * seat's text stays the same through the many patches of a round, so 2,000 seats parse a few times, not
 * 2,000 times a patch. Bounded: it starts again when it grows past a few classes' worth.
 */
const parsed = new Map<string, StudentFeedback | null>();
const PARSED_MAX = 10_000;

function feedbackOf(text: unknown): StudentFeedback | null {
  if (typeof text !== "string" || text === "") return null;
  const known = parsed.get(text);
  if (known !== undefined) return known;
  if (parsed.size >= PARSED_MAX) parsed.clear();
  const f = parseFeedback(text);
  parsed.set(text, f);
  return f;
}

export function seatOf(row: RosterRow): SeatPicture | null {
  if (!isRecord(row) || !isFiniteNumber(row.seat) || row.seat < 0) return null;
  const kind = KINDS.find((k) => k === row.kind) ?? "bot";
  return {
    seat: Math.floor(row.seat),
    kind,
    nickname: typeof row.nickname === "string" ? row.nickname : "",
    connected: row.connected === true,
    submitted: row.submitted === true,
    seated: row.seated === true,
    level: isNumber(row.level) ? row.level : Number.NaN,
    target: isFiniteNumber(row.target) && row.target >= 0 ? row.target : null,
    credit: isNumber(row.credit) ? row.credit : Number.NaN,
    feedback: feedbackOf(row.feedback),
  };
}

/** The scheme the state's own JSON cannot give: what a new session starts with. */
const DEFAULT_SCHEME: SchemeConfig = { name: "global" };
const DEFAULT_TWIN: SchemeConfig = { name: "vectorized" };

/** Which part of the state the picture is read from: the teacher's roster, or the projector's wall. */
export type StatePart = "staff" | "wall";

/** The seats, answer, key and credit unit of the part, in one shape. */
function partOf(state: ProjectorState, from: StatePart): StaffLike {
  if (from === "staff") return state.staff ?? {};
  const wall: WallLike = state.wall ?? {};
  return { roster: wall.seats, answer: wall.answer, key: wall.key, creditUnit: wall.creditUnit };
}

/**
 * The picture of the state's `from` part; a wall's picture is marked `view: "wall"`. The wall's rows still
 * carry names in the lobby (its list of who joined): the field draws `wallPicture` of it, as the replay does.
 */
export function statePicture(state: ProjectorState, from: StatePart = "staff"): ClassPicture {
  const seats: SeatPicture[] = [];
  const part = partOf(state, from);
  const roster = part.roster;
  if (roster && typeof roster.forEach === "function")
    roster.forEach((row) => {
      const seat = seatOf(row);
      if (seat) seats.push(seat);
    });
  seats.sort((a, b) => a.seat - b.seat);
  const unit = part.creditUnit;
  return {
    code: typeof state.code === "string" ? state.code : "",
    exam: CLASSROOM_EXAMS.find((k) => k === state.exam) ?? ("independent" satisfies ClassroomExam),
    phase: PHASES.find((p) => p === state.phase) ?? "lobby",
    revealed: state.revealed === true,
    view: from === "wall" ? "wall" : "full",
    round: count(state.round),
    question: count(state.question),
    scheme: parseScheme(state.scheme, DEFAULT_SCHEME),
    twinScheme: parseScheme(state.twinScheme, DEFAULT_TWIN),
    twinLikePeople: state.twinLikePeople !== false,
    seats,
    answer: numbers(part.answer),
    key: numbers(part.key),
    populations: parsePopulations(state.populations),
    creditUnit: isFiniteNumber(unit) && unit > 0 ? unit : 1,
    chart: {
      errors: numbers(state.errors),
      twinErrors: numbers(state.twinErrors),
      theory: numbers(state.theory),
      twinTheory: numbers(state.twinTheory),
      schemes: strings(state.schemes),
      twinSchemes: strings(state.twinSchemes),
    },
  };
}
