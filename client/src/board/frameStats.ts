/**
 * Frame times over a sliding window: the mean and the 95th percentile of the last few hundred samples, for
 * the board's test hook (the projector's budget with 2,000 neurons is measured, not guessed).
 */

export interface FrameStats {
  readonly mean: number;
  readonly p95: number;
}

/** Mean and 95th percentile (nearest rank) of `samples`, or null for none. */
export function summarize(samples: ArrayLike<number>): FrameStats | null {
  const n = samples.length;
  if (n === 0) return null;
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  return { mean: sum / n, p95: sorted[Math.min(n - 1, Math.ceil(0.95 * n) - 1)] };
}

/** The last `size` samples, oldest overwritten first. */
export class FrameWindow {
  private readonly samples: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(size = 180) {
    this.samples = new Float64Array(Math.max(1, size));
  }

  push(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.samples.length;
    this.filled = Math.min(this.filled + 1, this.samples.length);
  }

  get size(): number {
    return this.filled;
  }

  stats(): FrameStats | null {
    return summarize(this.samples.subarray(0, this.filled));
  }
}
