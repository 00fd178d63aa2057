/**
 * Privacy, proven on what a student's client actually received: its own level and feedback, the class
 * aggregates, its own key only at the reveal, and nothing of anyone else; the teacher and the projector see
 * the roster. Under "Good job, everyone" the raw frames are searched for the key in every encoding.
 */
import { describe, expect, it } from "vitest";
import { framesOf } from "../../server/cli/meteredClient.ts";
import {
  api,
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

    // Staff see everyone.
    for (const staff of [teacher, projector]) {
      const roster = staff.room.state.staff?.roster;
      expect(roster?.size).toBe(8);
      const names = [...(roster?.values() ?? [])].map((r) => r.nickname);
      expect(names).toEqual(expect.arrayContaining(["Anastasia", "Benedetto", "bot 1"]));
      // The independent exam's key has a place for every seat: 4 students and 26 bot seats.
      expect(staff.room.state.staff?.key.length).toBe(30);
    }
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
