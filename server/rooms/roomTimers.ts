/**
 * Real timers for a room. Colyseus's room clock only moves with its patch ticks (50 ms), so a round set on
 * it could close up to a tick early or late; a round's close must keep to the time every screen shows. A
 * timer's error is reported, never thrown into the event loop.
 */
export interface Timer {
  clear(): void;
}

export function after(ms: number, run: () => void, onError: (error: Error) => void): Timer {
  const handle = setTimeout(() => {
    try {
      run();
    } catch (error) {
      onError(error instanceof Error ? error : new Error(String(error)));
    }
  }, ms);
  return { clear: () => clearTimeout(handle) };
}

export function every(ms: number, run: () => void, onError: (error: Error) => void): Timer {
  const handle = setInterval(() => {
    try {
      run();
    } catch (error) {
      onError(error instanceof Error ? error : new Error(String(error)));
    }
  }, ms);
  // A watch alone must not keep a stopping process alive.
  handle.unref();
  return { clear: () => clearInterval(handle) };
}

/** The one timer for the conductor's next deadline: re-armed only when the deadline moves. */
export class DeadlineTimer {
  private at: number | null = null;
  private timer: Timer | null = null;

  arm(at: number | null, now: number, fire: () => void, onError: (error: Error) => void): void {
    if (at === this.at) return;
    this.clear();
    if (at === null) return;
    this.at = at;
    this.timer = after(
      Math.max(0, at - now),
      () => {
        this.at = null;
        this.timer = null;
        fire();
      },
      onError,
    );
  }

  clear(): void {
    this.timer?.clear();
    this.timer = null;
    this.at = null;
  }
}
