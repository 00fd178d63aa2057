/**
 * Turns wall-clock time into rounds at the chosen speed. Rounds owed pile up between animation frames and
 * are played within a time budget, so a slow laptop falls behind the speed instead of freezing, and a tab
 * left in the background does not come back to a burst of rounds.
 */

/** Longest stretch of time one frame may owe rounds for. */
const MAX_GAP_S = 0.25;
/** Milliseconds of a frame the engine may take, leaving the rest to the two canvases and the chart. */
const BUDGET_MS = 10;

export class Ticker {
  private owed = 0;
  private last: number | null = null;

  /** The first round comes at once, so Play answers even at two rounds a second. */
  start(): void {
    this.owed = 1;
    this.last = null;
  }

  /** Plays the rounds owed at `now`; `play` returns false when the run cannot go on. */
  tick(now: number, speed: number, play: () => boolean): void {
    const gap = this.last === null ? 0 : Math.min(MAX_GAP_S, (now - this.last) / 1000);
    this.last = now;
    this.owed = Math.min(this.owed + gap * speed, Math.max(1, speed * MAX_GAP_S));
    const end = performance.now() + BUDGET_MS;
    while (this.owed >= 1) {
      if (!play()) {
        this.owed = 0;
        return;
      }
      this.owed -= 1;
      if (performance.now() > end) return;
    }
  }
}
