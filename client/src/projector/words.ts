/**
 * What the projector says in words, kept apart from the DOM so it can be tested: the lobby's count, the
 * round line with its countdown and how many have submitted, the end of a session, and the problems that
 * stop the page (no key in the link, a wrong code, a key the room refuses).
 */
import { formatRemaining } from "../student/clock.ts";

const n = (k: number): string => k.toLocaleString("en");

export function joinedLine(students: number): string {
  if (students <= 0) return "No students have joined yet.";
  return students === 1 ? "1 student has joined." : `${n(students)} students have joined.`;
}

export interface RoundFacts {
  readonly phase: string;
  readonly round: number;
  /** Milliseconds left in the open (or paused) round, or null when none is running. */
  readonly remainingMs: number | null;
  readonly submitted: number;
  readonly seated: number;
  readonly bots: number;
}

/** "5 of 12 students submitted", with the bots beside them when the class has any. */
export function submittedLine(f: Pick<RoundFacts, "submitted" | "seated" | "bots">): string {
  const bots = f.bots > 0 ? ` · ${n(f.bots)} bot${f.bots === 1 ? "" : "s"} playing` : "";
  if (f.seated <= 0) return f.bots > 0 ? `${n(f.bots)} bot${f.bots === 1 ? "" : "s"} playing` : "";
  return `${n(f.submitted)} of ${n(f.seated)} student${f.seated === 1 ? "" : "s"} submitted${bots}`;
}

/** The round and its clock: "Round 3 · 0:12 left", "Round 3 · paused", "Round 3 closed". */
export function roundLine(f: RoundFacts): string {
  const clock = f.remainingMs === null ? "" : formatRemaining(f.remainingMs);
  switch (f.phase) {
    case "lobby":
      return "Waiting for the teacher to start";
    case "open":
      return `Round ${n(f.round)} · ${clock} left`;
    case "paused":
      return clock ? `Round ${n(f.round)} · paused with ${clock} left` : `Paused after round ${n(f.round)}`;
    case "review":
      return `Round ${n(f.round)} closed · the next round starts soon`;
    case "ended":
      return "The session has ended";
    default:
      return "";
  }
}

const END_REASONS: Record<string, string> = {
  criterion: "The class got 95 % of the way to the key.",
  "round-limit": "The class played every round of the session.",
  teacher: "The teacher ended the session.",
};

export const endLine = (reason: string): string => END_REASONS[reason] ?? "The session is over.";

export interface Problem {
  readonly title: string;
  readonly text: string;
}

export const NO_KEY: Problem = {
  title: "This projector link has no key",
  text: "Open the projector from the teacher's dashboard: it gives the whole link, key included (the part after #key=).",
};

export const NO_CODE: Problem = {
  title: "This is not a class link",
  text: "A projector link looks like /class/CODE#key=…; the teacher's dashboard gives it.",
};

export const ENDED: Problem = {
  title: "This session has ended",
  text: "Its board is no longer live. The teacher's dashboard keeps its results and replay.",
};
