/**
 * A session is its event log: configuration, seed and engine version first, then every join, leave,
 * submission, round opening and close, scheme switch and teacher action, in order. Only events that were
 * checked against the state before them are logged, so the fold in `session.ts` replays any log exactly.
 * Deadlines are in the events too (a round's close, a review's end, an away seat's grace), so a state folded
 * from the log knows what is due next: a server that restarts on it can go on.
 */
import type { RoundRecord, SchemeConfig, SessionConfig } from "../protocol/session.ts";

export type LeaveReason = "left" | "kicked" | "banned" | "expired" | "dropped";
export type CloseReason = "timer" | "all-submitted" | "advance" | "end";
export type EndReason = "teacher" | "criterion" | "round-limit";
export type PauseReason = "teacher" | "restart";

export type SessionEvent =
  | {
      readonly type: "created";
      readonly config: SessionConfig;
      readonly seed: number;
      readonly code: string;
      readonly engineVersion: string;
    }
  | { readonly type: "joined"; readonly seat: number; readonly nickname: string; readonly clientKey: string }
  | { readonly type: "left"; readonly seat: number; readonly reason: LeaveReason }
  /** `graceUntil`: when an away student's seat is given up if it has not come back (server ms; 0: never). */
  | {
      readonly type: "connection";
      readonly seat: number;
      readonly connected: boolean;
      readonly graceUntil?: number;
    }
  | { readonly type: "started" }
  | { readonly type: "opened"; readonly round: number; readonly closesAt: number }
  | {
      readonly type: "submitted";
      readonly round: number;
      readonly seat: number;
      readonly level: number;
      readonly final: boolean;
    }
  | {
      readonly type: "closed";
      readonly round: number;
      readonly reason: CloseReason;
      readonly record: RoundRecord;
      /** When the next round opens by itself (server ms), or 0 while the class waits for the teacher. */
      readonly nextRoundAt?: number;
    }
  /** `reason` "restart": the server stopped with the class in play, and the teacher decides when it goes on. */
  | { readonly type: "paused"; readonly remainingMs: number; readonly reason?: PauseReason }
  /** `closesAt` for a round that was open; `nextRoundAt` for a review that counts down to the next round. */
  | { readonly type: "resumed"; readonly closesAt: number; readonly nextRoundAt?: number }
  | { readonly type: "ended"; readonly reason: EndReason }
  | { readonly type: "scheme"; readonly scheme: SchemeConfig }
  | { readonly type: "roundTime"; readonly seconds: number }
  | { readonly type: "bots"; readonly count: number }
  | { readonly type: "locked"; readonly locked: boolean }
  | { readonly type: "standIns"; readonly enabled: boolean }
  /** The teacher shows every student its own key and the wall the whole picture (the end does too). */
  | { readonly type: "revealed" }
  | {
      readonly type: "autoAdvance";
      readonly enabled: boolean;
      readonly seconds: number;
      /** The review's new deadline when the setting changed during a review. */
      readonly nextRoundAt?: number;
    };

export type EventType = SessionEvent["type"];

/** An event as stored: its place in the log and the server's clock when it happened (for people only). */
export interface LoggedEvent {
  readonly seq: number;
  readonly at: number;
  readonly event: SessionEvent;
}
