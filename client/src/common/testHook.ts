/**
 * The typed test hook: each page publishes what matters on `window.__groupExam`, so browser tests can read
 * a canvas page's state without scraping pixels. It holds copies, never live objects.
 */

export interface DemoClassHook {
  readonly scheme: string;
  readonly score: number;
  readonly classError: number;
  /** Round at which the class reached the criterion, or null. */
  readonly reachedAt: number | null;
  /** Rounds the page has heard of from the class worker. */
  readonly rounds: number;
  /** The engine's checksum over the exact bits of every class error so far: equal checksums, equal runs. */
  readonly errorsChecksum: number;
}

export interface DemoHook {
  readonly page: "demo";
  readonly running: boolean;
  readonly round: number;
  readonly classes: readonly DemoClassHook[];
  /** Frames drawn by the fields' canvases (the fewer of the two: proves both are alive). */
  readonly frames: number;
  /** The settings as the page's link holds them (the query, without "?"): the last valid ones of the form. */
  readonly settings: string;
  /** The line saying what the link held that the page could not use, or null. */
  readonly linkNote: string | null;
}

export interface JoinHook {
  readonly page: "join";
  readonly error: string | null;
}

export interface StudentHook {
  readonly page: "student";
  readonly connected: boolean;
  readonly seat: number;
  readonly round: number;
  readonly phase: string;
  readonly level: number;
  readonly submitted: boolean;
  /** The last feedback as announced to the student, or null. */
  readonly announcement: string | null;
  /** The keys are out (the teacher's Reveal, or the end). */
  readonly revealed: boolean;
  /** The student's own key as the page shows it: null during blind play and on exams with no own key. */
  readonly key: number | null;
  /** Server ms at which the next round opens by itself; 0 while the class waits for the teacher. */
  readonly nextRoundAt: number;
  readonly frames: number;
}

/** What a class board (the projector, and the teacher's live and replay views) shows. */
export interface BoardHook {
  readonly round: number;
  readonly phase: string;
  /** Neurons on the field. */
  readonly neurons: number;
  /** Points on the chart's live and twin lines. */
  readonly livePoints: number;
  readonly twinPoints: number;
  /** The live class's score after the last closed round, or null before the first. */
  readonly score: number | null;
  /** The big line on screen ("Good job, everyone" …), or null. */
  readonly moment: string | null;
  /** Frames drawn by the Phaser scene. */
  readonly frames: number;
  /**
   * The JavaScript work of each frame (Phaser's PRE_STEP to POST_RENDER: the scene's update and the
   * renderer's calls, not the GPU's own time), in ms over the last few seconds: the mean and the 95th
   * percentile. This is the board's cost; the interval below also holds the browser's own wait for vsync.
   */
  readonly frameMs: { readonly mean: number; readonly p95: number } | null;
  /**
   * Milliseconds between the starts of successive frames drawn at full rate, over the same window (1000 /
   * frame rate while something moves; a board whose picture stands still draws a few frames a second).
   */
  readonly frameIntervalMs: { readonly mean: number; readonly p95: number } | null;
}

export interface ProjectorHook {
  readonly page: "projector";
  readonly connected: boolean;
  readonly code: string;
  /** The join URL the QR code encodes (shown in the lobby). */
  readonly joinUrl: string | null;
  readonly board: BoardHook | null;
  readonly error: string | null;
}

export interface TeacherHook {
  readonly page: "teacher";
  /** Which part of the dashboard is showing. */
  readonly view: "create" | "live" | "replays" | "replay";
  readonly sessionId: string | null;
  readonly connected: boolean;
  /** Students in the roster (humans), and bots. */
  readonly students: number;
  readonly bots: number;
  /** The comparison sentence, once there is one. */
  readonly comparison: string | null;
  /** The live board, or the replay boards (one per session open side by side). */
  readonly boards: readonly BoardHook[];
  readonly error: string | null;
  /** The replays open side by side, in the order of `boards`. */
  readonly replays: readonly ReplayHook[];
}

/** One replay on the teacher's dashboard: where its timeline stands. */
export interface ReplayHook {
  readonly sessionId: string;
  /** The frame showing (0: the start, k: after round k) and how many there are (closed rounds + 1). */
  readonly frame: number;
  readonly frames: number;
  readonly round: number;
  /** The class score in the frame showing, or null before the first round. */
  readonly score: number | null;
  readonly playing: boolean;
  readonly error: string | null;
}

export type PageHook = DemoHook | JoinHook | StudentHook | ProjectorHook | TeacherHook;

declare global {
  interface Window {
    __groupExam?: PageHook;
  }
}

export function publish(hook: PageHook): void {
  window.__groupExam = hook;
}
