/**
 * What the dashboard's status line says: the room's true state, read from the synchronised state and the
 * server's clock alone (the phase, the round, a pause, whether the class waits for the teacher or the next
 * round opens by itself in N s, the end), never from the last button pressed. Pure, so the words are
 * unit-tested without a browser; the page calls it on every state patch and a few times a second for the
 * countdowns. What the teacher last did, and what the room refused, is said elsewhere, more quietly.
 */
import { formatRemaining } from "../student/clock.ts";
import { END_WORDS } from "./words.ts";

/** The fields of the room's state the status line reads. */
export interface StatusInput {
  readonly phase: string;
  /** The open round, or the last closed one between rounds. */
  readonly round: number;
  readonly closesAt: number;
  readonly remainingMs: number;
  readonly autoAdvance: boolean;
  /** Server ms at which the next round opens by itself; 0 while the class waits for the teacher. */
  readonly nextRoundAt: number;
  readonly revealed: boolean;
  readonly endReason: string;
  /** "restart" when the server came back with the class paused; "teacher" or "" otherwise. */
  readonly pausedBy: string;
  /** Students in the class, and how many of them are connected now. */
  readonly students: number;
  readonly connected: number;
  /** Students in play this round, and how many of them have submitted. */
  readonly seated: number;
  readonly submitted: number;
}

export type StatusPhase = "lobby" | "open" | "review" | "paused" | "ended" | "unknown";

export interface Status {
  readonly phase: StatusPhase;
  /** One short line for the eye: "Round 3 closed · waiting for you". */
  readonly headline: string;
  /** What it means and what the teacher can do next. */
  readonly detail: string;
  /** Milliseconds to the next change the class will see by itself (a close, an opening), or null. */
  readonly countdownMs: number | null;
}

const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** Whole seconds left, rounded up so "in 0 s" never shows while the class still waits. */
export const secondsLeft = (ms: number): number => Math.max(0, Math.ceil(ms / 1000));

/** Who is back after a restart: the others' pages reconnect by themselves. */
function backWords(connected: number, students: number): string {
  if (students === 0) return "No student had joined yet.";
  if (connected >= students)
    return students === 1 ? "The student is back." : `All ${plural(students, "student")} are back.`;
  return `${connected.toLocaleString("en")} of ${plural(students, "student")} ${connected === 1 ? "is" : "are"} back; the others come back by themselves as their pages reconnect.`;
}

function submittedWords(s: StatusInput): string {
  if (s.seated <= 0) return "No student is in play: the bots play, and the round closes when its time is up.";
  return `${s.submitted.toLocaleString("en")} of ${plural(s.seated, "student")} in play have submitted; the round closes when its time is up or all have.`;
}

/** The status line for a state at server time `now`. */
export function liveStatus(s: StatusInput, now: number): Status {
  const revealed = s.revealed ? " The keys are revealed: each student sees its own." : "";
  switch (s.phase) {
    case "lobby":
      return {
        phase: "lobby",
        headline: "Waiting to start · students join with the code",
        detail: "Press Start (or the space bar) when the class is in: round 1 opens for everyone.",
        countdownMs: null,
      };
    case "open": {
      const ms = s.closesAt > 0 ? Math.max(0, s.closesAt - now) : null;
      return {
        phase: "open",
        headline: `Round ${s.round} is open${ms === null ? "" : ` · ${formatRemaining(ms)} left`}`,
        detail: `${submittedWords(s)}${revealed}`,
        countdownMs: ms,
      };
    }
    case "review": {
      if (s.round === 0)
        return { phase: "review", headline: "Starting · round 1 is opening", detail: "", countdownMs: null };
      const next = s.round + 1;
      if (s.autoAdvance && s.nextRoundAt > 0) {
        const ms = Math.max(0, s.nextRoundAt - now);
        const left = secondsLeft(ms);
        return {
          phase: "review",
          headline:
            left > 0
              ? `Round ${s.round} closed · round ${next} opens by itself in ${left} s`
              : `Round ${s.round} closed · round ${next} is opening`,
          detail: `The class sees its feedback. Next round (or the space bar) opens it now; turn off “by itself” to wait for you.${revealed}`,
          countdownMs: ms,
        };
      }
      return {
        phase: "review",
        headline: `Round ${s.round} closed · the class waits for you`,
        detail: `The class sees its feedback. Press Next round (or the space bar) to open round ${next}.${revealed}`,
        countdownMs: null,
      };
    }
    case "paused": {
      const inRound = s.remainingMs > 0;
      if (s.pausedBy === "restart")
        return {
          phase: "paused",
          headline: `The server restarted · the class waits, paused${inRound ? ` in round ${s.round} with ${formatRemaining(s.remainingMs)} left` : ""}`,
          detail: `${backWords(s.connected, s.students)} Press Resume (or the space bar) when the class is ready.${revealed}`,
          countdownMs: null,
        };
      return {
        phase: "paused",
        headline: inRound
          ? `Paused in round ${s.round} · ${formatRemaining(s.remainingMs)} left when you resume`
          : s.round > 0
            ? `Paused after round ${s.round}`
            : "Paused before round 1",
        detail: `${inRound ? "Nobody can submit while paused." : "The class stays where it is."} Press Resume (or the space bar) to go on.${revealed}`,
        countdownMs: null,
      };
    }
    case "ended":
      return {
        phase: "ended",
        headline: "The session has ended",
        detail: `${END_WORDS[s.endReason] ?? "It is over."} ${plural(s.round, "round")} played; the keys are revealed to everyone.`,
        countdownMs: null,
      };
    default:
      return { phase: "unknown", headline: "Connecting to the room…", detail: "", countdownMs: null };
  }
}

/** What the big button does in a phase (and so what the space bar and a clicker do), or null for nothing. */
export type PrimaryAction = "start" | "advance" | "resume";

export function primaryAction(phase: string): PrimaryAction | null {
  switch (phase) {
    case "lobby":
      return "start";
    case "review":
      return "advance";
    case "paused":
      return "resume";
    default:
      return null;
  }
}

/** Keys that move the class on: the space bar, and what presenters' clickers send. */
export const ADVANCE_KEYS: readonly string[] = [" ", "PageDown", "ArrowRight", "Enter"];

/** The element a key press lands on, as far as the shortcut cares. */
export interface KeyTarget {
  readonly tagName: string;
  readonly isContentEditable?: boolean;
}

/** Elements that give a key its own meaning: typing, choosing, or pressing the focused button or link. */
const OWN_KEYS = new Set(["INPUT", "SELECT", "TEXTAREA", "BUTTON", "A", "SUMMARY", "OPTION"]);

/** Whether a key press is the class's "move on": an advance key, no modifier, not in a field or a button. */
export function isAdvanceKey(
  key: {
    readonly key: string;
    readonly ctrlKey?: boolean;
    readonly altKey?: boolean;
    readonly metaKey?: boolean;
    readonly repeat?: boolean;
  },
  target: KeyTarget | null,
): boolean {
  if (!ADVANCE_KEYS.includes(key.key)) return false;
  if (key.ctrlKey || key.altKey || key.metaKey || key.repeat) return false;
  if (!target) return true;
  return !OWN_KEYS.has(target.tagName.toUpperCase()) && target.isContentEditable !== true;
}
