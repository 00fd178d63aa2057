/**
 * Teacher-paced rounds over real WebSockets: after a round the class stays on its feedback until the teacher
 * (or a presenter's clicker at the projector) moves it on; auto-advance opens the next round by itself with
 * its time in the state; the reveal comes once.
 */
import { describe, expect, it } from "vitest";
import { createSession, joinStaff, joinStudent, sleep, useTestServer, waitFor } from "./harness.ts";

const server = useTestServer();

const config = {
  exam: "independent",
  scheme: { name: "global" },
  maxStudents: 2,
  bots: 3,
  roundSeconds: 600,
  seed: 3,
  endAtCriterion: false,
} as const;

describe("teacher-paced rounds", () => {
  it("wait on the feedback until the teacher or the projector moves on; the projector never cuts a round short", async () => {
    const created = await createSession(server(), config);
    const teacher = await joinStaff(server(), created);
    const projector = await joinStaff(server(), created, "projector");
    const ana = await joinStudent(server(), created, "ana");
    const state = () => teacher.room.state;

    // The projector's clicker starts the session from the lobby.
    projector.room.send("advance", {});
    await waitFor(() => state().phase === "open" && state().round === 1, "round 1");
    // During a round it is refused: a stray click must not close the round.
    projector.room.send("advance", {});
    await waitFor(() => projector.rejected.length === 1, "the refusal");
    expect(projector.rejected[0]).toMatchObject({ type: "advance", reason: "not-now" });
    expect(state().phase).toBe("open");
    // Nor may it do anything else the teacher does.
    projector.room.send("end", {});
    await waitFor(() => projector.rejected.length === 2, "the second refusal");
    expect(projector.rejected[1]).toMatchObject({ type: "end", reason: "not-allowed" });

    ana.room.send("submit", { round: 1, level: 0.4 });
    await waitFor(() => state().phase === "review", "the close");
    await sleep(400);
    expect(state().phase).toBe("review");
    expect(state().nextRoundAt).toBe(0);
    expect(state().autoAdvance).toBe(false);

    // Paused on the feedback and resumed: still on the feedback, waiting.
    teacher.room.send("pause", {});
    await waitFor(() => state().phase === "paused", "the pause");
    teacher.room.send("resume", {});
    await waitFor(() => state().phase === "review", "back on the feedback");
    await sleep(200);
    expect(state().round).toBe(1);

    projector.room.send("advance", {});
    await waitFor(() => state().phase === "open" && state().round === 2, "round 2 from the projector");
    for (const p of [teacher, projector, ana]) await p.room.leave();
  });

  it("open the next round by themselves with auto-advance, its time in the state", async () => {
    const created = await createSession(server(), config);
    const teacher = await joinStaff(server(), created);
    const ana = await joinStudent(server(), created, "ana");
    const state = () => teacher.room.state;
    teacher.room.send("start", {});
    await waitFor(() => state().phase === "open", "round 1");
    ana.room.send("submit", { round: 1, level: 0.4 });
    await waitFor(() => state().phase === "review", "the close");
    const before = Date.now();
    teacher.room.send("autoAdvance", { enabled: true, seconds: 1 });
    await waitFor(() => state().nextRoundAt > 0, "the next round's time");
    expect(state().autoAdvance).toBe(true);
    expect(state().nextRoundAt).toBeGreaterThanOrEqual(before + 900);
    expect(state().nextRoundAt).toBeLessThanOrEqual(Date.now() + 1100);
    await waitFor(() => state().phase === "open" && state().round === 2, "round 2 by itself", 5000);
    expect(state().nextRoundAt).toBe(0);

    // Turned off again: the class waits for the teacher after round 2.
    teacher.room.send("autoAdvance", { enabled: false, seconds: 1 });
    ana.room.send("submit", { round: 2, level: 0.4 });
    await waitFor(() => state().phase === "review" && state().round === 2, "the close of round 2");
    await sleep(1500);
    expect(state().phase).toBe("review");
    for (const p of [teacher, ana]) await p.room.leave();
  });

  it("reveal the keys once: every student gets its own, and a second reveal is refused", async () => {
    const created = await createSession(server(), config);
    const teacher = await joinStaff(server(), created);
    const ana = await joinStudent(server(), created, "ana");
    teacher.room.send("reveal", {});
    await waitFor(() => teacher.rejected.length === 1, "no reveal in the lobby");
    teacher.room.send("start", {});
    await waitFor(() => teacher.room.state.phase === "open", "round 1");
    teacher.room.send("reveal", {});
    await waitFor(() => teacher.room.state.revealed, "the reveal");
    await waitFor(() => ana.you.at(-1)?.key != null, "ana's key");
    const target = [...(teacher.room.state.staff?.roster.values() ?? [])].find(
      (r) => r.nickname === "ana",
    )?.target;
    expect(ana.you.at(-1)?.key).toBe(target);
    teacher.room.send("reveal", {});
    await waitFor(() => teacher.rejected.length === 2, "the second reveal refused");
    expect(teacher.rejected[1]).toMatchObject({ type: "reveal", reason: "not-now" });
    for (const p of [teacher, ana]) await p.room.leave();
  });
});
