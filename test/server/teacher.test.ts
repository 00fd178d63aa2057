/** The teacher's controls over a live session, each seen by the class, each in the replayable log. */
import { describe, expect, it } from "vitest";
import type { LoggedEvent } from "../../shared/session/events.ts";
import { api, createSession, joinStaff, joinStudent, sleep, useTestServer, waitFor } from "./harness.ts";

const server = useTestServer();

describe("the teacher", () => {
  it("pauses, resumes, advances, switches, sets bots and round time, locks, kicks and bans; the log replays", async () => {
    const created = await createSession(server(), {
      exam: "layered",
      scheme: { name: "teams", teamSize: 2 },
      maxStudents: 5,
      bots: 4,
      roundSeconds: 600,
      reviewSeconds: 0,
      autoAdvance: true,
      endAtCriterion: false,
    });
    const teacher = await joinStaff(server(), created);
    const ana = await joinStudent(server(), created, "ana", "key-ana-00000");
    const ben = await joinStudent(server(), created, "ben", "key-ben-00000");
    const time = (await ana.room.request("time", {})) as { now: number };
    expect(Math.abs(time.now - Date.now())).toBeLessThan(1000);

    teacher.room.send("start", {});
    await waitFor(() => teacher.room.state.phase === "open", "round 1");
    const closesAt = teacher.room.state.closesAt;
    expect(closesAt).toBeGreaterThan(Date.now() + 500_000);

    teacher.room.send("pause", {});
    await waitFor(() => teacher.room.state.phase === "paused", "the pause");
    expect(teacher.room.state.remainingMs).toBeGreaterThan(500_000);
    ana.room.send("submit", { round: 1, level: 0.3 });
    await waitFor(() => ana.you.some((y) => y.submitted), "a submission while paused to count");
    teacher.room.send("roundTime", { seconds: 30 });
    teacher.room.send("resume", {});
    await waitFor(() => teacher.room.state.phase === "open", "the resume");

    // A late joiner waits for the next round.
    const cy = await joinStudent(server(), created, "cy", "key-cy-000000");
    await waitFor(() => cy.you.length > 0, "cy's seat");
    expect(cy.you[0].seated).toBe(false);
    cy.room.send("submit", { round: 1, level: 0.5 });
    await waitFor(() => cy.rejected.length > 0, "cy's refusal");
    expect(cy.rejected[0].reason).toBe("not-seated");

    teacher.room.send("scheme", { scheme: { name: "vectorized" } });
    teacher.room.send("bots", { count: 1 });
    teacher.room.send("advance", {});
    await waitFor(() => teacher.room.state.round === 2, "round 2");
    expect(JSON.parse(teacher.room.state.scheme)).toEqual({ name: "vectorized" });
    expect(JSON.parse(teacher.room.state.twinScheme)).toEqual({ name: "global" });
    expect(teacher.room.state.bots).toBe(1);
    expect(teacher.room.state.closesAt - Date.now()).toBeLessThan(31_000);
    await waitFor(() => cy.you.some((y) => y.round === 2 && y.seated), "cy to be seated");

    // Kick frees the seat; ban keeps the student out under any nickname; lock keeps everyone out.
    const benLeft = new Promise<number>((r) => ben.room.onLeave((code: number) => r(code)));
    teacher.room.send("ban", { seat: ben.you[0].seat });
    await benLeft;
    await expect(joinStudent(server(), created, "benjamin", "key-ben-00000")).rejects.toMatchObject({
      code: 403,
    });
    teacher.room.send("kick", { seat: cy.you[0].seat });
    await waitFor(() => teacher.room.state.students === 1, "the kick");
    teacher.room.send("lock", { locked: true });
    await waitFor(() => teacher.room.state.locked, "the lock");
    await expect(joinStudent(server(), created, "dee", "key-dee-00000")).rejects.toMatchObject({ code: 423 });
    teacher.room.send("lock", { locked: false });
    teacher.room.send("kick", { seat: 4 });
    await waitFor(() => teacher.rejected.length > 0, "a refusal for an empty seat");
    expect(teacher.rejected[0].reason).toBe("no-such-seat");

    teacher.room.send("advance", {});
    await waitFor(() => teacher.room.state.round === 3, "round 3");
    teacher.room.send("end", {});
    await waitFor(() => teacher.room.state.phase === "ended", "the end");
    expect(teacher.room.state.endReason).toBe("teacher");
    await sleep(50);

    const events = await api<LoggedEvent[]>(server(), `/sessions/${created.id}/events`, created.teacherToken);
    const types = events.body.map((e) => e.event.type);
    for (const t of [
      "created",
      "joined",
      "started",
      "opened",
      "paused",
      "submitted",
      "roundTime",
      "resumed",
      "scheme",
      "bots",
      "closed",
      "left",
      "locked",
      "ended",
    ])
      expect(types).toContain(t);
    expect(
      events.body.filter((e) => e.event.type === "left").map((e) => (e.event as { reason: string }).reason),
    ).toEqual(["banned", "kicked"]);
    expect((await api(server(), `/sessions/${created.id}/replay`, created.teacherToken)).body).toEqual({
      ok: true,
      rounds: 3,
    });
    // The code of an ended session is told apart from a wrong one.
    const late = await fetch(`${server().http}/api/join/${created.code}`);
    expect(late.status).toBe(410);
    expect(((await late.json()) as { error: string }).error).toMatch(/ended/);
    const json = await api<{ results: unknown[]; events: unknown[] }>(
      server(),
      `/sessions/${created.id}/export.json`,
      created.teacherToken,
    );
    expect(json.body.results).toHaveLength(3);
    expect(json.body.events.length).toBe(events.body.length);
  });
});
