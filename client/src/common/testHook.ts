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
  /** The chart's legend: per class, each scheme it played and its rounds (from 1, both ends in), in words. */
  readonly legend: readonly {
    readonly side: "live" | "twin";
    readonly scheme: string;
    readonly rounds: readonly (readonly [number, number])[];
    readonly text: string;
  }[];
  /** The chart's scheme-change marks: the first round under the new scheme, and the words on the chart. */
  readonly marks: readonly { readonly round: number; readonly label: string }[];
  readonly chartScale: "score" | "log";
  /** The chart's x axis is fixed to rounds 1..roundAxis, or null when it fits the data. */
  readonly roundAxis: number | null;
  /** Nicknames drawn on the field. */
  readonly names: readonly string[];
  /** Discs that show a way to move (an arrow), and discs drawn bigger and brighter for being far from the key. */
  readonly directions: number;
  readonly lit: number;
  /** What the answer panel draws ("strip", "plane", "bars", "hidden": the key stays hidden, "none"). */
  readonly answer: string;
  /** Whether the answer panel shows the key. */
  readonly keyShown: boolean;
  /** The mouse experiment's panel: the angles drawn (null: hidden) and the populations' counts; null elsewhere. */
  readonly grating: {
    readonly angle: number | null;
    readonly target: number | null;
    readonly populations: readonly { population: string; seated: number; blocked: number }[];
  } | null;
  /** The line under the field that says what a disc shows. */
  readonly fieldNote: string;
  /**
   * The smallest text the board draws on its canvases (the field and answer canvas, scaled as shown, and the
   * chart), in CSS px; null before the canvas is laid out.
   */
  readonly minCanvasFontPx: number | null;
}

export interface ProjectorHook {
  readonly page: "projector";
  readonly connected: boolean;
  readonly code: string;
  /** The join URL the QR code encodes (shown in the lobby). */
  readonly joinUrl: string | null;
  readonly board: BoardHook | null;
  readonly error: string | null;
  /** Which screen shows: "loading", "lobby", "round" (open or paused), "review", "ended", "problem". */
  readonly screen: string;
  /** The lobby's names, newest first, as shown, and how many students have joined. */
  readonly names: readonly string[];
  readonly joined: number;
  /** The comparison sentence on the wall, or null. */
  readonly comparison: string | null;
  /** What happens next, as the wall says it during review ("Next round in 0:07"), or null. */
  readonly next: string | null;
  /** `advance` messages the presenter keys have sent. */
  readonly advances: number;
  /** The end screen's summary lines, in order; empty before the end. */
  readonly summary: readonly string[];
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
  /** The live view's status line: the room's state as the page reads it, or null before there is one. */
  readonly status: { readonly phase: string; readonly headline: string } | null;
  /** The replays' one timeline: its frame, its last frame, whether it plays; null outside the replay view. */
  readonly timeline: { readonly frame: number; readonly last: number; readonly playing: boolean } | null;
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
