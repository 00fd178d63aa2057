/**
 * The round API: a class of M students playing an exam under a feedback scheme, one round at a time.
 *
 *   openRound → submitLevel (humans) / actBots (bots) → closeRound → RoundResult with every student's feedback
 *
 * The class state holds everything a round depends on (levels, the scheme's random stream, the last error of
 * each question), so the server, the browser demo and a replay get the same results from the same calls.
 */
import { classScore, type Exam, type ExamSpec } from "./exam.ts";
import { createExam } from "./exams/index.ts";
import { carryWeights, learnAfterRound } from "./exams/layered.ts";
import { createRng, deriveSeed, type RngState } from "./random.ts";
import {
  createScheme,
  type FeedbackInput,
  type Scheme,
  type SchemeConfig,
  teamFeedback,
  vectorFeedback,
} from "./schemes.ts";
import { checkScoreNoise, HEARING_STREAM, hearError } from "./scoreNoise.ts";

export interface ClassConfig {
  readonly exam: ExamSpec;
  readonly scheme: SchemeConfig;
  /** Seats in play at the start (all when omitted); see `setSeatActive`. */
  readonly active?: Uint8Array;
  /**
   * Standard deviation of Gaussian noise on the class error the class HEARS (class-error units; 0 or absent:
   * the class hears the truth). The score, the "Good job" and every table's scalar are heard through it and
   * learners read what they hear, while the class error itself (charts, criterion) stays exact. The noise has
   * its own random stream, so a class without it plays exactly as before. See scoreNoise.ts.
   */
  readonly scoreNoise?: number;
}

export interface OpenRound {
  readonly round: number;
  readonly question: number;
}

export interface RoundResult {
  /** Rounds are numbered from 1. */
  readonly round: number;
  readonly question: number;
  readonly scheme: SchemeConfig;
  readonly classError: number;
  readonly score: number;
  /** The class error of the previous round on this question (NaN on its first round). */
  readonly previousError: number;
  /** Per-student signal in level units for vector schemes (NaN: received nothing). Reused by the next close. */
  readonly signal: Float64Array | null;
  /** Per-table scalar for `teams`, as each table hears it (with the score noise). Reused by the next close. */
  readonly teamError: Float64Array | null;
  /** The class error as the class hears it: `classError` plus the score noise (the same number without it). */
  readonly heardError: number;
  /** The class score as the class hears it, from `heardError`. */
  readonly heardScore: number;
  /** The heard class error of the previous round on this question (NaN on its first round). */
  readonly previousHeardError: number;
}

export interface ClassState {
  readonly config: ClassConfig;
  /** Rebuilt when the active seats change. */
  exam: Exam;
  scheme: Scheme;
  /** 1 for a seat in play. Inactive seats sit at the start level and cannot submit. */
  readonly active: Uint8Array;
  /** Standing levels, question-major: question q's slice is [q·M, (q+1)·M). */
  readonly levels: Float64Array;
  roundsClosed: number;
  open: OpenRound | null;
  readonly lastError: Float64Array;
  /** The heard class error of the last round of each question (equal to `lastError` without score noise). */
  readonly lastHeard: Float64Array;
  readonly rng: RngState;
  /** The score noise's own stream: drawn from only when the noise is on. */
  readonly hearing: RngState;
  readonly before: Float64Array;
  readonly credit: Float64Array;
  readonly signal: Float64Array;
  teamError: Float64Array;
  readonly scratch: Float64Array;
}

export function createClass(config: ClassConfig): ClassState {
  const active = config.active
    ? Uint8Array.from(config.active)
    : new Uint8Array(config.exam.students).fill(1);
  const exam = createExam(config.exam, active);
  const m = exam.students;
  const scheme = createScheme(config.scheme, exam);
  checkScoreNoise(config.scoreNoise);
  return {
    config,
    exam,
    scheme,
    active,
    levels: new Float64Array(m * exam.questions).fill(exam.startLevel),
    roundsClosed: 0,
    open: null,
    lastError: new Float64Array(exam.questions).fill(Number.NaN),
    lastHeard: new Float64Array(exam.questions).fill(Number.NaN),
    rng: createRng(deriveSeed(config.exam.seed, "class:scheme")),
    hearing: createRng(deriveSeed(config.exam.seed, HEARING_STREAM)),
    before: new Float64Array(m),
    credit: new Float64Array(m),
    signal: new Float64Array(m),
    teamError: new Float64Array(scheme.teams),
    scratch: new Float64Array(m),
  };
}

/** A question's slice of the standing levels (a view, not a copy). */
export function questionLevels(cls: ClassState, question: number): Float64Array {
  const m = cls.exam.students;
  return cls.levels.subarray(question * m, question * m + m);
}

export type ClassError =
  | "round-open"
  | "no-open-round"
  | "unknown-student"
  | "inactive-seat"
  | "not-a-number"
  | "out-of-range";
export type Outcome = { readonly ok: true } | { readonly ok: false; readonly error: ClassError };
const OK: Outcome = { ok: true };
const fail = (error: ClassError): Outcome => ({ ok: false, error });

/** Opens the next round; by default rounds go through the questions in order. */
export function openRound(cls: ClassState, question = cls.roundsClosed % cls.exam.questions): OpenRound {
  if (cls.open) throw new Error("a round is already open");
  if (!Number.isInteger(question) || question < 0 || question >= cls.exam.questions)
    throw new RangeError(`no question ${question}`);
  if (cls.scheme.kind === "team") cls.before.set(questionLevels(cls, question));
  cls.open = { round: cls.roundsClosed + 1, question };
  return cls.open;
}

/** A student's level for the open round; the latest one before the close stands. */
export function submitLevel(cls: ClassState, student: number, level: number): Outcome {
  if (!cls.open) return fail("no-open-round");
  if (!Number.isInteger(student) || student < 0 || student >= cls.exam.students)
    return fail("unknown-student");
  if (!cls.active[student]) return fail("inactive-seat");
  if (typeof level !== "number" || !Number.isFinite(level)) return fail("not-a-number");
  if (level < 0 || level > 1) return fail("out-of-range");
  cls.levels[cls.open.question * cls.exam.students + student] = level;
  return OK;
}

/** Switches the scheme between rounds. */
export function switchScheme(cls: ClassState, config: SchemeConfig): Outcome {
  if (cls.open) return fail("round-open");
  cls.scheme = createScheme(config, cls.exam);
  if (cls.teamError.length !== cls.scheme.teams) cls.teamError = new Float64Array(cls.scheme.teams);
  return OK;
}

/**
 * Brings seats into play or takes them out, between rounds: `active` has one entry per seat. A seat whose
 * state changes starts over at the start level (a seat out of play must sit there, where it adds nothing),
 * and the exam is rebuilt once for the new set.
 */
export function setActiveSeats(cls: ClassState, active: Uint8Array): Outcome {
  if (cls.open) return fail("round-open");
  const m = cls.exam.students;
  if (active.length !== m) return fail("unknown-student");
  let changed = false;
  for (let seat = 0; seat < m; seat++) {
    const want = active[seat] ? 1 : 0;
    if (cls.active[seat] === want) continue;
    changed = true;
    cls.active[seat] = want;
    for (let q = 0; q < cls.exam.questions; q++) cls.levels[q * m + seat] = cls.exam.startLevel;
  }
  if (changed) {
    // The layered exam's second-layer weights learn: a new set of seats keeps what they have learned.
    cls.exam = carryWeights(cls.exam, createExam(cls.config.exam, cls.active));
    cls.scheme = createScheme(cls.scheme.config, cls.exam);
  }
  return OK;
}

/** One seat in or out of play; see `setActiveSeats`. */
export function setSeatActive(cls: ClassState, seat: number, active: boolean): Outcome {
  if (!Number.isInteger(seat) || seat < 0 || seat >= cls.exam.students) return fail("unknown-student");
  const mask = Uint8Array.from(cls.active);
  mask[seat] = active ? 1 : 0;
  return setActiveSeats(cls, mask);
}

/** Scores the class and forms every student's feedback under the current scheme. */
export function closeRound(cls: ClassState): RoundResult {
  const open = cls.open;
  if (!open) throw new Error("no round is open");
  const { exam, scheme } = cls;
  const levels = questionLevels(cls, open.question);
  const credit = scheme.needsCredit ? cls.credit : null;
  const classError = exam.evaluate(levels, open.question, credit, null, scheme.path);
  const input: FeedbackInput = {
    exam,
    question: open.question,
    levels,
    before: cls.before,
    credit: cls.credit,
    classError,
    rng: cls.rng,
  };
  let signal: Float64Array | null = null;
  let teamError: Float64Array | null = null;
  if (scheme.kind === "vector") {
    signal = cls.signal;
    vectorFeedback(scheme, input, signal);
  } else if (scheme.kind === "team") {
    teamError = cls.teamError;
    teamFeedback(scheme, input, cls.scratch, teamError);
  }
  // Where the exam has weights that learn (layered), they take their step from this round's output error.
  learnAfterRound(exam, scheme.kind, levels, open.question, open.round);
  const previousError = cls.lastError[open.question];
  cls.lastError[open.question] = classError;
  const heardError = hearError(classError, teamError, cls.config.scoreNoise ?? 0, cls.hearing);
  const previousHeardError = cls.lastHeard[open.question];
  cls.lastHeard[open.question] = heardError;
  cls.roundsClosed = open.round;
  cls.open = null;
  return {
    round: open.round,
    question: open.question,
    scheme: scheme.config,
    classError,
    score: classScore(classError),
    previousError,
    signal,
    teamError,
    heardError,
    heardScore: classScore(heardError),
    previousHeardError,
  };
}
