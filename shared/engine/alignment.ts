/**
 * Feedback alignment for real (Lillicrap, Cownden, Tweed & Akerman, Nature Communications 2016): the
 * `layered` exam's second-layer weights W learn by the delta rule after every round of a vector scheme
 * (exams/layered.ts), and the `alignment` scheme sends the output errors back to the first layer through a
 * fixed random matrix B instead of Wᵀ. Learning holds while δᵀ W Bᵀ δ > 0, and W comes to satisfy it by
 * itself: students who follow Bᵀδ move along B's rows, and the delta rule then grows W along B.
 *
 * Here: the round hook that makes W learn (`learnFromRound`, once a round has closed), a bot round that
 * calls it, and two angles: the alignment angle between the personal signals the first layer gets through B
 * and the ones the true backward pass would give it at the same levels (what the students feel), and the
 * angle between the matrices W and B themselves (what the weights have learned, whatever the error's
 * direction). Where an exam has no feedback path (`independent`: every student is an output), both paths
 * are the same and so are the schemes. The angles are measurements for figures, never part of a round.
 */
import { actBots, learnBots } from "./bots.ts";
import { type ClassState, closeRound, openRound, questionLevels, type RoundResult } from "./classroom.ts";
import type { Exam } from "./exam.ts";
import { isLayered, learnAfterRound } from "./exams/layered.ts";
import { type BotClass, type BotClassSpec, createBotClass } from "./simulate.ts";

export {
  carryWeights,
  isLayered,
  type LayeredExam,
  type LayeredWeights,
  learnAfterRound,
  WEIGHT_RATE,
} from "./exams/layered.ts";

/** W's learning after a closed round (see `learnAfterRound`); a no-op once the round API does it itself. */
export function learnFromRound(cls: ClassState, result: RoundResult): void {
  learnAfterRound(
    cls.exam,
    cls.scheme.kind,
    questionLevels(cls, result.question),
    result.question,
    result.round,
  );
}

/** One bot round with the exam's own learning: open, the bots act, close, W learns, the bots learn. */
export function playLearningRound(bc: BotClass): RoundResult {
  openRound(bc.cls);
  actBots(bc.squad, bc.cls);
  const result = closeRound(bc.cls);
  learnFromRound(bc.cls, result);
  learnBots(bc.squad, bc.cls, result);
  return result;
}

const degrees = (dot: number, aa: number, bb: number): number =>
  aa > 0 && bb > 0
    ? (Math.acos(Math.max(-1, Math.min(1, dot / Math.sqrt(aa * bb)))) * 180) / Math.PI
    : Number.NaN;

/**
 * The alignment angle in degrees between the first layer's signals through B and through Wᵀ at these
 * levels (90: no better than chance; 0: the random path sends the true signals). Only the first layer
 * counts: the second layer's signals are the same on both paths and would flatter the figure. NaN where
 * there is no hidden path (not `layered`) or no error to send.
 */
export function alignmentAngle(
  exam: Exam,
  levels: Float64Array,
  question: number,
  active: Uint8Array | null = null,
): number {
  if (!isLayered(exam)) return Number.NaN;
  const m = exam.students;
  const viaTrue = new Float64Array(m);
  const viaRandom = new Float64Array(m);
  exam.evaluate(levels, question, viaTrue, null, "true");
  exam.evaluate(levels, question, viaRandom, null, "random");
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let j = 0; j < exam.firstLayer; j++) {
    if (active && !active[j]) continue;
    dot += viaTrue[j] * viaRandom[j];
    aa += viaTrue[j] * viaTrue[j];
    bb += viaRandom[j] * viaRandom[j];
  }
  return degrees(dot, aa, bb);
}

/** The angle in degrees between W and B as matrices (Frobenius): 90 for the drawn weights, less as W learns B. */
export function weightAngle(exam: Exam): number {
  if (!isLayered(exam)) return Number.NaN;
  const w = exam.weights.values;
  const b = exam.feedback;
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < w.length; i++) {
    dot += w[i] * b[i];
    aa += w[i] * w[i];
    bb += b[i] * b[i];
  }
  return degrees(dot, aa, bb);
}

export interface LearningRun {
  /** The class error of every round. */
  readonly errors: Float64Array;
  /** The alignment angle of the signals each round sent (NaN: none to measure). */
  readonly angles: Float64Array;
  /** The angle between W and B when each round was scored. */
  readonly weightAngles: Float64Array;
}

/**
 * A bot class played with the exam's own learning; each round's angles are taken before W learns from it.
 * `movers` "second": only the second layer's students are bots, the first layer stays at ½ (a control).
 */
export function runLearningClass(
  spec: BotClassSpec,
  rounds: number,
  movers: "all" | "second" = "all",
): LearningRun {
  const bc = createBotClass(spec);
  const { cls, squad } = bc;
  if (movers === "second" && isLayered(cls.exam)) {
    const first = cls.exam.firstLayer;
    squad.bots = Int32Array.from({ length: cls.exam.students - first }, (_, k) => first + k);
  }
  const errors = new Float64Array(rounds);
  const angles = new Float64Array(rounds);
  const weightAngles = new Float64Array(rounds);
  for (let r = 0; r < rounds; r++) {
    const open = openRound(cls);
    actBots(squad, cls);
    // The levels do not change when the round closes: these are the levels it scores.
    angles[r] = alignmentAngle(cls.exam, questionLevels(cls, open.question), open.question, cls.active);
    weightAngles[r] = weightAngle(cls.exam);
    const result = closeRound(cls);
    errors[r] = result.classError;
    learnFromRound(cls, result);
    learnBots(squad, cls, result);
  }
  return { errors, angles, weightAngles };
}
