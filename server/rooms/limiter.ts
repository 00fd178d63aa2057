/**
 * A per-client token bucket: a student's slider may send a few messages a second; beyond that messages are
 * dropped with a refusal, and Colyseus's own hard limit (maxMessagesPerSecond) disconnects a client that
 * keeps flooding.
 */
export interface Bucket {
  tokens: number;
  updatedAt: number;
  lastWarnedAt: number;
}

export const RATE = { perSecond: 10, burst: 20 } as const;

export function newBucket(now: number): Bucket {
  return { tokens: RATE.burst, updatedAt: now, lastWarnedAt: 0 };
}

/** Takes a token; false when the client is over its rate. */
export function take(bucket: Bucket, now: number): boolean {
  bucket.tokens = Math.min(RATE.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * RATE.perSecond);
  bucket.updatedAt = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}
