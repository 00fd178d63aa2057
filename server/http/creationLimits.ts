/**
 * How many sessions may be made: per address, in total, and live at once. A teacher creates a few sessions
 * an hour and a school behind one router some per minute; a script creates hundreds a second. So: 30 per
 * address and 120 in all per 10 minutes, and at most 200 live rooms on this process (each may hold a class
 * of thousands). The limiters are rate-limiter-flexible objects handed in, so a cluster can pass ones kept
 * in Redis (issue 11) and the counts hold across its processes.
 */
import { type RateLimiterAbstract, RateLimiterMemory } from "rate-limiter-flexible";
import { takePoint } from "./joinLimiter.ts";

export interface CreationLimits {
  readonly perAddress: RateLimiterAbstract;
  readonly total: RateLimiterAbstract;
  /** Live rooms at most; creating one more is refused with 503. */
  readonly maxLiveRooms: number;
}

export const CREATION_WINDOW_SECONDS = 600;
export const CREATIONS_PER_ADDRESS = 30;
export const CREATIONS_IN_ALL = 120;
export const MAX_LIVE_ROOMS = 200;

export function memoryCreationLimits(
  options: { perAddress?: number; total?: number; maxLiveRooms?: number } = {},
): CreationLimits {
  return {
    perAddress: new RateLimiterMemory({
      points: options.perAddress ?? CREATIONS_PER_ADDRESS,
      duration: CREATION_WINDOW_SECONDS,
    }),
    total: new RateLimiterMemory({
      points: options.total ?? CREATIONS_IN_ALL,
      duration: CREATION_WINDOW_SECONDS,
    }),
    maxLiveRooms: options.maxLiveRooms ?? MAX_LIVE_ROOMS,
  };
}

export type CreationVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly status: 429 | 503; readonly error: string; readonly retryAfter: number };

const tooMany = (ms: number, sentence: (wait: number) => string): CreationVerdict => {
  const wait = Math.max(1, Math.ceil(ms / 1000));
  return { ok: false, status: 429, retryAfter: wait, error: sentence(wait) };
};

/** One more session from this address, or why not. */
export async function mayCreate(
  limits: CreationLimits,
  address: string,
  liveRooms: number,
): Promise<CreationVerdict> {
  if (liveRooms >= limits.maxLiveRooms)
    return {
      ok: false,
      status: 503,
      retryAfter: 60,
      error: `This server already runs ${liveRooms} classes, as many as it takes: end a session you no longer need, or try again later.`,
    };
  const fromHere = await takePoint(limits.perAddress, address);
  if (fromHere > 0)
    return tooMany(
      fromHere,
      (wait) => `Too many new sessions from here: try again in ${wait} s (or reuse a session you made).`,
    );
  const inAll = await takePoint(limits.total, "all");
  if (inAll > 0)
    return tooMany(
      inAll,
      (wait) => `This server is making sessions as fast as it can: try again in ${wait} s.`,
    );
  return { ok: true };
}
