/**
 * Students with human habits, for the tests and figures that play a class over real WebSockets: each is a
 * pure policy from what its own page shows (its level, its last feedback) to the level it submits next,
 * with a seeded random stream so a run can be repeated. The habits are the engine's human-like noise (a hand
 * that misses by about 0.02, a slider that rounds to 0.01, a round skipped now and then), on top of:
 *
 * - `jumper`: moves the slider anywhere, every round (the student who plays with it);
 * - `follower`: under personal signals, goes where its signal says ("raise by about 0.12"); under a
 *   scalar, tries a small move and keeps going while the class hears "Good job", turns back on "Not quite";
 * - `still`: never touches the slider.
 */
import { HUMAN_LIKE } from "../../shared/engine/bots.ts";
import type { StudentFeedback } from "../../shared/engine/feedback.ts";
import { createRng, nextFloat, nextNormal, type RngState } from "../../shared/engine/random.ts";

export type Habit = "jumper" | "follower" | "still";

export interface Person {
  readonly habit: Habit;
  /** The level it will submit in the round that opens next, from its level now and what it last heard. */
  next(level: number, feedback: StudentFeedback | null): number;
}

const clamp01 = (v: number): number => (v < 0 ? 0 : Math.min(v, 1));

/** A person's hand on a slider: misses by its imprecision, lands on the slider's step. */
function hand(rng: RngState, meant: number): number {
  const v = meant + HUMAN_LIKE.imprecision * nextNormal(rng);
  return clamp01(Math.round(v / HUMAN_LIKE.sliderStep) * HUMAN_LIKE.sliderStep);
}

export function person(habit: Habit, seed: number): Person {
  const rng = createRng(seed);
  let step = 0.05;
  let tried = 0;
  return {
    habit,
    next(level, feedback) {
      if (habit === "still") return level;
      if (habit === "jumper") return Math.round(nextFloat(rng) * 100) / 100;
      if (nextFloat(rng) < HUMAN_LIKE.skipRate) return level;
      if (feedback?.kind === "vector") return hand(rng, level + feedback.signal);
      if (feedback?.kind === "none") return level;
      // A scalar: keep the direction that was praised, undo and turn back after "Not quite".
      const improved = feedback ? feedback.improved : null;
      if (improved === false) {
        const back = level - tried;
        step = -Math.sign(tried || 1) * Math.abs(step);
        tried = 0;
        return hand(rng, back);
      }
      if (improved === null) step = nextFloat(rng) < 0.5 ? -0.05 : 0.05;
      tried = step;
      return hand(rng, level + step);
    },
  };
}
