/**
 * How fast students may join: per browser key and per address, in rate-limiter-flexible limiters that are
 * passed in, so that several processes can later share one store (Redis) and tests can pass their own.
 *
 * - A browser key holds at most one seat (shared/session/rules.ts: a key that holds a seat takes it back),
 *   so a script with one key gets one seat however many names it types. Each join by a key counts, taken
 *   back or new: KEY_JOINS a minute is a phone reloading every three seconds, and refuses a script's loop.
 * - Per address only new seats count (a reload takes back its own seat and costs the class nothing):
 *   ADDRESS_SEATS in ADDRESS_WINDOW_SECONDS. A class shares its router's address: 200 students joining
 *   within a minute is 200 seats in six windows, at most a third of them in the first ten seconds after
 *   the code goes up (typing the code and a nickname takes most people longer), so 60 a window never meets
 *   them; 360 a minute lets a lecture hall of 2,000 behind one router in within six minutes. A script with
 *   200 random keys from one address, which took 200 seats in 2.8 s, takes 60 and then waits: the
 *   teacher sees the names come and can lock the room.
 */
import { type RateLimiterAbstract, RateLimiterMemory } from "rate-limiter-flexible";
import { takePoint } from "../http/joinLimiter.ts";

export const KEY_JOINS = 20;
export const KEY_WINDOW_SECONDS = 60;
export const ADDRESS_SEATS = 60;
export const ADDRESS_WINDOW_SECONDS = 10;

export interface JoinLimitStores {
  /** Joins per browser key (new seats and taken-back ones). */
  readonly perKey: RateLimiterAbstract;
  /** New seats per address. */
  readonly perAddress: RateLimiterAbstract;
}

/** In-process stores; a load test from one address passes larger numbers than a classroom's. */
export function memoryJoinLimitStores(
  limits: { readonly keyJoins?: number; readonly addressSeats?: number } = {},
): JoinLimitStores {
  return {
    perKey: new RateLimiterMemory({
      keyPrefix: "join-key",
      points: limits.keyJoins ?? KEY_JOINS,
      duration: KEY_WINDOW_SECONDS,
    }),
    perAddress: new RateLimiterMemory({
      keyPrefix: "join-address",
      points: limits.addressSeats ?? ADDRESS_SEATS,
      duration: ADDRESS_WINDOW_SECONDS,
    }),
  };
}

/** Why a join waits, and for how many seconds. */
export type JoinLimitRefusal = { readonly limit: "key" | "address"; readonly wait: number } | null;

export interface JoinLimits {
  /** Counts a student's join (into a new seat or its own); null when it may go on. */
  take(address: string, clientKey: string, seat: "new" | "back"): Promise<JoinLimitRefusal>;
}

export function createJoinLimits(stores: JoinLimitStores = memoryJoinLimitStores()): JoinLimits {
  return {
    async take(address, clientKey, seat) {
      const keyMs = await takePoint(stores.perKey, clientKey);
      if (keyMs > 0) return { limit: "key", wait: Math.ceil(keyMs / 1000) };
      if (seat === "back") return null;
      const addressMs = await takePoint(stores.perAddress, address);
      return addressMs > 0 ? { limit: "address", wait: Math.ceil(addressMs / 1000) } : null;
    },
  };
}

/** The sentence a refused page shows as it is. */
export function joinLimitSentence(refusal: NonNullable<JoinLimitRefusal>): string {
  return refusal.limit === "key"
    ? `This browser has tried to join too often: try again in ${refusal.wait} s.`
    : `Too many students are joining from this network at once: try again in ${refusal.wait} s.`;
}
