/**
 * The exam: the answer key and how the class's answer is formed from the students' levels.
 *
 * Each exam owns its structure (hidden targets, decoder, weights), drawn once from its seed, and offers one
 * operation, `evaluate`: a forward pass to the class error E (mean squared error of the class answer
 * against the key) and, when asked, the backward pass to every student's credit g_i = ∂E/∂x_i, written
 * for the exam's structure. Levels arrive as one question's slice of length M; nothing is allocated per call.
 *
 * Seats: M is the class's capacity. A seat nobody holds (a student not yet joined, or gone) is inactive: it
 * sits at ½, where it adds nothing to any answer, and the key and the scales are those of the active seats
 * alone, so the class can always reach its key. The structure (targets, decoder, weights) is drawn for all
 * M seats from the seed whatever the active set, so a seat keeps its role when the set changes.
 */

export const EXAM_KINDS = ["independent", "readout", "layered", "unreachable", "grating"] as const;
export type ExamKind = (typeof EXAM_KINDS)[number];
/**
 * The exams a class plays (the dashboard, the browser demo, the API). `unreachable` is a researcher's exam
 * for the command line: its key lies past the slider's ends, which the pages do not draw. `grating` is the
 * mouse experiment: the pages draw the grating and its two populations.
 */
export const CLASSROOM_EXAMS = [
  "independent",
  "readout",
  "layered",
  "grating",
] as const satisfies readonly ExamKind[];
export type ClassroomExam = (typeof CLASSROOM_EXAMS)[number];

/** Which way errors travel back to the students: the true transposed weights, or a fixed random matrix. */
export type FeedbackPath = "true" | "random";

export interface ExamSpec {
  readonly kind: ExamKind;
  /** M, the number of students (humans and bots). */
  readonly students: number;
  /** How many questions the exam has; each round asks one. */
  readonly questions: number;
  /** Q: outputs of the `readout` decoder, or students in the second layer of `layered`. Ignored by `independent`. */
  readonly outputs?: number;
  readonly seed: number;
}

export interface Exam {
  readonly spec: ExamSpec;
  readonly kind: ExamKind;
  readonly students: number;
  readonly questions: number;
  /** Length of the class answer. */
  readonly outputs: number;
  /**
   * The largest curvature of E over the levels (Gauss–Newton at the key). Personal signals are −g/λ, so that
   * one step of the whole class along its signals with rate 1 is a full Newton step in the stiffest direction.
   */
  readonly curvature: number;
  /** Where every student starts, and where inactive seats sit: the middle of the slider. */
  readonly startLevel: number;
  /** Number of active seats. */
  readonly activeCount: number;
  /**
   * Class error for one question's levels. Writes ∂E/∂x into `credit` and the class answer into `answer`
   * when they are given; `path` "random" sends the output error back through the exam's fixed random
   * matrix instead of the true one (feedback alignment).
   */
  evaluate(
    levels: Float64Array,
    question: number,
    credit: Float64Array | null,
    answer: Float64Array | null,
    path: FeedbackPath,
  ): number;
  /** The key in answer space for a question. */
  key(question: number): Float64Array;
  /** A student's own hidden target, where the exam gives each student one (`independent`). */
  targetOf(student: number, question: number): number | null;
  /** Levels that answer a question perfectly with the active seats (every key here is reachable). */
  solution(question: number): Float64Array;
}

/** The error of a class that answers at random (two independent uniform levels): the zero of the score. */
export const RANDOM_CLASS_ERROR = 1 / 6;

/** The class score people see: 100 when the answer equals the key, 0 at the error of a random class. */
export function classScore(error: number): number {
  const s = 100 * (1 - Math.sqrt(error / RANDOM_CLASS_ERROR));
  return s < 0 ? 0 : Math.min(s, 100);
}

/** Which seats are active: all of them when no mask is given. */
export function activeSeats(students: number, active: Uint8Array | null | undefined): Uint8Array {
  if (!active) return new Uint8Array(students).fill(1);
  if (active.length !== students) throw new RangeError("the active mask must have one entry per seat");
  return active;
}

/** Hidden perfect levels with inactive seats at ½: the solution the key is made from. */
export function maskedSolutions(solutions: Float64Array, active: Uint8Array): Float64Array {
  const m = active.length;
  const out = new Float64Array(solutions);
  for (let i = 0; i < out.length; i++) if (!active[i % m]) out[i] = 0.5;
  return out;
}

export const countActive = (active: Uint8Array): number => active.reduce((n, a) => n + (a ? 1 : 0), 0);

export function checkSpec(spec: ExamSpec): void {
  if (!Number.isInteger(spec.students) || spec.students < 1)
    throw new RangeError("students must be an integer ≥ 1");
  if (!Number.isInteger(spec.questions) || spec.questions < 1)
    throw new RangeError("questions must be an integer ≥ 1");
  if (spec.outputs !== undefined && (!Number.isInteger(spec.outputs) || spec.outputs < 1))
    throw new RangeError("outputs must be an integer ≥ 1");
}
