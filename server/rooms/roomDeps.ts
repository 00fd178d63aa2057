/** What an exam room needs from its server: the store, the clock, the log, and the conductor's time rules. */
import type { ConductorRules } from "../../shared/session/conductor.ts";
import type { SessionStore } from "../store/store.ts";
import type { JoinLimits } from "./joinLimits.ts";
import type { Writers } from "./writers.ts";

export interface RoomDeps {
  readonly store: SessionStore;
  /** Who writes each session's log: this process, once, or another live one (writers.ts). */
  readonly writers: Writers;
  readonly now: () => number;
  readonly log: (message: string, data?: Record<string, unknown>) => void;
  /** How long a dropped teacher's or projector's connection may come back by its token. */
  readonly reconnectSeconds: number;
  /** How long a dropped student's seat is kept, and how long everyone has to return after a restart. */
  readonly rules: ConductorRules;
  /** How long a room with nobody in it stays loaded (its session resumes from the log on the next join). */
  readonly idleSeconds: number;
  /** Joins per browser key and new seats per address (shared stores in a cluster). */
  readonly joinLimits: JoinLimits;
}
