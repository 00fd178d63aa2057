/**
 * A whole session over real WebSockets: 3 students and 27 bots under "Good job, everyone", then switched to
 * personal signals, every round checked against the shared engine run directly with the same inputs.
 */
import { describe, expect, it } from "vitest";
import {
  actBots,
  closeRound,
  createClass,
  createSquad,
  deriveSeed,
  feedbackFor,
  learnBots,
  openRound,
  submitLevel,
  switchScheme,
} from "../../shared/engine/index.ts";
import { botSeats, SessionConfig, type SessionDetail } from "../../shared/protocol/session.ts";
import { liveLearner } from "../../shared/session/rates.ts";
import { api, createSession, joinStaff, joinStudent, useTestServer, waitFor } from "./harness.ts";

const server = useTestServer();

const config = {
  exam: "independent",
  scheme: { name: "global" },
  maxStudents: 3,
  bots: 27,
  roundSeconds: 600,
  reviewSeconds: 0,
  autoAdvance: true,
  seed: 42,
} as const;
const levelOf = (round: number, student: number): number =>
  Math.round(((round * 0.13 + student * 0.31) % 1) * 1000) / 1000;

describe("a classroom session", () => {
  it("plays global rounds, then vectorized ones, each round equal to the engine run directly", async () => {
    const created = await createSession(server(), config);
    const teacher = await joinStaff(server(), created);
    const students = [
      await joinStudent(server(), created, "ana"),
      await joinStudent(server(), created, "ben"),
      await joinStudent(server(), created, "cy"),
    ];
    await waitFor(() => students.every((s) => s.you.length > 0), "seats");
    expect(students.map((s) => s.you[0].seat)).toEqual([0, 1, 2]);

    // The engine, directly: same exam, same seats, same bots and rates, same submissions.
    const parsed = SessionConfig.parse(config);
    const capacity = parsed.maxStudents + botSeats(parsed);
    const direct = createClass({
      exam: { kind: "independent", students: capacity, questions: 1, seed: 42 },
      scheme: { name: "global" },
      active: new Uint8Array(capacity).fill(1, 0, 30),
    });
    const bots = Int32Array.from({ length: 27 }, (_, k) => k + 3);
    const squadOf = () =>
      createSquad(direct, {
        bots,
        learner: liveLearner(direct.exam, direct.scheme),
        seed: deriveSeed(42, "live"),
      });
    let squad = squadOf();

    teacher.room.send("start", {});
    for (let round = 1; round <= 8; round++) {
      await waitFor(
        () => students.every((s) => s.you.some((y) => y.round === round && y.seated)),
        `round ${round} to open`,
      );
      if (round === 6) {
        switchScheme(direct, { name: "vectorized" });
        squad = squadOf();
      }
      openRound(direct);
      actBots(squad, direct);
      if (round === 5) {
        teacher.room.send("scheme", { scheme: { name: "vectorized" } });
        await waitFor(() => teacher.room.state.nextScheme !== "", "the switch to be logged");
      }
      for (const [h, s] of students.entries()) {
        s.room.send("level", { round, level: 0.5 });
        s.room.send("submit", { round, level: levelOf(round, h) });
        submitLevel(direct, h, levelOf(round, h));
      }
      const expected = closeRound(direct);
      learnBots(squad, direct, expected);
      await waitFor(
        () => students.every((s) => s.feedback.some((f) => f.round === round)),
        `round ${round} feedback`,
      );
      for (const [h, s] of students.entries()) {
        const got = s.feedback.find((f) => f.round === round);
        expect(got?.feedback).toEqual(feedbackFor(expected, direct.scheme, h));
        expect(got?.feedback.kind).toBe(round < 6 ? "global" : "vector");
      }
      const detail = await api<SessionDetail>(server(), `/sessions/${created.id}`, created.teacherToken);
      const record = detail.body.results[round - 1];
      expect(record.classError).toBe(expected.classError);
      expect(record).toMatchObject({ round, students: 3, bots: 27 });
      expect(record.scheme.name).toBe(round < 6 ? "global" : "vectorized");
      expect(record.twinScheme.name).toBe(round < 6 ? "vectorized" : "global");
    }
    // Every screen gets both curves: the live class's scores and the twin's.
    await waitFor(() => teacher.room.state.scores.length === 8, "scores");
    expect(teacher.room.state.twinScores.length).toBe(8);
    expect([...teacher.room.state.schemes]).toEqual([
      "global",
      "global",
      "global",
      "global",
      "global",
      "vectorized",
      "vectorized",
      "vectorized",
    ]);

    teacher.room.send("end", {});
    await waitFor(() => teacher.room.state.phase === "ended", "the end");
    const detail = await api<SessionDetail>(server(), `/sessions/${created.id}`, created.teacherToken);
    expect(detail.body.status).toBe("ended");
    // Round 9 had opened; the end closes it with the levels that stood.
    expect(detail.body.results).toHaveLength(9);
    expect(
      (
        await api<{ ok: boolean; rounds: number }>(
          server(),
          `/sessions/${created.id}/replay`,
          created.teacherToken,
        )
      ).body,
    ).toEqual({ ok: true, rounds: 9 });
    const csv = await api<string>(server(), `/sessions/${created.id}/export.csv`, created.teacherToken);
    // UTF-8 with its byte-order mark (a decoder drops it from the text: read the bytes), CR LF line ends.
    const raw = await fetch(`${server().http}/api/sessions/${created.id}/export.csv`, {
      headers: { authorization: `Bearer ${created.teacherToken}` },
    });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.body).toContain("\r\n");
    const csvLines = (text: string) =>
      text
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n");
    expect(csvLines(csv.body)[0]).toBe(
      "round,question,scheme,class score,distance to the key,twin scheme,twin score,twin distance,students,bots",
    );
    expect(csvLines(csv.body)).toHaveLength(10);
    const perStudent = await api<string>(
      server(),
      `/sessions/${created.id}/students.csv`,
      created.teacherToken,
    );
    const lines = csvLines(perStudent.body);
    expect(lines[0]).toBe("round,seat,nickname,who,scheme,level,feedback,signal,key,class score");
    // Every round, one line per seat in play (students and bots), each level as the round scored it.
    const seated = detail.body.results.reduce((n, r) => n + r.students + r.bots, 0);
    expect(lines).toHaveLength(1 + seated);
    for (const s of [...students, teacher]) await s.room.leave();
  });
});
