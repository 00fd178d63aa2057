/**
 * What a cluster test stands on: Debian's redis-server and PostgreSQL started for the test file on loopback
 * ports in temporary folders (or the plain reason they cannot be, printed once), a database per test, and
 * `npm start` processes sharing them. Listings are read straight from Redis, as Colyseus keeps them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll } from "vitest";
import { createDatabase, type Postgres, startPostgres } from "../../server/cli/postgresProcess.ts";
import { type RedisProcess, startRedis } from "../../server/cli/redisProcess.ts";
import { type ServerProcess, startServerProcess } from "./serverProcess.ts";

export interface ClusterServices {
  /** Why the cluster cannot run here (a missing package), or null. */
  skipped(): string | null;
  readonly redisUrl: () => string;
  /** A new, empty database for one test. */
  database(name: string): Promise<string>;
  /** One process of the cluster on that database (limits lifted for one machine's many clients). */
  start(databaseUrl: string, env?: Record<string, string>): Promise<ServerProcess>;
  /** The public address of the process whose listing holds the room, or null when none does. */
  listedAt(sessionId: string): Promise<string | null>;
}

export function useClusterServices(): ClusterServices {
  let redis: RedisProcess | null = null;
  let postgres: Postgres | null = null;
  let skipped: string | null = null;
  const folders: string[] = [];

  beforeAll(async () => {
    const r = await startRedis();
    if ("skipped" in r) skipped = r.skipped;
    else redis = r;
    const p = await startPostgres();
    if ("skipped" in p) skipped = [skipped, p.skipped].filter(Boolean).join(" ");
    else postgres = p;
    if (skipped) console.log(`cluster tests skipped: ${skipped}`);
  }, 60_000);

  afterAll(async () => {
    await redis?.stop();
    await postgres?.stop();
    for (const f of folders) rmSync(f, { recursive: true, force: true });
  }, 30_000);

  afterEach(async () => {
    // Each test starts from an empty bus and empty listings (its database is its own).
    if (!redis) return;
    const client = new Redis(redis.url);
    await client.flushall();
    await client.quit();
  });

  const redisUrl = (): string => {
    if (!redis) throw new Error("no redis-server in this run");
    return redis.url;
  };

  return {
    skipped: () => skipped,
    redisUrl,
    database(name) {
      if (!postgres) throw new Error("no PostgreSQL in this run");
      return createDatabase(postgres.url, name);
    },
    start(databaseUrl, env = {}) {
      const folder = mkdtempSync(join(tmpdir(), "group-exam-cluster-"));
      folders.push(folder);
      return startServerProcess(folder, {
        REDIS_URL: redisUrl(),
        DATABASE_URL: databaseUrl,
        SEATS_PER_ADDRESS: "1000",
        SESSIONS_PER_ADDRESS: "1000",
        ...env,
      });
    },
    async listedAt(sessionId) {
      const client = new Redis(redisUrl());
      const raw = await client.hget("roomcaches", sessionId);
      await client.quit();
      if (!raw) return null;
      const listing: unknown = JSON.parse(raw);
      return typeof listing === "object" && listing && "publicAddress" in listing
        ? String(listing.publicAddress)
        : null;
    },
  };
}
