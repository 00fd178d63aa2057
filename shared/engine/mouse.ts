/**
 * The mouse experiment around the `grating` exam: blocking the dendritic signals and what a page draws.
 *
 * Blocking is a scheme: `vectorized` with some students receiving nothing (their feedback is "none"), as in
 * the paper's blocking of the dendritic signals. Everyone's block is the plain `blocked` scheme at share 1;
 * one population's block is `blocked` with that `population`, so a session's log (which records scheme
 * configs) replays exactly whose signals were blocked.
 *
 * `gratingFrame` is the pure function of a class a page calls each round: each seat's population, the
 * angle and the target angle, and who is blocked.
 */
import type { ClassError, ClassState, Outcome } from "./classroom.ts";
import { classScore, type Exam } from "./exam.ts";
import { angleOf, gratingRoles, type Population } from "./exams/grating.ts";
import { createScheme, populationMask, type Scheme, type SchemeConfig } from "./schemes.ts";

/** Whose dendritic signals are blocked: nobody's, everyone's, or one population's. */
export const BLOCKINGS = ["none", "everyone", "push", "pull"] as const;
export type Blocking = (typeof BLOCKINGS)[number];

function requireGrating(exam: Exam): Int8Array {
  if (exam.kind !== "grating") throw new RangeError("populations exist only on the grating exam");
  return gratingRoles(exam.students, exam.spec.seed);
}

/** The scheme config that blocks `blocking`'s signals (vectorized when nobody's): what a log records. */
export function blockingConfig(exam: Exam, blocking: Blocking): SchemeConfig {
  if (blocking === "none") return { name: "vectorized" };
  if (blocking === "everyone") return { name: "blocked", blockedFraction: 1 };
  const mask = populationMask(exam, blocking);
  const share = mask.reduce((n, b) => n + b, 0) / mask.length;
  return { name: "blocked", blockedFraction: share, population: blocking };
}

/** The scheme that blocks `blocking`'s signals. */
export const blockingScheme = (exam: Exam, blocking: Blocking): Scheme =>
  createScheme(blockingConfig(exam, blocking), exam);

/** Blocks (or unblocks) signals between rounds, as the teacher's button will. */
export function setBlocking(cls: ClassState, blocking: Blocking): Outcome {
  if (cls.open) return { ok: false, error: "round-open" satisfies ClassError };
  cls.scheme = blockingScheme(cls.exam, blocking);
  if (cls.teamError.length !== cls.scheme.teams) cls.teamError = new Float64Array(cls.scheme.teams);
  return { ok: true };
}

/** Everything the projector draws of the mouse experiment for one question. */
export interface GratingFrame {
  /** Per seat: +1 push, −1 pull (draw the two populations; never a name beside a seat). */
  readonly roles: Int8Array;
  /** Per seat: 1 when it is in play. */
  readonly active: Uint8Array;
  /** Per seat: 1 when its signal is blocked under the current scheme. */
  readonly blocked: Uint8Array;
  /** The grating's angle now and the target's, in degrees (0° to 180°; the class starts at 90°). */
  readonly angle: number;
  readonly target: number;
  /** The class error and its 0–100 score. */
  readonly error: number;
  readonly score: number;
}

export function gratingFrame(cls: ClassState, question = cls.open?.question ?? 0): GratingFrame {
  const { exam } = cls;
  const roles = requireGrating(exam);
  const m = exam.students;
  const answer = new Float64Array(1);
  const error = exam.evaluate(
    cls.levels.subarray(question * m, question * m + m),
    question,
    null,
    answer,
    "true",
  );
  return {
    roles,
    active: Uint8Array.from(cls.active),
    blocked: cls.scheme.blocked ? Uint8Array.from(cls.scheme.blocked) : new Uint8Array(m),
    angle: angleOf(answer[0]),
    target: angleOf(exam.key(question)[0]),
    error,
    score: classScore(error),
  };
}

/** The mean signal of one population's members who received one (NaN when none did). */
export function populationSignal(roles: Int8Array, signal: Float64Array, population: Population): number {
  const want = population === "push" ? 1 : -1;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < roles.length; i++)
    if (roles[i] === want && !Number.isNaN(signal[i])) {
      sum += signal[i];
      n++;
    }
  return n > 0 ? sum / n : Number.NaN;
}
