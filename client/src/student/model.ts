/**
 * Everything the student page shows, in one plain object, and the one way to change it: `update` merges a
 * patch, redraws whoever listens and republishes the test hook, so screen, hook and tests never disagree.
 */
import type { Population } from "../../../shared/engine/exams/grating.ts";
import type { FeedbackMessage, YouMessage } from "../../../shared/protocol/messages.ts";
import type { SchemeConfig } from "../../../shared/protocol/session.ts";
import { publish } from "../common/testHook.ts";
import type { Gone, Status } from "./connection.ts";
import type { Phase } from "./publicState.ts";

/** Why the seat is gone: the connection's reasons, the teacher's, or the end of the session. */
export type Ending = Gone | "kicked" | "banned" | "elsewhere" | "ended";

export interface Model {
  readonly status: Status | "gone";
  readonly ending: Ending | null;
  readonly code: string;
  readonly nickname: string;
  readonly you: YouMessage | null;
  readonly phase: Phase;
  readonly round: number;
  readonly closesAt: number;
  readonly remainingMs: number;
  /** Server ms at which the next round opens by itself; 0 while the class waits for the teacher. */
  readonly nextRoundAt: number;
  /** The scheme the teacher switched to for the next round (null when it stays). */
  readonly nextScheme: SchemeConfig | null;
  /** "restart" while the class waits, paused, after the server came back; "" otherwise. */
  readonly pausedBy: string;
  /** The keys are out (the teacher's Reveal, or the end); the student's own arrives in `you.key`. */
  readonly revealed: boolean;
  readonly exam: string;
  /** The class score after the last closed round, or null before the first. */
  readonly classScore: number | null;
  /** The slider's level (what the student last chose), not necessarily sent yet. */
  readonly level: number;
  readonly submitted: boolean;
  readonly feedback: FeedbackMessage | null;
  readonly announcement: string | null;
  /** A refusal from the room, shown until the next change. */
  readonly notice: string | null;
  readonly frames: number;
}

const initial: Model = {
  status: "connecting",
  ending: null,
  code: "",
  nickname: "",
  you: null,
  phase: "lobby",
  round: 0,
  closesAt: 0,
  remainingMs: 0,
  nextRoundAt: 0,
  nextScheme: null,
  pausedBy: "",
  revealed: false,
  exam: "",
  classScore: null,
  level: 0.5,
  submitted: false,
  feedback: null,
  announcement: null,
  notice: null,
  frames: 0,
};

type Listener = (model: Model, before: Model) => void;

let model = initial;
const listeners: Listener[] = [];

export const current = (): Model => model;

export function subscribe(listener: Listener): void {
  listeners.push(listener);
  listener(model, initial);
}

export function update(patch: Partial<Model>): void {
  const before = model;
  model = { ...model, ...patch };
  // Frame counts alone change 60 times a second: they only refresh the hook, not the page.
  const onlyFrames = Object.keys(patch).every((k) => k === "frames");
  if (!onlyFrames) for (const listener of listeners) listener(model, before);
  publish({
    page: "student",
    connected: model.status === "connected",
    seat: model.you?.seat ?? -1,
    round: model.round,
    phase: model.phase,
    level: model.level,
    submitted: model.submitted,
    announcement: model.announcement,
    revealed: model.revealed,
    key: shownKey(model),
    nextRoundAt: model.nextRoundAt,
    frames: model.frames,
  });
}

/**
 * The student's own key, to draw and to say, or null. The server sends it only once revealed; the page also
 * waits for the public `revealed`, so a key can never show during blind play whatever arrives.
 */
export const shownKey = (m: Model): number | null => (m.revealed ? (m.you?.key ?? null) : null);

/**
 * The student's population on the grating, once the keys are out; null before, and whenever the "you"
 * message carries none (the server sends it only after the reveal, `youOf`). Checked, so nothing else that
 * arrives can show as one.
 */
export function shownPopulation(m: Model): Population | null {
  const you = m.you;
  if (!m.revealed || you === null || !("population" in you)) return null;
  const p = you.population;
  return p === "push" || p === "pull" ? p : null;
}

/** Whether the level control and Submit act now: connected, seated, in the open round. */
export const canPlay = (m: Model): boolean =>
  m.status === "connected" && m.phase === "open" && m.you?.seated === true && m.you.round === m.round;
