/**
 * A real cluster: Debian's redis-server and PostgreSQL started here on loopback ports in temporary folders,
 * and two or three `npm start` processes sharing them. A session made on one process is found, joined and
 * played through another; when its process is killed mid-round (and when one stops gracefully) the session
 * comes back on a live process from the shared log, and the students and the teacher come back into their
 * seats by themselves through the code's lookup, as the pages do. Two processes racing to bring the same
 * session back: one room, one writer. On a machine without the two servers the suite says it was skipped.
 */
import { Client } from "@colyseus/sdk";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import { checkLog, CLASS_OF_FOUR as config, expectOwnSeats, Student } from "./classmates.ts";
import { useClusterServices } from "./clusterFixture.ts";
import { type Created, joinStaff, joinStudent, waitFor } from "./harness.ts";
import { comeBack, lookup, type ServerProcess, stopServerProcess } from "./serverProcess.ts";

const cluster = useClusterServices();
const start = (databaseUrl: string) => cluster.start(databaseUrl);
const listedAt = (sessionId: string) => cluster.listedAt(sessionId);

async function createOn(server: ServerProcess): Promise<Created> {
  const res = await fetch(`${server.http}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(config),
  });
  expect(res.status).toBe(201);
  return res.json();
}

const addressOf = (server: ServerProcess): string => server.http.replace("http://", "");

describe("a cluster of processes", () => {
  it("a session made on A is found, joined and played through B; A killed mid-round, then B stopped gracefully: the class goes on on a live process, same seats, nothing acknowledged lost, a replay that verifies", async (context) => {
    const skipped = cluster.skipped();
    if (skipped) return context.skip(skipped);
    const db = await cluster.database("cluster_moves");
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

  it("two processes racing to bring back the same session after its process was killed: one room, one writer, every lookup on either finds it, and a ban made before the kill still holds", async (context) => {
    const skipped = cluster.skipped();
    if (skipped) return context.skip(skipped);
    const db = await cluster.database("cluster_race");
    const a = await start(db);
    const created = await createOn(a);
    const [b, c] = await Promise.all([start(db), start(db)]);
    // A ban made on A holds wherever the session goes: it is in the session's log, not in a process.
    const teacher = await joinStaff(b, created);
    const mal = await joinStudent(b, created, "mal", "key-mal-cluster-0");
    await waitFor(() => mal.you.length > 0, "mal's seat");
    let malLeft = false;
    mal.room.onLeave(() => {
      malLeft = true;
    });
    teacher.room.send("ban", { seat: mal.you[0].seat });
    await waitFor(() => malLeft, "the ban to close mal's connection");
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

    for (const server of [b, c])
      await expect(
        new Client(server.ws).joinById(created.id, {
          role: "student",
          protocol: PROTOCOL_VERSION,
          code: created.code,
          nickname: "mal again",
          clientKey: "key-mal-cluster-0",
        }),
      ).rejects.toThrow(/cannot join/);

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

  it("a process that stalls loses its session to a live one; when it wakes, the database refuses its stale room, which tells its pages the class moved, and the class goes on", async (context) => {
    const skipped = cluster.skipped();
    if (skipped) return context.skip(skipped);
    const db = await cluster.database("cluster_stall");
    const a = await start(db);
    const created = await createOn(a);
    const b = await start(db);
    const students = ["ana", "ben"].map((n) => new Student(n, `key-${n}-stall-00000`, created, () => b));
    for (const s of students) await s.join();
    const teacherOptions = { role: "teacher", protocol: PROTOCOL_VERSION, token: created.teacherToken };
    let teacher = await comeBack(() => b, created.code, teacherOptions, "the teacher");
    teacher.onMessage("*", () => undefined);
    teacher.send("start", {});
    await waitFor(() => teacher.state.round >= 1, "round 1", 20_000);

    // A stalls (a long GC pause, a frozen VM): its sockets stay open, but it answers nobody.
    process.kill(-(a.child.pid ?? 0), "SIGSTOP");
    try {
      // A lookup on B finds A not answering its health check, and brings the session back on B.
      for (let tries = 0; (await listedAt(created.id)) !== addressOf(b); tries++) {
        expect(tries).toBeLessThan(100);
        await lookup(b, created.code);
      }
    } finally {
      process.kill(-(a.child.pid ?? 0), "SIGCONT");
    }
    // A wakes with its room still open; its next write is refused by the database, and its pages hear why.
    await waitFor(
      () => students.every((s) => s.closings.includes("moved")),
      "A's room to say the class moved",
      30_000,
    );
    for (const s of students) await s.join();
    teacher = await comeBack(() => b, created.code, teacherOptions, "the teacher");
    teacher.onMessage("*", () => undefined);
    await waitFor(() => teacher.state.connected === students.length, "every student back on B", 30_000);
    await waitFor(() => teacher.state.phase !== "", "the teacher's state");
    if (teacher.state.phase === "paused") teacher.send("resume", {});
    const round = teacher.state.round;
    await waitFor(() => teacher.state.round > round, "the class to play on on B", 30_000);
    expect(await listedAt(created.id)).toBe(addressOf(b));
    expectOwnSeats(students);
    teacher.send("end", {});
    await waitFor(() => teacher.state.phase === "ended", "the end");
    await checkLog(b, created, students);
    expect(a.output().stderr).toContain("another process took this session's log");
    for (const server of [a, b]) await stopServerProcess(server, "SIGTERM");
  }, 150_000);
});
