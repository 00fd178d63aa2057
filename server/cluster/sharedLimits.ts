/**
 * The rate limits of a cluster, kept in Redis so that they hold across its processes: the same limiters as
 * the in-memory ones (server/rooms/joinLimits.ts, server/http/joinLimiter.ts, server/http/creationLimits.ts),
 * with the same numbers, as rate-limiter-flexible's RateLimiterRedis on an ioredis client. A script that
 * spreads its joins, guesses or creations over the processes meets one budget, not one per process; a code
 * an address found through one process is answered to it by every process.
 *
 * When Redis is away each limiter answers from a memory limiter of this process (rate-limiter-flexible's
 * insurance limiter), with the same numbers, and one log line says so. The other choice, refusing while
 * Redis is away, would lock a class out of joining for a blip of a service they never see: the limits are
 * there to slow scripts, and for the length of an outage a script gets at most one budget per process, the
 * embedded server's limits times the number of processes. A limiter asks Redis only while the client is
 * ready (`rejectIfRedisNotReady`), so an outage costs no wait; commands in flight when it starts fail after
 * one reconnection attempt or the command timeout (LIMITS_CLIENT_OPTIONS). Counts taken in memory during an
 * outage stay in memory: when Redis is back the shared counts start from what they were.
 *
 * The keys start with `ge:` and name their limiter, apart from Colyseus's own keys in the same Redis.
 */
import type { Redis, RedisOptions } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
import {
  CREATION_WINDOW_SECONDS,
  CREATIONS_IN_ALL,
  CREATIONS_PER_ADDRESS,
  type CreationLimits,
  MAX_LIVE_ROOMS,
} from "../http/creationLimits.ts";
import {
  createJoinLimiter,
  FOUND_SECONDS,
  type JoinLimiter,
  type JoinLimiterStores,
  MISSES_PER_MINUTE,
} from "../http/joinLimiter.ts";
import {
  ADDRESS_SEATS,
  ADDRESS_WINDOW_SECONDS,
  createJoinLimits,
  type JoinLimitStores,
  type JoinLimits,
  KEY_JOINS,
  KEY_WINDOW_SECONDS,
} from "../rooms/joinLimits.ts";

/**
 * What the limits' client should be given: commands fail at once while Redis is away (no offline queue),
 * after one reconnection attempt when the connection drops under them, and after half a second when Redis
 * hangs (a loopback or LAN Redis answers in well under a millisecond), so that the insurance limiter
 * answers instead of a student waiting. Not `lazyConnect`: a client that has not connected is not ready,
 * and every limit would be counted in memory until it does.
 */
export const LIMITS_CLIENT_OPTIONS = {
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  commandTimeout: 500,
} as const satisfies RedisOptions;

export type Log = (message: string, data?: Record<string, unknown>) => void;

/**
 * Says once per outage that the limits fell back to this process's memory, and once that Redis is back.
 * A Redis that hangs without closing its connection never becomes "not ready" nor "ready" again, so an
 * outage that goes on (or a second one after such a hang) is said again at most once a minute, with how
 * many answers came from memory meanwhile.
 */
export interface Outage {
  fellBack(): void;
}

const REPEAT_MS = 60_000;

export function watchOutage(client: Redis, log: Log, now: () => number = Date.now): Outage {
  let down = false;
  let saidAt = 0;
  let answers = 0;
  client.on("ready", () => {
    if (down)
      log("Redis answers again: rate limits are shared by the cluster again", { fromMemory: answers });
    down = false;
    answers = 0;
  });
  return {
    fellBack() {
      answers++;
      if (down && now() - saidAt < REPEAT_MS) return;
      log("Redis cannot be reached: rate limits count on this process alone until it answers again", {
        status: client.status,
        fromMemory: answers,
      });
      down = true;
      saidAt = now();
      answers = 0;
    },
  };
}

/** A memory limiter that tells the outage each time it is asked (it is only asked when Redis failed). */
class Insurance extends RateLimiterMemory {
  private readonly outage: Outage;
  constructor(options: ConstructorParameters<typeof RateLimiterMemory>[0], outage: Outage) {
    super(options);
    this.outage = outage;
  }
  override consume(...args: Parameters<RateLimiterMemory["consume"]>) {
    this.outage.fellBack();
    return super.consume(...args);
  }
  override reward(...args: Parameters<RateLimiterMemory["reward"]>) {
    this.outage.fellBack();
    return super.reward(...args);
  }
  override get(...args: Parameters<RateLimiterMemory["get"]>) {
    this.outage.fellBack();
    return super.get(...args);
  }
  override set(...args: Parameters<RateLimiterMemory["set"]>) {
    this.outage.fellBack();
    return super.set(...args);
  }
}

/** A silent outage for callers that build one store alone; sharedLimits passes one that logs. */
const unwatched: Outage = { fellBack: () => undefined };

function limiter(
  client: Redis,
  outage: Outage,
  options: { readonly keyPrefix: string; readonly points: number; readonly duration: number },
): RateLimiterRedis {
  return new RateLimiterRedis({
    ...options,
    storeClient: client,
    // ioredis: `useRedisPackage` is for node-redis and stays off.
    rejectIfRedisNotReady: true,
    insuranceLimiter: new Insurance(options, outage),
  });
}

/** Durations in seconds; the defaults are the in-memory limiters'. Tests shorten them to see keys expire. */
export interface Windows {
  readonly keyJoins?: number;
  readonly addressSeats?: number;
  readonly misses?: number;
  readonly found?: number;
  readonly creations?: number;
}

/** As memoryJoinLimitStores: joins per browser key, new seats per address. */
export function redisJoinLimitStores(
  client: Redis,
  limits: { readonly keyJoins?: number; readonly addressSeats?: number } = {},
  windows: Windows = {},
  outage: Outage = unwatched,
): JoinLimitStores {
  return {
    perKey: limiter(client, outage, {
      keyPrefix: "ge:join-key",
      points: limits.keyJoins ?? KEY_JOINS,
      duration: windows.keyJoins ?? KEY_WINDOW_SECONDS,
    }),
    perAddress: limiter(client, outage, {
      keyPrefix: "ge:join-address",
      points: limits.addressSeats ?? ADDRESS_SEATS,
      duration: windows.addressSeats ?? ADDRESS_WINDOW_SECONDS,
    }),
  };
}

/** As memoryJoinLimiterStores: code misses per address, and the codes each address found. */
export function redisJoinLimiterStores(
  client: Redis,
  missesPerMinute = MISSES_PER_MINUTE,
  windows: Windows = {},
  outage: Outage = unwatched,
): JoinLimiterStores {
  return {
    misses: limiter(client, outage, {
      keyPrefix: "ge:code-miss",
      points: missesPerMinute,
      duration: windows.misses ?? 60,
    }),
    found: limiter(client, outage, {
      keyPrefix: "ge:code-found",
      points: 1,
      duration: windows.found ?? FOUND_SECONDS,
    }),
  };
}

/**
 * As memoryCreationLimits. Creations per address and in total are counted by the cluster; `maxLiveRooms`
 * stays a cap per process, since it guards this process's memory and CPU (each room may hold thousands),
 * and the cluster's capacity grows with its processes.
 */
export function redisCreationLimits(
  client: Redis,
  options: { perAddress?: number; total?: number; maxLiveRooms?: number } = {},
  windows: Windows = {},
  outage: Outage = unwatched,
): CreationLimits {
  const duration = windows.creations ?? CREATION_WINDOW_SECONDS;
  return {
    perAddress: limiter(client, outage, {
      keyPrefix: "ge:create-address",
      points: options.perAddress ?? CREATIONS_PER_ADDRESS,
      duration,
    }),
    total: limiter(client, outage, {
      keyPrefix: "ge:create-total",
      points: options.total ?? CREATIONS_IN_ALL,
      duration,
    }),
    maxLiveRooms: options.maxLiveRooms ?? MAX_LIVE_ROOMS,
  };
}

export interface SharedLimitsOptions {
  readonly log: Log;
  /** Lifted by a load test from one address (SEATS_PER_ADDRESS), as in main.ts. */
  readonly keyJoins?: number;
  readonly addressSeats?: number;
  readonly missesPerMinute?: number;
  /** As memoryCreationLimits's options (SESSIONS_PER_ADDRESS in main.ts). */
  readonly creation?: { perAddress?: number; total?: number; maxLiveRooms?: number };
  readonly windows?: Windows;
}

export interface SharedLimits {
  /** AppOptions.joinLimits */
  readonly joinLimits: JoinLimits;
  /** ApiDeps.codeLimiter */
  readonly codeLimiter: JoinLimiter;
  /** AppOptions.creation */
  readonly creation: CreationLimits;
}

/** Every limit of one process of a cluster, on one client (made with LIMITS_CLIENT_OPTIONS). */
export function sharedLimits(client: Redis, options: SharedLimitsOptions): SharedLimits {
  const outage = watchOutage(client, options.log);
  const windows = options.windows ?? {};
  const joins = { keyJoins: options.keyJoins, addressSeats: options.addressSeats };
  return {
    joinLimits: createJoinLimits(redisJoinLimitStores(client, joins, windows, outage)),
    codeLimiter: createJoinLimiter(redisJoinLimiterStores(client, options.missesPerMinute, windows, outage)),
    creation: redisCreationLimits(client, options.creation, windows, outage),
  };
}
