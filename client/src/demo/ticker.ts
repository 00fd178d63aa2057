/**
 * Turns wall-clock time into rounds at the chosen speed, in the class worker. Rounds owed pile up between
 * ticks and are played within a time slice, so a slow machine falls behind the speed instead of stalling,
 * and a worker that was starved does not come back to a burst of rounds. At "max" a tick plays rounds for
 * its whole slice: as fast as the machine allows, while messages (a pause, a new speed) still get in
 * between slices.
 */
import type { Speed } from "./config.ts";

/** Longest stretch of time one tick may owe rounds for. */
const MAX_GAP_S = 0.25;
/** Milliseconds a tick may play for before it yields to the worker's messages. */
export const SLICE_MS = 15;

export class Ticker {
  private owed = 0;
  private last: number | null = null;

  /** The first round comes at once, so Play answers even at two rounds a second. */
  start(): void {
    this.owed = 1;
    this.last = null;
  }

  /** Plays the rounds owed at `now`; `play` returns false when the run cannot go on. */
  tick(now: number, speed: Speed, play: () => boolean, clock: () => number = () => performance.now()): void {
    const end = clock() + SLICE_MS;
    if (speed === "max") {
      this.last = now;
      while (clock() < end) if (!play()) return;
      return;
    }
    const gap = this.last === null ? 0 : Math.min(MAX_GAP_S, (now - this.last) / 1000);
    this.last = now;
    this.owed = Math.min(this.owed + gap * speed, Math.max(1, speed * MAX_GAP_S));
    while (this.owed >= 1) {
      if (!play()) {
        this.owed = 0;
        return;
      }
      this.owed -= 1;
      if (clock() > end) return;
    }
  }

  /** Milliseconds until the next round is owed (0 when one is owed now). */
  wait(speed: Speed): number {
    if (speed === "max" || this.owed >= 1) return 0;
    return ((1 - this.owed) / speed) * 1000;
  }
}
