/**
 * A session outlives its process. A real server process with a class of SDK students and bots is killed at
 * random moments (SIGKILL, and SIGTERM for a graceful stop) and restarted on the same data each time. The
 * students come back by themselves the way the page does (by their browser key, through the code's lookup),
 * each into its own seat; the teacher comes back with its token and resumes the class the restart paused.
 * Nothing a student saw acknowledged is missing from the log, the session finishes, and its replay verifies.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Room } from "@colyseus/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { createRng, deriveSeed, nextFloat } from "../../shared/engine/random.ts";
import type { ClosingMessage, YouMessage } from "../../shared/protocol/messages.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import type { LoggedEvent } from "../../shared/session/events.ts";
import { type Created, waitFor } from "./harness.ts";
import { comeBack, type ServerProcess, startServerProcess, stopServerProcess } from "./serverProcess.ts";

const dataDir = mkdtempSync(join(tmpdir(), "group-exam-resume-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let server: ServerProcess;

const back = (code: string, options: Record<string, unknown>, what: string) =>
  comeBack(() => server, code, options, what);

/** A student with human habits: it moves its slider and submits each round, and comes back after every stop. */
class Student {
  room: Room | null = null;
  readonly seats: number[] = [];
  /** (round, level) pairs the server acknowledged: a `you` after the submission was on disk. */
  readonly acknowledged = new Map<number, number>();
  readonly closings: string[] = [];
  readonly nickname: string;
  readonly clientKey: string;
  readonly created: Created;
  private readonly random: () => number;
  constructor(nickname: string, clientKey: string, created: Created) {
    this.nickname = nickname;
    this.clientKey = clientKey;
    this.created = created;
    const rng = createRng(deriveSeed(7, nickname));
    this.random = () => nextFloat(rng);
  }

  async join(): Promise<void> {
    const options = {
      role: "student",
      protocol: PROTOCOL_VERSION,
      code: this.created.code,
      nickname: this.nickname,
      clientKey: this.clientKey,
    };
    const room = await back(this.created.code, options, this.nickname);
    room.reconnection.enabled = false;
    this.room = room;
    room.onMessage("feedback", () => {});
    room.onMessage("rejected", () => {});
    room.onMessage("closing", (m: ClosingMessage) => this.closings.push(m.reason));
    room.onMessage("you", (you: YouMessage) => this.onYou(room, you));
    room.onLeave(() => {
      if (this.room === room) this.room = null;
    });
  }

  private onYou(room: Room, you: YouMessage): void {
    if (this.seats.at(-1) !== you.seat) this.seats.push(you.seat);
    if (you.submitted) {
      this.acknowledged.set(you.round, you.level);
      return;
    }
    if (you.round > 0 && you.seated && this.random() < 0.9)
      room.send("submit", { round: you.round, level: Math.round(this.random() * 100) / 100 });
  }
}

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

describe("a session outlives its process", () => {
  it("comes back after 10 SIGKILLs and 2 SIGTERMs at random moments: own seats, nothing acknowledged lost, a replay that verifies", async () => {
    server = await startServerProcess(dataDir);
    const res = await fetch(`${server.http}/api/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(config),
    });
    const created: Created = await res.json();
    const teacherOptions = { role: "teacher", protocol: PROTOCOL_VERSION, token: created.teacherToken };
    let teacher = await back(created.code, teacherOptions, "the teacher");
    teacher.onMessage("*", () => undefined);
    const students = ["ana", "ben", "cy", "dee"].map((n) => new Student(n, `key-${n}-resume-0000`, created));
    for (const s of students) await s.join();
    teacher.send("start", {});
    await waitFor(() => teacher.state.round >= 1, "round 1");

    const rng = createRng(2026);
    const random = () => nextFloat(rng);
    const signals: ("SIGKILL" | "SIGTERM")[] = [...Array(10).fill("SIGKILL"), "SIGTERM", "SIGTERM"];
    const backInMs: number[] = [];
    for (const signal of signals) {
      // A random moment: mid-round, at a close, in a burst of submissions.
      await new Promise((r) => setTimeout(r, 150 + random() * 1500));
      const roundBefore = teacher.state.round;
      await stopServerProcess(server, signal);
      const restarted = Date.now();
      server = await startServerProcess(dataDir);
      teacher = await back(created.code, teacherOptions, "the teacher");
      teacher.onMessage("*", () => undefined);
      for (const s of students) await s.join();
      await waitFor(() => teacher.state.connected === students.length, "every student back", 20_000);
      backInMs.push(Date.now() - restarted);
      await waitFor(() => teacher.state.phase !== "", "the teacher's state");
      if (teacher.state.phase === "paused") teacher.send("resume", {});
      await waitFor(() => teacher.state.round > roundBefore, "the class to play on", 30_000);
    }
    teacher.send("end", {});
    await waitFor(() => teacher.state.phase === "ended", "the end");

    for (const s of students) expect(new Set(s.seats).size, `${s.nickname} kept one seat`).toBe(1);
    expect(new Set(students.map((s) => s.seats[0])).size).toBe(students.length);
    // A graceful stop told every page it would be right back.
    for (const s of students)
      expect(s.closings.filter((c) => c === "restart").length).toBeGreaterThanOrEqual(1);

    const auth = { headers: { authorization: `Bearer ${created.teacherToken}` } };
    const log: LoggedEvent[] = await (
      await fetch(`${server.http}/api/sessions/${created.id}/events`, auth)
    ).json();
    const submitted = new Set(
      log.flatMap(({ event }) =>
        event.type === "submitted" && event.final ? [`${event.seat}:${event.round}:${event.level}`] : [],
      ),
    );
    let acknowledged = 0;
    for (const s of students)
      for (const [round, level] of s.acknowledged) {
        acknowledged++;
        expect(submitted.has(`${s.seats[0]}:${round}:${level}`), `${s.nickname} round ${round}`).toBe(true);
      }
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    const replay = await (await fetch(`${server.http}/api/sessions/${created.id}/replay`, auth)).json();
    expect(replay).toMatchObject({ ok: true });
    const sorted = [...backInMs].sort((a, b) => a - b);
    console.log(
      `resume: ${signals.length} stops survived (${signals.filter((s) => s === "SIGKILL").length} SIGKILL), ${acknowledged} acknowledged submissions, 0 lost, ${replay.rounds} rounds replayed; from the restart to every student back in its seat: median ${sorted[sorted.length >> 1]} ms, max ${sorted.at(-1)} ms`,
    );
    await stopServerProcess(server, "SIGTERM");
  }, 240_000);
});
