/**
 * A replay is a fold of the log over a new session: every round is computed again by the engine and its
 * checksum compared with the one stored when the round was played.
 */
import type { SessionEvent } from "./events.ts";
import { apply, createSession, type SessionState } from "./session.ts";

export interface ReplayOptions {
  /** Stop after this many events (for scrubbing a timeline); all by default. */
  readonly upTo?: number;
  /** Compare each round with the stored one (throws ReplayMismatch on a difference). Default true. */
  readonly verify?: boolean;
}

export function replay(events: readonly SessionEvent[], options: ReplayOptions = {}): SessionState {
  const first = events[0];
  if (first?.type !== "created") throw new Error("a session log starts with its creation");
  const state = createSession(first);
  const end = Math.min(events.length, options.upTo ?? events.length);
  for (let i = 1; i < end; i++) apply(state, events[i], options.verify ?? true);
  return state;
}
