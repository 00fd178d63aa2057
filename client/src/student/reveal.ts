/**
 * The reveal in words: once the teacher shows the keys (or the session ends), each student learns its own key
 * and how close it came. On exams where the class answers together no one holds a key of its own, so the
 * page says what the class achieved instead. On the mouse experiment (`grating`) the student may then learn
 * its population, push or pull: the sign of its signal, which is why nothing says it before the reveal.
 * Pure: the page and the unit tests call the same function.
 */
import type { Population } from "../../../shared/engine/exams/grating.ts";

export interface RevealInput {
  /** The keys are out (the public state's `revealed`). */
  readonly revealed: boolean;
  /** The session is over: "was" and "ended at" instead of "is" and "are at". */
  readonly ended: boolean;
  /** The student's own key, or null (not arrived yet, or an exam with no own key). */
  readonly key: number | null;
  readonly level: number;
  readonly exam: string;
  /** The class score after the last closed round, or null before the first. */
  readonly classScore: number | null;
  /** On the grating, the student's own population once revealed; null before, elsewhere, or not sent. */
  readonly population: Population | null;
}

export interface RevealWords {
  readonly headline: string;
  readonly detail: string;
}

/** Hundredths, as the slider shows them: the distance is the one a student reads off the two numbers. */
const hundredths = (n: number): number => Math.round(n * 100);
const two = (h: number): string => (h / 100).toFixed(2);

/** What the class achieved, for exams with no own key. */
function classWords(ended: boolean, classScore: number | null): string {
  if (classScore === null) return "The class played no rounds.";
  const score = Math.round(classScore);
  return ended
    ? `The class ended with a score of ${score} of 100.`
    : `The class score is ${score} of 100 so far.`;
}

/** The reveal's two lines, or null while there is nothing to reveal (blind play, or the key still on its way). */
export function revealWords(r: RevealInput): RevealWords | null {
  if (!r.revealed) return null;
  if (r.key !== null) {
    const key = hundredths(r.key);
    const level = hundredths(r.level);
    const away = Math.abs(level - key);
    const at = `${r.ended ? "You ended at" : "You are at"} ${two(level)}`;
    return {
      headline: `Your key ${r.ended ? "was" : "is"} ${two(key)}.`,
      detail: away === 0 ? `${at}: right on it.` : `${at}: ${two(away)} away.`,
    };
  }
  // The independent exam gives everyone a key: null there means the "you" message has not come yet.
  if (r.exam === "independent" || r.exam === "") return null;
  if (r.exam === "grating") return gratingWords(r);
  return {
    headline: "On this exam the class answers together: no one holds a key of their own.",
    detail: classWords(r.ended, r.classScore),
  };
}

/** Which way each population turns the grating, in the tense of the reveal. */
const TURNS: Record<Population, { readonly was: string; readonly is: string }> = {
  push: { was: "turned the grating up", is: "turns the grating up" },
  pull: { was: "turned the grating down", is: "turns the grating down" },
};

/** The grating's reveal: the student's population when it has come, else how the two populations share the work. */
function gratingWords(r: RevealInput): RevealWords {
  const detail = classWords(r.ended, r.classScore);
  if (r.population === null)
    return {
      headline:
        "On this exam one population of neurons turns the grating up and the other turns it down: no one holds a key of their own.",
      detail,
    };
  const turn = TURNS[r.population];
  return {
    headline: r.ended
      ? `Your neuron was in the ${r.population} population: your activity ${turn.was}.`
      : `Your neuron is in the ${r.population} population: your activity ${turn.is}.`,
    detail,
  };
}
