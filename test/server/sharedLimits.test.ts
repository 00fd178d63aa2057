/**
 * The rate limits of a cluster, on a real redis-server (server/cli/redisProcess.ts): two sets of limiters
 * on two ioredis clients, as two processes of a cluster have them, share one budget for joins per browser
 * key, new seats per address, code misses, found codes and session creations; the keys expire with their
 * windows; and with Redis gone the limiters still answer, from each process's memory, with one log line.
 * Without redis-server installed the file is skipped and says why.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisProcess, startRedis } from "../../server/cli/redisProcess.ts";
import {
  LIMITS_CLIENT_OPTIONS,
  type SharedLimitsOptions,
  sharedLimits,
  watchOutage,
} from "../../server/cluster/sharedLimits.ts";
import { mayCreate } from "../../server/http/creationLimits.ts";
import { MISSES_PER_MINUTE } from "../../server/http/joinLimiter.ts";
import { ADDRESS_SEATS, KEY_JOINS } from "../../server/rooms/joinLimits.ts";
import { sleep, waitFor } from "./harness.ts";

let redis: RedisProcess | null = null;
let skipped = "";
const clients: Redis[] = [];

beforeAll(async () => {
  const started = await startRedis();
  if ("skipped" in started) {
    skipped = started.skipped;
    console.log(`shared rate limits: skipped, ${skipped}`);
  } else redis = started;
});

afterAll(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  await redis?.stop();
});

/** A client as one process of the cluster has it, once it is connected. */
async function connect(url: string): Promise<Redis> {
  const client = new Redis(url, LIMITS_CLIENT_OPTIONS);
  // Reconnection errors are the owner's to log (server/cluster/cluster.ts); here they are expected.
  client.on("error", () => undefined);
  clients.push(client);
  await waitFor(() => client.status === "ready", "the Redis client to connect");
  return client;
}

/** Two processes' limits on one Redis, each with its own client and log. */
async function twoProcesses(url: string, options: Omit<SharedLimitsOptions, "log"> = {}) {
  const logs: string[][] = [[], []];
  const [a, b] = await Promise.all(
    logs.map(async (lines) => sharedLimits(await connect(url), { ...options, log: (m) => lines.push(m) })),
  );
  return { a, b, logs };
}

let serial = 0;
/** A key no other test uses (addresses and browser keys share one Redis across the file). */
const fresh = (what: string) => `${what}-${++serial}-${Math.random().toString(36).slice(2, 8)}`;

/** Polls until `check` holds, a bounded number of times (a window of a second or two must pass). */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`never happened: ${what}`);
}

describe("rate limits shared by the processes of a cluster through Redis", () => {
  it("counts a browser key's joins once across both processes: 20 a minute in all, not 20 each", async (ctx) => {
    if (!redis) return ctx.skip();
    const { a, b } = await twoProcesses(redis.url);
    const key = fresh("key");
    for (let i = 0; i < KEY_JOINS; i++)
      expect(await (i % 2 ? b : a).joinLimits.take(fresh("address"), key, i % 3 ? "back" : "new")).toBeNull();
    expect(await a.joinLimits.take(fresh("address"), key, "back")).toMatchObject({ limit: "key" });
    expect(await b.joinLimits.take(fresh("address"), key, "new")).toMatchObject({ limit: "key" });
    // Another browser is not touched.
    expect(await b.joinLimits.take(fresh("address"), fresh("key"), "new")).toBeNull();
  });

  it("counts an address's new seats across both processes, and a seat taken back costs none", async (ctx) => {
    if (!redis) return ctx.skip();
    const { a, b } = await twoProcesses(redis.url);
    const address = fresh("address");
    for (let i = 0; i < ADDRESS_SEATS; i++)
      expect(await (i % 2 ? b : a).joinLimits.take(address, fresh("key"), "new")).toBeNull();
    expect(await a.joinLimits.take(address, fresh("key"), "new")).toMatchObject({ limit: "address" });
    expect(await b.joinLimits.take(address, fresh("key"), "new")).toMatchObject({ limit: "address" });
    expect(await b.joinLimits.take(address, fresh("key"), "back")).toBeNull();
    expect(await a.joinLimits.take(fresh("address"), fresh("key"), "new")).toBeNull();
  });

  it("feels an address's code misses on one process on the other, and answers a code found on one on both", async (ctx) => {
    if (!redis) return ctx.skip();
    const { a, b } = await twoProcesses(redis.url);
    const address = fresh("address");
    const code = "ABCDEF";
    const found = await a.codeLimiter.claim(address, code);
    expect(found).toEqual({ wait: 0, took: true });
    await a.codeLimiter.hit(address, code, found);
    // The hit gave its point back: the whole budget of misses is left, spent half on each process.
    for (let i = 0; i < MISSES_PER_MINUTE; i++)
      expect(await (i % 2 ? b : a).codeLimiter.claim(address, `MISS${i}`)).toEqual({ wait: 0, took: true });
    const refused = await b.codeLimiter.claim(address, "ZZZZZZ");
    expect(refused.took).toBe(false);
    expect(refused.wait).toBeGreaterThan(0);
    expect((await a.codeLimiter.claim(address, "YYYYYY")).wait).toBeGreaterThan(0);
    // The code found through A passes free through B, whatever the address missed since.
    expect(await b.codeLimiter.claim(address, code)).toEqual({ wait: 0, took: false });
    expect(await b.codeLimiter.claim(fresh("address"), "ZZZZZZ")).toEqual({ wait: 0, took: true });
  });

  it("counts session creations per address and in total across both processes", async (ctx) => {
    if (!redis) return ctx.skip();
    const { a, b } = await twoProcesses(redis.url, { creation: { perAddress: 3, total: 5 } });
    const teacher = fresh("address");
    for (let i = 0; i < 3; i++)
      expect(await mayCreate((i % 2 ? b : a).creation, teacher, 0)).toEqual({ ok: true });
    expect(await mayCreate(b.creation, teacher, 0)).toMatchObject({ ok: false, status: 429 });
    expect(await mayCreate(a.creation, fresh("address"), 0)).toEqual({ ok: true });
    expect(await mayCreate(b.creation, fresh("address"), 0)).toEqual({ ok: true });
    const inAll = await mayCreate(a.creation, fresh("address"), 0);
    expect(inAll).toMatchObject({ ok: false, status: 429 });
    expect(inAll.ok === false && inAll.error).toMatch(/making sessions as fast as it can/);
  });

  it("keeps the cap on live rooms per process: a full process refuses while the other still creates", async (ctx) => {
    if (!redis) return ctx.skip();
    const { a, b } = await twoProcesses(redis.url, { creation: { maxLiveRooms: 2 } });
    expect(await mayCreate(a.creation, fresh("address"), 2)).toMatchObject({ ok: false, status: 503 });
    expect(await mayCreate(b.creation, fresh("address"), 1)).toEqual({ ok: true });
  });

  it("lets every count expire with its window, in Redis as in memory", async (ctx) => {
    if (!redis) return ctx.skip();
    const windows = { keyJoins: 1, addressSeats: 1, misses: 1, found: 1, creations: 1 };
    const { a, b } = await twoProcesses(redis.url, {
      keyJoins: 1,
      addressSeats: 1,
      missesPerMinute: 1,
      creation: { perAddress: 1 },
      windows,
    });
    const [key, joiner, guesser, teacher] = ["key", "address", "address", "address"].map(fresh);
    expect(await a.joinLimits.take(joiner, key, "new")).toBeNull();
    expect(await b.joinLimits.take(fresh("address"), key, "new")).toMatchObject({ limit: "key" });
    expect(await b.joinLimits.take(joiner, fresh("key"), "new")).toMatchObject({ limit: "address" });
    const found = await a.codeLimiter.claim(guesser, "FOUND1");
    await a.codeLimiter.hit(guesser, "FOUND1", found);
    expect(await a.codeLimiter.claim(guesser, "MISS01")).toEqual({ wait: 0, took: true });
    expect((await b.codeLimiter.claim(guesser, "MISS02")).wait).toBeGreaterThan(0);
    expect(await b.codeLimiter.claim(guesser, "FOUND1")).toEqual({ wait: 0, took: false });
    expect(await mayCreate(a.creation, teacher, 0)).toEqual({ ok: true });
    expect(await mayCreate(b.creation, teacher, 0)).toMatchObject({ ok: false, status: 429 });

    // Each key is stored with its window's expiry (at most a second), under its own `ge:` prefix.
    const look = clients[clients.length - 1];
    for (const stored of [
      `ge:join-key:${key}`,
      `ge:join-address:${joiner}`,
      `ge:code-miss:${guesser}`,
      `ge:code-found:${guesser} FOUND1`,
      `ge:create-address:${teacher}`,
    ]) {
      const ttl = await look.pttl(stored);
      expect(ttl, stored).toBeGreaterThan(0);
      expect(ttl, stored).toBeLessThanOrEqual(1000);
    }

    await eventually(
      async () => (await b.joinLimits.take(fresh("address"), key, "new")) === null,
      "the key's joins to expire",
    );
    await eventually(
      async () => (await b.joinLimits.take(joiner, fresh("key"), "new")) === null,
      "the seats to expire",
    );
    await eventually(async () => (await b.codeLimiter.claim(guesser, "MISS03")).took, "the misses to expire");
    // The found code is gone with its window: looking it up is a guess again, and takes a point.
    await eventually(
      async () => (await look.exists(`ge:code-found:${guesser} FOUND1`)) === 0,
      "the found code to expire",
    );
    expect(await a.codeLimiter.claim(guesser, "FOUND1")).not.toEqual({ wait: 0, took: false });
    await eventually(async () => (await mayCreate(b.creation, teacher, 0)).ok, "the creations to expire");
  });

  it("says an outage that goes on again at most once a minute, with how many answers came from memory", async (ctx) => {
    if (!redis) return ctx.skip();
    const lines: Record<string, unknown>[] = [];
    let now = 0;
    const outage = watchOutage(
      await connect(redis.url),
      (_, data) => lines.push(data ?? {}),
      () => now,
    );
    for (let i = 0; i < 5; i++) outage.fellBack();
    now += 59_000;
    outage.fellBack();
    expect(lines).toHaveLength(1);
    now += 2_000;
    outage.fellBack();
    expect(lines).toMatchObject([{ fromMemory: 1 }, { fromMemory: 6 }]);
  });

  it("answers from each process's memory when Redis stops mid-test, with one log line and no throw", async (ctx) => {
    if (!redis) return ctx.skip();
    const own = await startRedis();
    if ("skipped" in own) return ctx.skip();
    try {
      const { a, b, logs } = await twoProcesses(own.url, { creation: { perAddress: 3 } });
      const key = fresh("key");
      for (let i = 0; i < 5; i++) expect(await a.joinLimits.take(fresh("address"), key, "new")).toBeNull();
      expect(logs).toEqual([[], []]);

      await own.stop();
      const address = fresh("address");
      // The limits still hold, per process: this key gets a fresh budget of 20 on A, and no more.
      for (let i = 0; i < KEY_JOINS; i++) expect(await a.joinLimits.take(address, key, "back")).toBeNull();
      expect(await a.joinLimits.take(address, key, "back")).toMatchObject({ limit: "key" });
      const claim = await a.codeLimiter.claim(address, "ABCDEF");
      expect(claim).toEqual({ wait: 0, took: true });
      await a.codeLimiter.hit(address, "ABCDEF", claim);
      expect(await a.codeLimiter.claim(address, "ABCDEF")).toEqual({ wait: 0, took: false });
      for (let i = 0; i < 3; i++) expect(await mayCreate(a.creation, address, 0)).toEqual({ ok: true });
      expect(await mayCreate(a.creation, address, 0)).toMatchObject({ ok: false, status: 429 });
      expect(await b.joinLimits.take(address, fresh("key"), "new")).toBeNull();

      expect(logs[0]).toHaveLength(1);
      expect(logs[0][0]).toMatch(/Redis cannot be reached: rate limits count on this process alone/);
      expect(logs[1]).toHaveLength(1);
    } finally {
      await own.stop();
    }
  });
});
