/**
 * Feedback and phases in words: what the student reads under the neuron and what a screen reader
 * announces. A direction is always a word and an arrow, never only a colour. On the mouse experiment (the
 * `grating` exam) a student who hears nothing is one whose signal the teacher blocked, and the page says
 * so; it never says which population the student is in (the sign of its signal: see reveal.ts).
 */
import { STAY_BELOW, type StudentFeedback } from "../../../shared/engine/feedback.ts";
import type { FeedbackMessage } from "../../../shared/protocol/messages.ts";
import { schemePhrase } from "../../../shared/protocol/schemeWords.ts";
import type { SchemeConfig } from "../../../shared/protocol/session.ts";
import { formatRemaining } from "./clock.ts";
import type { Phase } from "./publicState.ts";

/** Below STAY_BELOW (shared: the exports say the same) a signal says "stay"; from LOT on it says "a lot". */
export { STAY_BELOW };
export const LOT_FROM = 0.2;

export type Glyph = "up" | "down" | "stay" | "good" | "bad" | "neutral" | "none";

export interface Words {
  readonly headline: string;
  readonly detail: string;
  readonly glyph: Glyph;
  /** "A lot": the arrow is drawn twice. */
  readonly strong?: boolean;
}

const score = (n: number): string => `${Math.round(n)}`;
const amount = (n: number): string => Math.abs(n).toFixed(2);

function vectorWords(signal: number, level: number, classScore: number): Words {
  const size = Math.abs(signal);
  if (size < STAY_BELOW)
    return {
      headline: "Stay where you are",
      detail: `Your level is about right. Class score ${score(classScore)}.`,
      glyph: "stay",
    };
  const up = signal > 0;
  const howMuch = size >= LOT_FROM ? "a lot" : "a little";
  const towards = Math.min(1, Math.max(0, level + signal));
  return {
    headline: `${up ? "Raise" : "Lower"} ${howMuch}`,
    detail: `${up ? "Up" : "Down"} by about ${amount(signal)}, to about ${towards.toFixed(2)}. Class score ${score(classScore)}.`,
    glyph: up ? "up" : "down",
    strong: size >= LOT_FROM,
  };
}

function verdict(
  improved: boolean | null,
  good: string,
  bad: string,
  first: string,
): Pick<Words, "headline" | "glyph"> {
  if (improved === null) return { headline: first, glyph: "neutral" };
  return improved ? { headline: good, glyph: "good" } : { headline: bad, glyph: "bad" };
}

/** Silence in words: on the grating it is the teacher's block, elsewhere simply no signal. */
function silenceWords(exam: string, classScore: number): Words {
  const tail = `Class score ${score(classScore)}.`;
  return exam === "grating"
    ? {
        headline: "Signal blocked",
        detail: `Your neuron heard no signal this round: keep your level, as a neuron whose signal is blocked does. ${tail}`,
        glyph: "none",
      }
    : { headline: "No signal this round", detail: tail, glyph: "none" };
}

/** What the student reads for its round's feedback; `exam` is the public state's exam name ("" until known). */
export function feedbackWords(message: FeedbackMessage, exam = ""): Words {
  const f: StudentFeedback = message.feedback;
  switch (f.kind) {
    case "vector":
      return vectorWords(f.signal, message.level, message.classScore);
    case "global":
      return {
        ...verdict(
          f.improved,
          "Good job, everyone",
          "Not quite, everyone",
          "Everyone: the first score is in",
        ),
        detail: `Class score ${score(f.score)} of 100.`,
      };
    case "team":
      return {
        ...verdict(
          f.improved,
          "Your table: good job",
          "Your table: not quite",
          "Your table: the first score is in",
        ),
        detail: `Table score ${score(f.teamScore)} of 100; class score ${score(message.classScore)}.`,
      };
    case "none":
      return silenceWords(exam, message.classScore);
  }
}

/** One sentence for the aria-live region. */
export const announcement = (message: FeedbackMessage, exam = ""): string => {
  const w = feedbackWords(message, exam);
  return `Round ${message.round}: ${w.headline}. ${w.detail}`;
};

/**
 * The phase line. In review the class stays on its feedback until the teacher moves on; `msToNext` is the
 * time until the next round opens by itself (auto-advance), or null while the class waits for the teacher.
 */
export function phaseWords(
  phase: Phase,
  round: number,
  seated: boolean,
  submitted: boolean,
  msToNext: number | null = null,
  nextScheme: SchemeConfig | null = null,
  pausedBy = "",
): string {
  switch (phase) {
    case "lobby":
      return "Waiting for the teacher to start";
    case "open":
      if (!seated) return "You play from the next round";
      return submitted
        ? `Round ${round}: submitted (you can still change it)`
        : `Round ${round}: move your level`;
    case "review":
      return `Round ${round} is over: ${nextRoundWords(msToNext)}${nextScheme ? `, with ${schemePhrase(nextScheme)}` : ""}`;
    case "paused":
      // After a restart nobody chose the pause: the class waits for everyone to be back.
      return pausedBy === "restart" ? "Paused: the server restarted" : "Paused by the teacher";
    case "ended":
      return "The session has ended";
  }
}

/** "your teacher will start the next round", or the countdown "next round in 0:07". */
export function nextRoundWords(msToNext: number | null): string {
  if (msToNext === null) return "your teacher will start the next round";
  return msToNext > 0 ? `next round in ${formatRemaining(msToNext)}` : "the next round is opening";
}
