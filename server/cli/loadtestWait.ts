/** The load test's clock and waiting: a wall-clock time in ms, a promise resolved from outside, a bounded wait. */

/** Local wall-clock time in ms since the epoch, with sub-millisecond resolution. */
export const nowMs = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
  done: boolean;
}

export function deferred(): Deferred {
  let resolve = (): void => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  const d: Deferred = {
    promise,
    done: false,
    resolve() {
      d.done = true;
      resolve();
    },
  };
  return d;
}

/** Resolves true when `p` settles in time, false on timeout; the timer goes with it. */
export async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((r) => {
    timer = setTimeout(() => r(false), ms);
  });
  try {
    return await Promise.race([p.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
