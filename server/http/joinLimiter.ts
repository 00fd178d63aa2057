/**
 * Guessing join codes: each address may miss a code a few dozen times a minute, then waits. A classroom
 * shares one address behind its router, so the limit is generous for mistakes and tight for scripts.
 */
export interface JoinLimiter {
  /** Seconds to wait before trying again, or 0 when the address may try now. */
  retryAfter(address: string, now: number): number;
  recordMiss(address: string, now: number): void;
}

export function createJoinLimiter(missesPerMinute = 30): JoinLimiter {
  const misses = new Map<string, number[]>();
  const recent = (address: string, now: number): number[] => {
    const kept = (misses.get(address) ?? []).filter((t) => now - t < 60_000);
    if (kept.length) misses.set(address, kept);
    else misses.delete(address);
    return kept;
  };
  return {
    retryAfter(address, now) {
      const kept = recent(address, now);
      return kept.length >= missesPerMinute ? Math.ceil((60_000 - (now - kept[0])) / 1000) : 0;
    },
    recordMiss(address, now) {
      const kept = recent(address, now);
      kept.push(now);
      misses.set(address, kept);
    },
  };
}
