/**
 * A real cluster: Debian's redis-server and PostgreSQL started here on loopback ports in temporary folders,
 * and two or three `npm start` processes sharing them. A session made on one process is found, joined and
 * played through another; when its process is killed mid-round (and when one stops gracefully) the session
 * comes back on a live process from the shared log, and the students and the teacher come back into their
 * seats by themselves through the code's lookup, as the pages do. Two processes racing to bring the same
 * session back: one room, one writer. On a machine without the two servers the suite says it was skipped.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Postgres, startPostgres } from "../../server/cli/postgresProcess.ts";
import { type RedisProcess, startRedis } from "../../server/cli/redisProcess.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import { checkLog, expectOwnSeats, Student } from "./classmates.ts";
import { type Created, waitFor } from "./harness.ts";
import {
  comeBack,
  lookup,
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from "./serverProcess.ts";

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

const folder = (): string => {
  const f = mkdtempSync(join(tmpdir(), "group-exam-cluster-"));
  folders.push(f);
  return f;
};

/** The environment of one process of a cluster on this database. */
const clusterEnv = (databaseUrl: string): Record<string, string> => ({
  REDIS_URL: redis?.url ?? "",
  DATABASE_URL: databaseUrl,
  SEATS_PER_ADDRESS: "1000",
  SESSIONS_PER_ADDRESS: "1000",
});

const start = (databaseUrl: string): Promise<ServerProcess> =>
  startServerProcess(folder(), clusterEnv(databaseUrl));

const config = {
  exam: "independent",
  scheme: { name: "global" },
  maxStudents: 6,
  bots: 4,
  roundSeconds: 3,
  autoAdvance: true,
  reviewSeconds: 0,
  maxRounds: 200,
  endAtCriterion: false,
} as const;

async function createOn(server: ServerProcess): Promise<Created> {
  const res = await fetch(`${server.http}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(config),
  });
  expect(res.status).toBe(201);
  return res.json();
}

/** The room's process as the shared listings say (its public address), or null when it is listed nowhere. */
async function listedAt(sessionId: string): Promise<string | null> {
  const client = new Redis(redis?.url ?? "");
  const raw = await client.hget("roomcaches", sessionId);
  await client.quit();
  if (!raw) return null;
  const listing: unknown = JSON.parse(raw);
  return typeof listing === "object" && listing && "publicAddress" in listing
    ? String(listing.publicAddress)
    : null;
}

const addressOf = (server: ServerProcess): string => server.http.replace("http://", "");

describe.skipIf(process.env.GROUP_EXAM_NO_CLUSTER === "1")("a cluster of processes", () => {
  it("a session made on A is found, joined and played through B; A killed mid-round, then B stopped gracefully: the class goes on on a live process, same seats, nothing acknowledged lost, a replay that verifies", async (context) => {
    if (skipped || !postgres) return context.skip(skipped ?? "no PostgreSQL");
    const db = await createDatabase(postgres.url, "cluster_moves");
    const a = await start(db);
    // Made while A is the only process, so its room is on A.
    const created = await createOn(a);
    const b = await start(db);
    expect(await listedAt(created.id)).toBe(addressOf(a));
    expect(await lookup(b, created.code)).toBe(created.id);

    let via = b;
    const teacherOptions = { role: "teacher", protocol: PROTOCOL_VERSION, token: created.teacherToken };
    let teacher = await comeBack(() => via, created.code, teacherOptions, "the teacher");
    teacher.onMessage("*", () => undefined);
    const students = ["ana", "ben", "cy", "dee"].map(
      (n) => new Student(n, `key-${n}-cluster-000`, created, () => via),
    );
    for (const s of students) await s.join();
    teacher.send("start", {});
    await waitFor(() => teacher.state.round >= 2, "round 2", 20_000);

    const moves: { how: string; ms: number }[] = [];
    const moveAway = async (from: ServerProcess, to: ServerProcess, signal: "SIGKILL" | "SIGTERM") => {
      await waitFor(() => teacher.state.phase === "open", "a round in play", 20_000);
      const roundBefore = teacher.state.round;
      via = to;
      const stopped = Date.now();
      await stopServerProcess(from, signal);
      teacher = await comeBack(() => via, created.code, teacherOptions, "the teacher");
      teacher.onMessage("*", () => undefined);
      for (const s of students) await s.join();
      await waitFor(() => teacher.state.connected === students.length, "every student back", 30_000);
      moves.push({ how: signal, ms: Date.now() - stopped });
      expect(await listedAt(created.id)).toBe(addressOf(to));
      await waitFor(() => teacher.state.phase !== "", "the teacher's state");
      if (teacher.state.phase === "paused") teacher.send("resume", {});
      await waitFor(() => teacher.state.round > roundBefore, "the class to play on", 30_000);
    };

    await moveAway(a, b, "SIGKILL");
    const a2 = await start(db);
    await moveAway(b, a2, "SIGTERM");
    teacher.send("end", {});
    await waitFor(() => teacher.state.phase === "ended", "the end");

    expectOwnSeats(students);
    for (const s of students) expect(s.closings).toContain("restart");
    // Replays and exports are served by any process: here the one that never held the room.
    const c = await start(db);
    const { acknowledged, rounds } = await checkLog(c, created, students);
    expect(acknowledged).toBeGreaterThan(0);
    console.log(
      `cluster: a session moved twice (${moves.map((m) => `${m.how}: every student back in ${m.ms} ms`).join("; ")}), ${acknowledged} acknowledged submissions, 0 lost, ${rounds} rounds replayed`,
    );
    for (const server of [a2, c]) await stopServerProcess(server, "SIGTERM");
  }, 180_000);

  it("two processes racing to bring back the same session after its process was killed: one room, one writer, and every lookup on either finds it", async (context) => {
    if (skipped || !postgres) return context.skip(skipped ?? "no PostgreSQL");
    const db = await createDatabase(postgres.url, "cluster_race");
    const a = await start(db);
    const created = await createOn(a);
    const [b, c] = await Promise.all([start(db), start(db)]);
    await stopServerProcess(a, "SIGKILL");

    // Ten lookups on each at once, as a class's pages would after the kill.
    const lookups = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const server = i % 2 ? b : c;
        for (let tries = 0; tries < 100; tries++) {
          const found = await lookup(server, created.code);
          if (found) return found;
          await new Promise((r) => setTimeout(r, 100));
        }
        return null;
      }),
    );
    expect(new Set(lookups)).toEqual(new Set([created.id]));

    const owner = await listedAt(created.id);
    expect([addressOf(b), addressOf(c)]).toContain(owner);
    const status = await Promise.all([b, c].map(async (s) => (await fetch(`${s.http}/api/status`)).json()));
    expect(status.map((s) => s.rooms).sort()).toEqual([0, 1]);

    const client = new pg.Client({ connectionString: db });
    await client.connect();
    const row = await client.query("SELECT writer, epoch FROM sessions WHERE id = $1", [created.id]);
    await client.end();
    // A made the room (epoch 1); exactly one of B and C took it over (epoch 2), and none took it twice.
    expect(Number(row.rows[0].epoch)).toBe(2);
    expect(row.rows[0].writer).not.toBeNull();
    for (const server of [b, c]) await stopServerProcess(server, "SIGTERM");
  }, 120_000);
});
