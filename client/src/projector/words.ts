/**
 * What the projector says in words, kept apart from the DOM so it can be tested: the lobby's count and
 * names, the round's title, its countdown and how many have submitted, what happens after a round (the
 * teacher's key, or the countdown to the next round), the presenter's key, the end of a session, and the
 * problems that stop the page (no key in the link, a wrong code, a key the room refuses).
 */
import { CLASS_CRITERION } from "../../../shared/engine/convergence.ts";
import { formatRemaining } from "../student/clock.ts";

const n = (k: number): string => k.toLocaleString("en");

export function joinedLine(students: number): string {
  if (students <= 0) return "No students have joined yet.";
  return students === 1 ? "1 student has joined." : `${n(students)} students have joined.`;
}

/** Under the lobby's names when not all of them fit: "and 12 more". */
export const moreNames = (hidden: number): string => (hidden > 0 ? `and ${n(hidden)} more` : "");

/** "5 of 12 students submitted", with the bots beside them when the class has any. */
export function submittedLine(f: { submitted: number; seated: number; bots: number }): string {
  const bots = f.bots > 0 ? ` · ${n(f.bots)} bot${f.bots === 1 ? "" : "s"} playing` : "";
  if (f.seated <= 0) return f.bots > 0 ? `${n(f.bots)} bot${f.bots === 1 ? "" : "s"} playing` : "";
  return `${n(f.submitted)} of ${n(f.seated)} student${f.seated === 1 ? "" : "s"} submitted${bots}`;
}

/**
 * The bar's title by phase: "Round 3", "Round 3 closed", "Paused after round 3"; after a restart of the
 * server, "Round 3 · paused after a restart" (nobody chose that pause: the wall says why).
 */
export function roundTitle(phase: string, round: number, pausedInRound: boolean, pausedBy = ""): string {
  if (phase === "paused" && pausedBy === "restart")
    return pausedInRound
      ? `Round ${n(round)} · paused after a restart`
      : `After round ${n(round)} · paused by a restart`;
  switch (phase) {
    case "lobby":
      return "Waiting for the teacher to start";
    case "open":
      return `Round ${n(round)}`;
    case "paused":
      return pausedInRound ? `Round ${n(round)} · paused` : `Paused after round ${n(round)}`;
    case "review":
      return `Round ${n(round)} closed`;
    case "ended":
      return "The session has ended";
    default:
      return "";
  }
}

/** The big countdown of an open round: "0:12 left" (rounded up, so 0:00 means closed). */
export const clockText = (remainingMs: number): string => `${formatRemaining(remainingMs)} left`;

export interface NextFacts {
  readonly phase: string;
  /** Milliseconds until the next round opens by itself, or null when the class waits for the teacher. */
  readonly autoInMs: number | null;
  /** The feedback of the next round when the teacher switched it, in words, or null. */
  readonly nextScheme: string | null;
}

/** What happens after the feedback: "Next round in 0:07", or "… when your teacher is ready — press Space". */
export function nextLine(f: NextFacts): string | null {
  if (f.phase !== "review") return null;
  const next = f.nextScheme ? `Next round, with ${f.nextScheme},` : "Next round";
  if (f.autoInMs !== null) return `${next} in ${formatRemaining(f.autoInMs)}`;
  return `${next} when your teacher is ready — press Space`;
}

/** The presenter's key, shown where it does something: the lobby and the feedback after a round. */
export function keyHint(phase: string): string | null {
  if (phase === "lobby") return "Teacher: press Space or the clicker to start the first round.";
  if (phase === "review") return "Space, Enter, → or the clicker opens the next round.";
  return null;
}

const CRITERION = `${Math.round(CLASS_CRITERION * 100)} % of the way to the key`;

const END_REASONS: Record<string, string> = {
  criterion: `The class got ${CRITERION}.`,
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
