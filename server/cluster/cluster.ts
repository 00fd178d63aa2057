/**
 * One process of a cluster: Colyseus's own Redis presence (the message bus between processes) and Redis
 * driver (the room listings every process reads), switched on by REDIS_URL. Each process announces its own
 * public address, so a page connects straight to the process that holds its room, as Colyseus intends (no
 * sticky sessions); any process answers the HTTP API and the matchmaker.
 *
 * Two known 0.18 problems, and what guards against each here:
 * - A missed health-check ping makes another process sweep a live process's listings. Colyseus 0.18.17
 *   restores its own swept listings within 5 s (its "swept" receipt), and a room listed nowhere is still
 *   safe: a lookup that finds no listing tries to load the session, and the store refuses a second writer
 *   while the live one holds it (store.ts), so no second room is made.
 * - A room create that timed out on a slow process is made again locally, and both may finish. Both rooms
 *   claim the session in onCreate and only one claim succeeds; the other onCreate fails, so the duplicate
 *   never opens. A process that is not listening on the bus is never chosen to create a room.
 *
 * Whether a process is gone is asked of Redis first (its bus channel has no subscriber once its connection
 * closes, at once when the process dies), then of Colyseus's health check (a process that listens but does
 * not answer within 2 s is swept the same way). Every process also sweeps, once a second, the listings of
 * any process that no longer listens: without that, a page's join by its room id after a kill waits 4 s
 * (Colyseus's remote call, then its health check) before it is told the room is gone and looks it up anew.
 * A live process swept by mistake (its bus connection blinked) is told so, and lists its rooms again. In
 * the second before a sweep, a join by room id or a reconnection to a room whose process stopped listening
 * sweeps it first, so it is told at once that the room is not there.
 */
import { matchMaker } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { Redis } from "ioredis";
import type { Liveness } from "../rooms/writers.ts";
import { LIMITS_CLIENT_OPTIONS } from "./sharedLimits.ts";

const SWEEP_EVERY_MS = 1000;

export interface ClusterOptions {
  readonly redisUrl: string;
  /** Where pages reach this process: host:port, or host/path behind a proxy that routes by path. */
  readonly publicAddress: string;
  readonly log: (message: string, data?: Record<string, unknown>) => void;
}

export interface Cluster {
  readonly presence: RedisPresence;
  readonly driver: RedisDriver;
  readonly publicAddress: string;
  /** A client of its own for the shared rate limits (fails fast while Redis is away; see sharedLimits.ts). */
  readonly redis: Redis;
  readonly liveness: Liveness;
  /** Colyseus's choice of a process for a new room: the least loaded of those listening on the bus. */
  readonly selectProcessIdToCreateRoom: () => Promise<string>;
  /**
   * Starts sweeping, once a second, the listings of processes that stopped listening, and checks the process
   * of the room a join by id or a reconnection names before Colyseus calls it (see the docblock).
   */
  watch(): void;
  close(): Promise<void>;
}

/** The process ids listening on the bus now (Colyseus subscribes each process to `p:<id>`). */
async function listening(presence: RedisPresence): Promise<Set<string>> {
  const channels: string[] = await presence.channels("p:*");
  return new Set(channels.map((c) => c.slice(2)));
}

export function joinCluster(options: ClusterOptions): Cluster {
  const presence = new RedisPresence(options.redisUrl);
  const driver = new RedisDriver(options.redisUrl);
  const redis = new Redis(options.redisUrl, LIMITS_CLIENT_OPTIONS);
  // Without a listener ioredis throws its errors; sharedLimits.ts says an outage once, not every retry.
  redis.on("error", () => undefined);

  const liveness: Liveness = {
    self: () => matchMaker.processId,
    async isGone(processId) {
      if (processId === matchMaker.processId) return false;
      if ((await listening(presence)).has(processId) && (await matchMaker.healthCheckProcessId(processId)))
        return false;
      await sweep(processId);
      return true;
    },
  };

  /** A gone process's listings go, so no lookup sends a page to it again (the health check sweeps them too). */
  const sweep = async (processId: string): Promise<void> => {
    await driver.cleanup(processId);
    await matchMaker.stats.excludeProcess(processId);
    // Colyseus's receipt: a process that was alive after all restores its listings within 5 s.
    await presence.setex(`swept:${processId}`, "1", 600);
    options.log("a process of the cluster is gone; its sessions come back on the others", { processId });
  };

  let watching: NodeJS.Timeout | null = null;
  let sweeping = false;
  const sweepSilent = async (): Promise<void> => {
    if (sweeping) return;
    sweeping = true;
    try {
      const live = await listening(presence);
      for (const { processId } of await matchMaker.stats.fetchAll())
        if (processId !== matchMaker.processId && !live.has(processId)) await sweep(processId);
    } catch {
      // Redis is away: the next second tries again, and lookups still check liveness themselves.
    } finally {
      sweeping = false;
    }
  };

  return {
    presence,
    driver,
    publicAddress: options.publicAddress,
    redis,
    liveness,
    async selectProcessIdToCreateRoom() {
      const live = await listening(presence);
      const candidates = (await matchMaker.stats.fetchAll()).filter(
        (s) => s.processId === matchMaker.processId || live.has(s.processId),
      );
      candidates.sort((a, b) => a.roomCount - b.roomCount);
      return candidates[0]?.processId ?? matchMaker.processId;
    },
    watch() {
      watching ??= setInterval(() => void sweepSilent(), SWEEP_EVERY_MS);
      watching.unref();
      const invoke = matchMaker.controller.invokeMethod.bind(matchMaker.controller);
      matchMaker.controller.invokeMethod = async (method, roomId, clientOptions, authOptions) => {
        if (method === "joinById" || method === "reconnect") {
          const listing = await driver.findOne({ roomId });
          const processId = listing?.processId;
          if (processId && processId !== matchMaker.processId && !(await listening(presence)).has(processId))
            await sweep(processId);
        }
        return invoke(method, roomId, clientOptions, authOptions);
      };
    },
    async close() {
      if (watching) clearInterval(watching);
      await redis.quit().catch(() => undefined);
    },
  };
}

/**
 * The address pages use for this process's WebSockets: PUBLIC_ADDRESS when given (host:port or host/path),
 * else the host of PUBLIC_URL with this port, else the address it listens on when that is one address,
 * else the first LAN address, else localhost.
 */
export function publicAddressFrom(
  env: { readonly PUBLIC_ADDRESS?: string; readonly PUBLIC_URL?: string },
  listen: { readonly host: string; readonly port: number },
  lanAddress: string | undefined,
): string {
  const { host, port } = listen;
  const given = env.PUBLIC_ADDRESS?.trim()
    .replace(/^[a-z]+:\/\//, "")
    .replace(/\/+$/, "");
  if (given) return given;
  if (env.PUBLIC_URL) {
    try {
      return `${new URL(env.PUBLIC_URL).hostname}:${port}`;
    } catch {
      // Not a URL: main.ts has said so; fall through to the LAN address.
    }
  }
  if (host !== "0.0.0.0" && host !== "::") return `${host.includes(":") ? `[${host}]` : host}:${port}`;
  return `${lanAddress ?? "localhost"}:${port}`;
}
