/**
 * Guessing join codes, without ever locking a class out. Each address may miss a code a few dozen times a
 * minute; a code it has found is always answered to it, whatever it missed since. So a class behind one
 * router (one address for every phone) gets in however many of its students mistype, or however long a
 * bored classmate's script guesses, as soon as one phone from there has found the code; a guessing script
 * gets no answer beyond its budget, and no answer about a code it never found, so a 429 tells it nothing.
 *
 * Only misses count: a lookup takes a point before the code is checked (so a burst in flight cannot
 * overrun the budget) and a hit gives it back. A code of the wrong shape is no guess (the alphabet and the
 * length are public) and costs nothing.
 *
 * The arithmetic (shared/protocol/joinCode.ts: 25 letters and digits, 6 of them): 25^6 = 244,140,625 codes.
 * With N live sessions a random guess hits one with probability N / 244,140,625, so a script needs about
 * 244,140,625 / N guesses to find any class, and about 122,070,313 (half the space) to find one chosen class.
 * At MISSES_PER_MINUTE = 40 guesses a minute from one address (57,600 a day):
 *   - one chosen class: 122,070,313 / 57,600 ≈ 2,119 days (5.8 years) from one address; 21 days from 100;
 *   - any class with N = 1,000 live sessions: 244,141 guesses ≈ 4.2 days from one address; 61 min from 100;
 *   - any class with N = 50 (a busy school server): 4.9 million guesses ≈ 85 days from one address, 20 h
 *     from 100. What a hit gives is a seat as a student, which the teacher sees, kicks, bans or locks out.
 * A class never meets the budget: 30 students who each mistype once are 30 misses, and after the first
 * phone from their address finds the code the rest pass whatever the count. The window is a minute, so an
 * address that did run out (30 students mistyping twice before anyone got it right) waits at most that.
 *
 * Both stores are rate-limiter-flexible limiters, passed in, so several processes can share one (Redis).
 */
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export const MISSES_PER_MINUTE = 40;
/** How long an address keeps a code it found: longer than any class. */
export const FOUND_SECONDS = 12 * 3600;

export interface JoinLimiterStores {
  /** Misses per address; its `points` is the budget per `duration`. */
  readonly misses: RateLimiterAbstract;
  /** The codes each address has found (a key is present or not; its points mean nothing). */
  readonly found: RateLimiterAbstract;
}

/** What `claim` says: wait this many seconds (0: look it up now), and whether it took a point. */
export interface Claim {
  readonly wait: number;
  readonly took: boolean;
}

export interface JoinLimiter {
  /** Before looking a code up: a code this address found passes free; any other takes a point or waits. */
  claim(address: string, code: string): Promise<Claim>;
  /** The code was right (or was right once): the point comes back and the address keeps the code. */
  hit(address: string, code: string, claim: Claim): Promise<void>;
}

export function memoryJoinLimiterStores(missesPerMinute = MISSES_PER_MINUTE): JoinLimiterStores {
  return {
    misses: new RateLimiterMemory({ keyPrefix: "code-miss", points: missesPerMinute, duration: 60 }),
    found: new RateLimiterMemory({ keyPrefix: "code-found", points: 1, duration: FOUND_SECONDS }),
  };
}

/** Takes a point: 0 when it was there, else the milliseconds until the budget refills. */
export async function takePoint(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (refusal) {
    // The limiter refuses with its state; anything else is its store failing, which is not ours to hide.
    if (refusal instanceof RateLimiterRes) return Math.max(1, refusal.msBeforeNext);
    throw refusal;
  }
}

export function createJoinLimiter(stores: JoinLimiterStores = memoryJoinLimiterStores()): JoinLimiter {
  const foundKey = (address: string, code: string) => `${address} ${code}`;
  return {
    async claim(address, code) {
      if (await stores.found.get(foundKey(address, code))) return { wait: 0, took: false };
      const ms = await takePoint(stores.misses, address);
      return ms > 0 ? { wait: Math.ceil(ms / 1000), took: false } : { wait: 0, took: true };
    },
    async hit(address, code, claim) {
      // The store's own duration (FOUND_SECONDS unless a test shortens it), so its keys expire as it says.
      await stores.found.set(foundKey(address, code), 1, stores.found.duration);
      if (claim.took) await stores.misses.reward(address);
    },
  };
}
