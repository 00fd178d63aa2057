/**
 * A replay is a fold of the log over a new session: every round is computed again by the engine and its
 * checksum compared with the one stored when the round was played. A log written by another major version
 * of the engine is refused with a clear error: its rounds were computed by other rules, so they would not
 * replay, and a replay must never show something that did not happen.
 */
import { ENGINE_VERSION } from "../engine/version.ts";
import type { SessionEvent } from "./events.ts";
import { apply, createSession, type SessionState } from "./session.ts";

export interface ReplayOptions {
  /** Stop after this many events (for scrubbing a timeline); all by default. */
  readonly upTo?: number;
  /** Compare each round with the stored one (throws ReplayMismatch on a difference). Default true. */
  readonly verify?: boolean;
  /** Called with the state after the creation (index 0) and after each event is folded. */
  readonly onEvent?: (state: SessionState, event: SessionEvent, index: number) => void;
}

const major = (version: string): string => version.split(".")[0] ?? "";

export class EngineVersionMismatch extends Error {
  readonly recorded: string;
  constructor(recorded: string) {
    super(
      `this session was recorded with engine ${recorded}; this server replays engine ${ENGINE_VERSION}, whose rounds differ: its results and log are kept, but it cannot be replayed here`,
    );
    this.recorded = recorded;
  }
}

export function replay(events: readonly SessionEvent[], options: ReplayOptions = {}): SessionState {
  const first = events[0];
  if (first?.type !== "created") throw new Error("a session log starts with its creation");
  if (major(first.engineVersion) !== major(ENGINE_VERSION))
    throw new EngineVersionMismatch(first.engineVersion);
  const state = createSession(first);
  options.onEvent?.(state, first, 0);
  const end = Math.min(events.length, options.upTo ?? events.length);
  for (let i = 1; i < end; i++) {
    apply(state, events[i], options.verify ?? true);
    options.onEvent?.(state, events[i], i);
  }
  return state;
}
