/**
 * Bad input from any client gets a clear refusal, or the client is disconnected with a logged reason; the
 * room goes on and its log stays consistent.
 */
import { Client } from "@colyseus/sdk";
import { describe, expect, it } from "vitest";
import { MISSES_PER_MINUTE } from "../../server/http/joinLimiter.ts";
import { JOIN_CODE_ALPHABET } from "../../shared/protocol/joinCode.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import {
  api,
  createSession,
  joinStaff,
  joinStudent,
  type Participant,
  useTestServer,
  waitFor,
} from "./harness.ts";

const server = useTestServer();

const config = {
  exam: "independent",
  scheme: { name: "vectorized" },
  maxStudents: 10,
  bots: 3,
  roundSeconds: 600,
  reviewSeconds: 0,
  autoAdvance: true,
  endAtCriterion: false,
} as const;

function leaveCode(p: Participant): Promise<number> {
  return new Promise((resolve) => p.room.onLeave((code: number) => resolve(code)));
}

describe("bad input", () => {
  it("disconnects malformed messages, refuses honest mistakes clearly, and the room goes on", async () => {
    const created = await createSession(server(), config);
    const teacher = await joinStaff(server(), created);
    const good = await joinStudent(server(), created, "good");
    const malformed: [string, unknown][] = [
      ["NaN", { round: 1, level: Number.NaN }],
      ["Infinity", { round: 1, level: Number.POSITIVE_INFINITY }],
      ["a string", { round: 1, level: "0.5" }],
      ["an object", { round: 1, level: { value: 0.5 } }],
      ["a huge array", { round: 1, level: new Array(100_000).fill(0.5) }],
      ["no payload", undefined],
    ];
    const offenders = await Promise.all(malformed.map((_, i) => joinStudent(server(), created, `bad${i}`)));
    const mistaken = await joinStudent(server(), created, "mistaken");
    teacher.room.send("start", {});
    await waitFor(() => good.you.some((y) => y.round === 1 && y.seated), "round 1");

    // Malformed: disconnected (4002, or 1009 for a frame over the size limit), nobody else affected.
    const codes = offenders.map(leaveCode);
    for (const [i, [, payload]] of malformed.entries()) offenders[i].room.send("submit", payload);
    for (const code of await Promise.all(codes)) expect([4002, 1009]).toContain(code);

    // Honest mistakes: a clear refusal, still connected.
    mistaken.room.send("submit", { round: 1, level: -0.2 });
    mistaken.room.send("submit", { round: 1, level: 1.5 });
    mistaken.room.send("submit", { round: 2, level: 0.5 });
    mistaken.room.send("submit", { round: 0, level: 0.5 });
    mistaken.room.send("bots", { count: 100 });
    mistaken.room.send("end", {});
    mistaken.room.send("teleport", { to: "mars" });
    await waitFor(() => mistaken.rejected.length === 7, "seven refusals");
    expect(mistaken.rejected.map((r) => r.reason)).toEqual([
      "out-of-range",
      "out-of-range",
      "wrong-round",
      "wrong-round",
      "not-allowed",
      "not-allowed",
      "bad-message",
    ]);
    for (const r of mistaken.rejected) expect(r.message.length).toBeGreaterThan(10);
    expect(teacher.room.state.phase).toBe("open");

    // The room goes on: a real submission closes the round (the offenders' seats are gone).
    good.room.send("submit", { round: 1, level: 0.4 });
    mistaken.room.send("submit", { round: 1, level: 0.4 });
    await waitFor(() => good.feedback.some((f) => f.round === 1), "feedback for the good student");
    const replayed = await api<{ ok: boolean; rounds: number }>(
      server(),
      `/sessions/${created.id}/replay`,
      created.teacherToken,
    );
    expect(replayed.body).toEqual({ ok: true, rounds: 1 });
    expect(server().logs.some((l) => l.message === "refused a message")).toBe(true);
    await Promise.all([good, mistaken, teacher].map((p) => p.room.leave()));
  });

  it("rate-limits a flooding client, then disconnects it", async () => {
    const created = await createSession(server(), config);
    const teacher = await joinStaff(server(), created);
    const flood = await joinStudent(server(), created, "flood");
    const calm = await joinStudent(server(), created, "calm");
    teacher.room.send("start", {});
    await waitFor(() => flood.you.some((y) => y.round === 1 && y.seated), "round 1");
    const left = leaveCode(flood);
    for (let i = 0; i < 1000; i++) flood.room.send("level", { round: 1, level: (i % 100) / 100 });
    expect(await left).toBe(4002);
    expect(flood.rejected.some((r) => r.reason === "rate-limited")).toBe(true);
    calm.room.send("submit", { round: 1, level: 0.5 });
    await waitFor(() => calm.feedback.some((f) => f.round === 1), "the round to go on");
    const replayed = await api<{ ok: boolean }>(
      server(),
      `/sessions/${created.id}/replay`,
      created.teacherToken,
    );
    expect(replayed.body.ok).toBe(true);
    await Promise.all([calm, teacher].map((p) => p.room.leave()));
  });

  it("refuses bad joins with a clear error: a 100 KB nickname, a wrong token, a wrong code, an old page", async () => {
    const created = await createSession(server(), config);
    const join = (options: object) => new Client(server().ws).joinById(created.roomId, options);
    const student = {
      role: "student",
      protocol: PROTOCOL_VERSION,
      code: created.code,
      clientKey: "key-12345678",
    };
    await expect(join({ ...student, nickname: "x".repeat(100_000) })).rejects.toMatchObject({
      code: expect.any(Number),
    });
    await expect(join({ ...student, nickname: "  " })).rejects.toMatchObject({
      code: 400,
      message: expect.stringMatching(/nickname/),
    });
    await expect(join({ ...student, nickname: "ok", code: "WRONGG" })).rejects.toMatchObject({ code: 404 });
    await expect(join({ ...student, nickname: "ok", protocol: 0 })).rejects.toMatchObject({
      message: expect.stringMatching(/reload/),
    });
    await expect(join({ role: "teacher", protocol: PROTOCOL_VERSION, token: "guess" })).rejects.toMatchObject(
      { code: 403 },
    );
    await expect(join({ role: "admin" })).rejects.toMatchObject({ code: 400 });
    const ok = await join({ ...student, nickname: "fine" });
    await ok.leave();
  });

  it("answers wrong join codes of the right shape from one address with 404s, then 429 with a wait", async () => {
    const statuses: number[] = [];
    // Codes a script would guess: the code alphabet, six letters (a typo of the wrong shape costs nothing).
    const guess = (i: number) =>
      `XXXX${JOIN_CODE_ALPHABET[i % 25]}${JOIN_CODE_ALPHABET[Math.floor(i / 25) % 25]}`;
    for (let i = 0; i < 100; i++) statuses.push((await api(server(), `/join/${guess(i)}`)).status);
    expect(statuses.slice(0, MISSES_PER_MINUTE).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(MISSES_PER_MINUTE).every((s) => s === 429)).toBe(true);
    const res = await fetch(`${server().http}/api/join/${guess(101)}`);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await res.json()) as { error: string }).error).toMatch(/Too many wrong codes/);
  });

  it("refuses a bad session configuration and malformed JSON with a JSON error", async () => {
    const post = (body: string) =>
      fetch(`${server().http}/api/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
    const bad = await post(JSON.stringify({ exam: "oral", scheme: { name: "global" } }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/exam/);
    const broken = await post("{not json");
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: string }).error).toMatch(/not understood/);
  });
});
