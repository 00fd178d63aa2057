/**
 * The part of the room's public state (ExamState on the server) this page reads. Declared here as a
 * structural type so the client does not import server code; the decoder fills in the real instances.
 */
import { SchemeConfig } from "../../../shared/protocol/session.ts";

export interface PublicState {
  /** "lobby", "open", "review", "paused" or "ended". */
  readonly phase: string;
  readonly round: number;
  /** Server time (ms) at which the open round closes; 0 when none is open. */
  readonly closesAt: number;
  /** Milliseconds left when paused in an open round. */
  readonly remainingMs: number;
  /** JSON of the live scheme's SchemeConfig. */
  readonly scheme: string;
  readonly endReason: string;
  /** The exam's name ("independent", "readout", "layered", "grating"): only `independent` gives each student a key. */
  readonly exam?: string;
  /** Class score per closed round. */
  readonly scores?: { readonly length: number; at(index: number): number | undefined };
  /** Keys may be shown: the teacher revealed them, or the session ended. Each student's own comes in "you". */
  readonly revealed?: boolean;
  /** Server ms at which the next round opens by itself; 0 while the class waits for the teacher. */
  readonly nextRoundAt?: number;
  /** JSON of the scheme the next round will use, when the teacher has switched it; "" otherwise. */
  readonly nextScheme?: string;
  /** "restart" when a restarted server brought the class back paused; "teacher" or "" otherwise. */
  readonly pausedBy?: string;
}

export type Phase = "lobby" | "open" | "review" | "paused" | "ended";

const PHASES: readonly string[] = ["lobby", "open", "review", "paused", "ended"];

/** The phase, or "lobby" until the first full state has arrived. */
export const phaseOf = (state: PublicState | undefined): Phase =>
  state && PHASES.includes(state.phase) ? (state.phase as Phase) : "lobby";

/**
 * A scheme from the state's JSON, with its parameters (null when it is empty or not one): the phone says
 * "every personal signal blocked" or "blocked for one population", which the name alone cannot tell apart.
 */
export function schemeOf(json: string | undefined): SchemeConfig | null {
  if (!json) return null;
  try {
    const parsed = SchemeConfig.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
