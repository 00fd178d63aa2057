/**
 * The part of the room's synchronised state (ExamState on the server) the projector and the teacher read:
 * the aggregates every client gets, the wall's seats its projector token unlocks (`wall`: what the wall may
 * show, no more), and the roster the teacher's token unlocks (`staff`). Declared here as structural types so
 * the client does not import server code; the schema decoder fills in the real instances (MapSchema,
 * ArraySchema), and the tests plain Maps and arrays, which have the same `forEach` and `at`.
 */
import type { PublicState } from "../student/publicState.ts";

export interface ListLike<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

export interface RosterRow {
  readonly seat: number;
  readonly nickname: string;
  /** "human", "bot" or "stand-in". */
  readonly kind: string;
  readonly connected: boolean;
  readonly submitted: boolean;
  readonly seated: boolean;
  readonly level: number;
  /** −1 where the exam gives no target. */
  readonly target: number;
  readonly credit: number;
  /** JSON of the seat's last StudentFeedback; "" before the first. */
  readonly feedback: string;
}

export interface RosterLike {
  forEach(visit: (row: RosterRow, key: string) => void): void;
}

export interface StaffLike {
  readonly roster?: RosterLike;
  readonly answer?: ListLike<number>;
  readonly key?: ListLike<number>;
  readonly creditUnit?: number;
}

/**
 * What the wall may show (the server's WallState): rows shaped like the roster's, but with no nickname once
 * play starts, and before the reveal no target (−1), no key or answer, and as `credit` only what the seat's
 * student heard (NaN where it heard nothing of its own).
 */
export interface WallLike {
  readonly seats?: RosterLike;
  readonly answer?: ListLike<number>;
  readonly key?: ListLike<number>;
  readonly creditUnit?: number;
}

export interface ProjectorState extends PublicState {
  readonly code: string;
  readonly exam: string;
  readonly question: number;
  readonly twinScheme: string;
  /** Students (humans) who hold a seat, connected, in play, and done this round. */
  readonly students: number;
  readonly connected: number;
  readonly seated: number;
  readonly submitted: number;
  readonly bots: number;
  readonly errors?: ListLike<number>;
  readonly twinErrors?: ListLike<number>;
  readonly theory?: ListLike<number>;
  readonly twinTheory?: ListLike<number>;
  readonly schemes?: ListLike<string>;
  readonly twinSchemes?: ListLike<string>;
  readonly revealed?: boolean;
  readonly twinLikePeople?: boolean;
  /** JSON of the scheme the next round will use when the teacher has switched it; "" otherwise. */
  readonly nextScheme?: string;
  /** JSON of the grating exam's two populations as counts; "" on other exams. */
  readonly populations?: string;
  readonly autoAdvance?: boolean;
  readonly reviewSeconds?: number;
  /** Server ms at which the next round opens by itself; 0 while the class waits for the teacher. */
  readonly nextRoundAt?: number;
  /** "restart" when the server came back with the class paused for the teacher. */
  readonly pausedBy?: string;
  /** The teacher's: the whole roster, the key and the class answer. */
  readonly staff?: StaffLike;
  /** The projector's: what the wall shows. */
  readonly wall?: WallLike;
}
