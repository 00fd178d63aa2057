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
}

export interface DemoHook {
  readonly page: "demo";
  readonly running: boolean;
  readonly round: number;
  readonly classes: readonly DemoClassHook[];
  /** Frames drawn by the Phaser scene (proves the canvas is alive). */
  readonly frames: number;
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
  readonly frames: number;
}

export type PageHook = DemoHook | JoinHook | StudentHook;

declare global {
  interface Window {
    __groupExam?: PageHook;
  }
}

export function publish(hook: PageHook): void {
  window.__groupExam = hook;
}
