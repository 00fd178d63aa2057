/**
 * Privacy, proven on what a student's client actually received: its own level and feedback, the class
 * aggregates, its own key only at the reveal, and nothing of anyone else; the teacher sees the roster. Under
 * "Good job, everyone" the raw frames are searched for the key in every encoding. The projector, which the
 * whole class sees, receives only what the wall shows: the lobby's names, and once play starts no name, no
 * target, no key and no true correction until the reveal, proven on its raw frames too; and no more bytes
 * per round than the teacher's view, however large the class.
 */

import type { Room } from "@colyseus/sdk";
import { describe, expect, it } from "vitest";
import { framesOf, MeteredClient } from "../../server/cli/meteredClient.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import {
  api,
  type Created,
  createSession,
  joinStaff,
  joinStudent,
  type Participant,
  sleep,
  useTestServer,
  waitFor,
} from "./harness.ts";

const server = useTestServer();

async function playRounds(teacher: Participant, students: Participant[], rounds: number): Promise<void> {
  teacher.room.send("start", {});
  for (let round = 1; round <= rounds; round++) {
    await waitFor(
      () => students.every((s) => s.you.some((y) => y.round === round && y.seated)),
      `round ${round}`,
    );
    for (const [i, s] of students.entries())
      s.room.send("submit", { round, level: (0.2 + 0.1 * i + 0.05 * round) % 1 });
    await waitFor(
      () => students.every((s) => s.feedback.some((f) => f.round === round)),
      `feedback ${round}`,
    );
  }
}

describe("privacy", () => {
  it("gives a student its own level and feedback, its own key only at the reveal, and nothing of another student's", async () => {
    const created = await createSession(server(), {
      exam: "independent",
      scheme: { name: "vectorized" },
      maxStudents: 4,
      bots: 6,
      reviewSeconds: 0,
      autoAdvance: true,
      seed: 5,
      endAtCriterion: false,
    });
    const teacher = await joinStaff(server(), created);
    const projector = await joinStaff(server(), created, "projector");
    const ana = await joinStudent(server(), created, "Anastasia");
    const ben = await joinStudent(server(), created, "Benedetto");
    await playRounds(teacher, [ana, ben], 3);
    await sleep(100);

    // Decoded state: aggregates only, no roster, no class answer.
    const state = ana.room.state;
    expect(state.staff).toBeUndefined();
    expect(state.students).toBe(2);
    expect(state.scores.length).toBe(3);
    const decoded = JSON.stringify(state.toJSON());
    expect(decoded).not.toContain("Benedetto");
    expect(decoded).not.toContain("Anastasia");

    // Messages: only ana's own seat, level, target and signal.
    for (const you of ana.you) expect(you.seat).toBe(ana.you[0].seat);
    for (const f of ana.feedback) expect(f.feedback.kind).toBe("vector");
    expect(JSON.stringify([ana.you, ana.feedback, ana.other])).not.toContain("Benedetto");
    // No key during play, even under personal signals: the signal is the student's, the key is not.
    for (const you of ana.you) expect(you.key).toBeNull();
    teacher.room.send("reveal", {});
    await waitFor(() => ana.you.at(-1)?.key != null && ben.you.at(-1)?.key != null, "the reveal");
    const benTarget = ben.you[ben.you.length - 1].key as number;
    const anaTarget = ana.you[ana.you.length - 1].key as number;
    expect(anaTarget).not.toBe(benTarget);
    expect(JSON.stringify([ana.you, ana.feedback])).not.toContain(String(benTarget));

    // The teacher sees everyone.
    const roster = teacher.room.state.staff?.roster;
    expect(roster?.size).toBe(8);
    const names = [...(roster?.values() ?? [])].map((r) => r.nickname);
    expect(names).toEqual(expect.arrayContaining(["Anastasia", "Benedetto", "bot 1"]));
    // The independent exam's key has a place for every seat: 4 students and 26 bot seats.
    expect(teacher.room.state.staff?.key.length).toBe(30);
    // The projector, only what the wall shows: every seat, no name, and the key since the reveal.
    expect(noStaff(projector.room)).toBe(true);
    await waitFor(() => (projector.room.state.wall?.key.length ?? 0) === 30, "the key on the wall");
    const wallRows = [...(projector.room.state.wall?.seats.values() ?? [])];
    expect(wallRows.length).toBe(8);
    expect(wallRows.map((r) => r.nickname).filter((n) => n !== "")).toEqual([]);
    expect(JSON.stringify(projector.room.state.toJSON())).not.toContain("Anastasia");
    const anaRow = [...(teacher.room.state.staff?.roster.values() ?? [])].find(
      (r) => r.nickname === "Anastasia",
    );
    expect(anaRow?.target).toBe(anaTarget);

    // The private API is closed to anyone without the teacher's token.
    expect((await api(server(), `/sessions/${created.id}`)).status).toBe(404);
    expect((await api(server(), `/sessions/${created.id}/events`, created.projectorToken)).status).toBe(404);
    expect((await api(server(), `/sessions/${created.id}/export.csv`, "guess")).status).toBe(404);
    const list = await api<{ code: string }[]>(server(), "/sessions");
    expect(JSON.stringify(list.body)).not.toContain(created.code);
    expect(JSON.stringify(list.body)).not.toContain("Anastasia");
  });

  it("sends a student the same bytes per round whatever the class size", async () => {
    const perRound: number[] = [];
    for (const bots of [5, 400]) {
      const created = await createSession(server(), {
        exam: "independent",
        scheme: { name: "global" },
        maxStudents: 2,
        bots,
        reviewSeconds: 0,
        autoAdvance: true,
        seed: 5,
        endAtCriterion: false,
      });
      const teacher = await joinStaff(server(), created);
      const ana = await joinStudent(server(), created, "ana");
      const ben = await joinStudent(server(), created, "ben");
      await playRounds(teacher, [ana, ben], 2);
      // Measured from one round's opening to the next, round by round. On a busy machine a window now and
      // then also catches part of its neighbour's patches; the smallest window is one round's true size.
      const opened = (round: number) =>
        waitFor(() => ana.you.some((y) => y.round === round && y.seated), `round ${round}`);
      const sizes: number[] = [];
      await opened(3);
      let before = ana.bytes();
      for (let round = 3; round <= 10; round++) {
        for (const s of [ana, ben]) s.room.send("submit", { round, level: 0.3 });
        await waitFor(() => ana.feedback.some((f) => f.round === round), `feedback ${round}`);
        await opened(round + 1);
        sizes.push(ana.bytes() - before);
        before = ana.bytes();
      }
      perRound.push(Math.min(...sizes));
      teacher.room.send("end", {});
    }
    expect(perRound[0]).toBeGreaterThan(0);
    expect(Math.abs(perRound[1] - perRound[0]) / perRound[0], `bytes per round: ${perRound}`).toBeLessThan(
      0.2,
    );
  });
});

/** Every way a number can travel: float64 and float32 in either byte order, and as decimal text. */
function encodings(x: number): { name: string; bytes: Uint8Array }[] {
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const little of [true, false]) {
    const f64 = new DataView(new ArrayBuffer(8));
    f64.setFloat64(0, x, little);
    out.push({ name: `float64 ${little ? "LE" : "BE"}`, bytes: new Uint8Array(f64.buffer) });
    const f32 = new DataView(new ArrayBuffer(4));
    f32.setFloat32(0, x, little);
    out.push({ name: `float32 ${little ? "LE" : "BE"}`, bytes: new Uint8Array(f32.buffer) });
  }
  for (const digits of [4, 6, 17])
    out.push({ name: `text ${digits}`, bytes: new TextEncoder().encode(x.toPrecision(digits)) });
  return out;
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

describe("blind “Good job” rounds", () => {
  it("send a student nothing over three global rounds that encodes its key or a direction of its own", async () => {
    const created = await createSession(server(), {
      exam: "independent",
      scheme: { name: "global" },
      maxStudents: 4,
      bots: 6,
      seed: 17,
      endAtCriterion: false,
    });
    const teacher = await joinStaff(server(), created);
    const ana = await joinStudent(server(), created, "Anastasia", undefined, { keepFrames: true });
    const ben = await joinStudent(server(), created, "Benedetto");
    teacher.room.send("start", {});
    for (let round = 1; round <= 3; round++) {
      await waitFor(() => ana.you.some((y) => y.round === round && y.seated), `round ${round}`);
      ana.room.send("submit", { round, level: 0.2 + 0.1 * round });
      ben.room.send("submit", { round, level: 0.5 });
      await waitFor(() => ana.feedback.some((f) => f.round === round), `feedback ${round}`);
      if (round < 3) teacher.room.send("advance", {});
    }
    await sleep(100);
    const anaRow = [...(teacher.room.state.staff?.roster.values() ?? [])].find(
      (r) => r.nickname === "Anastasia",
    );
    const key = anaRow?.target ?? Number.NaN;
    expect(key).toBeGreaterThan(0);

    // Messages: its own level, the round, the class score; feedback of one kind for everyone; no key.
    expect(ana.feedback.map((f) => f.feedback.kind)).toEqual(["global", "global", "global"]);
    for (const y of ana.you) expect(y.key).toBeNull();
    expect(ana.other.map((o) => o.type)).toEqual([]);
    // The synchronised state: aggregates only.
    expect(ana.room.state.staff).toBeUndefined();
    // Raw frames, byte by byte: the key in no encoding at all.
    const frames = framesOf(ana.room);
    expect(frames.length).toBeGreaterThan(10);
    for (const frame of frames)
      for (const e of encodings(key)) expect(contains(frame, e.bytes), `${e.name} of the key`).toBe(false);

    // The reveal sends it, and only then.
    teacher.room.send("reveal", {});
    await waitFor(() => ana.you.at(-1)?.key != null, "the reveal");
    expect(ana.you.at(-1)?.key).toBe(key);
  });
});

/**
 * Whether a room's decoded state holds nothing of the teacher's part: the decoder may make the empty shell
 * of the `staff` field, but no roster, key or answer ever arrives in it (the raw frames are searched too).
 */
const noStaff = (room: Room): boolean =>
  room.state.staff?.roster === undefined &&
  room.state.staff?.key === undefined &&
  room.state.staff?.answer === undefined;

/** A projector that keeps every frame it receives, from the join's full state on. */
async function projectorKeepingFrames(created: Created): Promise<Room> {
  const client = new MeteredClient(server().ws);
  client.keepFrames = true;
  return client.joinById(created.roomId, {
    role: "projector",
    protocol: PROTOCOL_VERSION,
    token: created.projectorToken,
  });
}

/** A number's exact encodings only: shorter decimal text could turn up by chance inside other numbers. */
function exactEncodings(x: number): { name: string; bytes: Uint8Array }[] {
  return encodings(x).filter((e) => !e.name.startsWith("text") || e.name === "text 17");
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The frames (from `from` on) that hold `needle`'s bytes. */
function framesWith(frames: readonly Uint8Array[], needle: Uint8Array, from = 0): number[] {
  const hits: number[] = [];
  for (let i = from; i < frames.length; i++) if (contains(frames[i], needle)) hits.push(i);
  return hits;
}

describe("the projector's traffic", () => {
  it("carries no name, no target, no key and no true correction once play starts until the reveal, then what the wall shows", async () => {
    const created = await createSession(server(), {
      exam: "independent",
      scheme: { name: "global" },
      maxStudents: 4,
      bots: 6,
      seed: 23,
      endAtCriterion: false,
    });
    const teacher = await joinStaff(server(), created);
    const wall = await projectorKeepingFrames(created);
    const ana = await joinStudent(server(), created, "Anastasia");
    const ben = await joinStudent(server(), created, "Benedetto");
    // The lobby lists who joined: those names are what the wall shows there.
    await waitFor(() => JSON.stringify(wall.state.toJSON()).includes("Benedetto"), "the lobby's names");
    expect(noStaff(wall)).toBe(true);
    const lobbyFrames = framesOf(wall).length;

    teacher.room.send("start", {});
    await waitFor(() => wall.state.phase === "open", "round 1 on the wall");
    // A student who joins during play, and a projector opened during play.
    const chi = await joinStudent(server(), created, "Chiamaka");
    const late = await projectorKeepingFrames(created);
    const students = [ana, ben, chi];
    const staffRows = () => [...(teacher.room.state.staff?.roster.values() ?? [])];
    const secrets = new Map<string, number>();
    for (let round = 1; round <= 3; round++) {
      await waitFor(() => students.every((s) => s.you.some((y) => y.round === round)), `round ${round}`);
      for (const [k, s] of students.entries())
        s.room.send("submit", { round, level: 0.2 + 0.15 * k + 0.05 * round });
      await waitFor(
        () => teacher.room.state.phase === "review" && teacher.room.state.round === round,
        `review ${round}`,
      );
      await waitFor(
        () => wall.state.phase === "review" && late.state.round === round,
        `review ${round} on the walls`,
      );
      // What the teacher sees and the wall must not: every seat's target and true correction, and the key.
      for (const r of staffRows()) {
        if (r.target >= 0) secrets.set(`target of seat ${r.seat}`, r.target);
        if (r.credit !== 0) secrets.set(`correction of seat ${r.seat}, round ${round}`, r.credit);
      }
      // The key of every held seat (a seat nobody holds keeps a placeholder at the start level, 0.5, as levels do).
      const held = new Set(staffRows().map((r) => r.seat));
      for (const [o, k] of (teacher.room.state.staff?.key ?? []).entries())
        if (held.has(o)) secrets.set(`key ${o}`, k);
      if (round < 3) teacher.room.send("advance", {});
    }
    expect(secrets.size).toBeGreaterThan(20);
    const names = ["Anastasia", "Benedetto", "Chiamaka"];

    const early = framesOf(wall);
    const lateFrames = framesOf(late);
    // At least a patch a round reached each (rounds close as soon as everyone submitted: patches are few).
    expect(early.length - lobbyFrames).toBeGreaterThanOrEqual(3);
    expect(lateFrames.length).toBeGreaterThanOrEqual(3);
    for (const name of names) {
      expect(framesWith(early, utf8(name), lobbyFrames), `${name} on the wall during play`).toEqual([]);
      expect(framesWith(lateFrames, utf8(name)), `${name} to a projector opened during play`).toEqual([]);
    }
    // The one who joined during play was never named to any projector, the lobby's frames included.
    expect(framesWith(early, utf8("Chiamaka"))).toEqual([]);
    for (const [what, value] of secrets)
      for (const e of exactEncodings(value)) {
        expect(framesWith(early, e.bytes, lobbyFrames), `${e.name} of the ${what}`).toEqual([]);
        expect(framesWith(lateFrames, e.bytes), `${e.name} of the ${what}, opened during play`).toEqual([]);
      }
    // The decoded state says the same: no targets, no key.
    for (const room of [wall, late]) {
      expect(noStaff(room)).toBe(true);
      expect(room.state.wall.key.length).toBe(0);
      expect([...room.state.wall.seats.values()].every((r) => r.target === -1 && r.nickname === "")).toBe(
        true,
      );
    }

    // The reveal: the targets and the key come onto the wall (so the searches above could find them); names never.
    const before = lateFrames.length;
    teacher.room.send("reveal", {});
    await waitFor(() => late.state.wall.key.length > 0, "the key on the wall");
    const anaSeat = ana.you[0].seat;
    const anaTarget = staffRows().find((r) => r.seat === anaSeat)?.target ?? Number.NaN;
    expect(late.state.wall.seats.get(String(anaSeat))?.target).toBe(anaTarget);
    const f64 = exactEncodings(anaTarget).find((e) => e.name === "float64 LE");
    if (!f64) throw new Error("no float64 encoding");
    expect(framesWith(framesOf(late), f64.bytes, before).length).toBeGreaterThan(0);
    for (const name of names) expect(framesWith(framesOf(late), utf8(name))).toEqual([]);
    for (const room of [wall, late]) await room.leave();
  });

  it("receives no more bytes per round than the teacher, with 400 bots as with 5", async () => {
    for (const bots of [5, 400]) {
      const created = await createSession(server(), {
        exam: "independent",
        scheme: { name: "vectorized" },
        maxStudents: 2,
        bots,
        reviewSeconds: 0,
        autoAdvance: true,
        seed: 5,
        endAtCriterion: false,
      });
      const teacher = await joinStaff(server(), created);
      const projector = await joinStaff(server(), created, "projector");
      const ana = await joinStudent(server(), created, "ana");
      const ben = await joinStudent(server(), created, "ben");
      await playRounds(teacher, [ana, ben], 2);
      const opened = (round: number) =>
        waitFor(() => ana.you.some((y) => y.round === round && y.seated), `round ${round}`);
      await opened(3);
      // Both views, over the same rounds: rounds opening and closing, and the students' moves between.
      const start = { teacher: teacher.bytes(), projector: projector.bytes() };
      for (let round = 3; round <= 8; round++) {
        for (const s of [ana, ben]) s.room.send("level", { round, level: 0.3 });
        for (const s of [ana, ben]) s.room.send("submit", { round, level: 0.4 });
        await waitFor(() => ana.feedback.some((f) => f.round === round), `feedback ${round}`);
        await opened(round + 1);
      }
      // Whatever is still in flight reaches both: wait until each has its last round's patch.
      await waitFor(
        () => teacher.room.state.round === 9 && projector.room.state.round === 9,
        "round 9 on both views",
      );
      const teacherBytes = teacher.bytes() - start.teacher;
      const projectorBytes = projector.bytes() - start.projector;
      console.log(
        `bytes over 6 rounds with ${bots} bots: teacher ${teacherBytes}, projector ${projectorBytes}`,
      );
      expect(projectorBytes).toBeGreaterThan(0);
      expect(projectorBytes, `with ${bots} bots`).toBeLessThanOrEqual(teacherBytes);
      teacher.room.send("end", {});
    }
  });
});
