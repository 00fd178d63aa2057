/**
 * What the restart and cluster tests stand on: a student with human habits (SDK, real WebSockets) that
 * submits most rounds, notes what the server acknowledged, and comes back into its seat after every stop the
 * way the page does (by its browser key, through the code's lookup); and reading a session's log as its
 * teacher to check that nothing acknowledged is missing and that the log replays.
 */
import type { Room } from "@colyseus/sdk";
import { expect } from "vitest";
import { createRng, deriveSeed, nextFloat } from "../../shared/engine/random.ts";
import type { ClosingMessage, YouMessage } from "../../shared/protocol/messages.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import type { LoggedEvent } from "../../shared/session/events.ts";
import type { Created, Reachable } from "./harness.ts";
import { comeBack, type ServerProcess } from "./serverProcess.ts";

/** A student with human habits: it moves its slider and submits each round, and comes back after every stop. */
export class Student {
  room: Room | null = null;
  readonly seats: number[] = [];
  /** (round, level) pairs the server acknowledged: a `you` after the submission was on disk. */
  readonly acknowledged = new Map<number, number>();
  readonly closings: string[] = [];
  readonly nickname: string;
  readonly clientKey: string;
  readonly created: Created;
  /** The process it looks its code up at (any process of a cluster). */
  readonly server: () => Reachable;
  private readonly random: () => number;
  constructor(nickname: string, clientKey: string, created: Created, server: () => Reachable) {
    this.nickname = nickname;
    this.clientKey = clientKey;
    this.created = created;
    this.server = server;
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
    const room = await comeBack(this.server, this.created.code, options, this.nickname);
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

/** The class these tests play: four students with human habits, four bots, 3 s rounds that run on. */
export const CLASS_OF_FOUR = {
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

/**
 * Reads the session's log through `server` and checks it: every acknowledged submission is in it, its
 * sequence is 1..n, and its replay verifies. Returns the number checked and the rounds replayed.
 */
export async function checkLog(
  server: ServerProcess,
  created: Created,
  students: readonly Student[],
): Promise<{ acknowledged: number; rounds: number; log: LoggedEvent[] }> {
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
  return { acknowledged, rounds: replay.rounds, log };
}

/** Each student kept one seat through every stop, and no two share one. */
export function expectOwnSeats(students: readonly Student[]): void {
  for (const s of students) expect(new Set(s.seats).size, `${s.nickname} kept one seat`).toBe(1);
  expect(new Set(students.map((s) => s.seats[0])).size).toBe(students.length);
}
