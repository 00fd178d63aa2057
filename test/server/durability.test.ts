/**
 * A server killed with SIGKILL at any moment loses no committed event: after a restart the sessions list and
 * every log read as before, the session is still live (it resumes: see resume.test.ts), and its log still
 * replays exactly.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import type { SessionDetail, SessionSummary } from "../../shared/protocol/session.ts";
import type { LoggedEvent } from "../../shared/session/events.ts";
import { type Created, joinStaff, joinStudent, type Reachable, waitFor } from "./harness.ts";
import { startServerProcess, stopServerProcess } from "./serverProcess.ts";

const get = async <T>(server: Reachable, path: string, token?: string): Promise<T> =>
  (await (
    await fetch(`${server.http}/api${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  ).json()) as T;

describe("durability", () => {
  it("keeps every committed event through a SIGKILL, and keeps the session live after a restart", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "group-exam-kill-"));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const first = await startServerProcess(dataDir);
    const res = await fetch(`${first.http}/api/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        exam: "readout",
        scheme: { name: "global" },
        maxStudents: 3,
        bots: 5,
        roundSeconds: 600,
        reviewSeconds: 0,
        autoAdvance: true,
        endAtCriterion: false,
      }),
    });
    const created = (await res.json()) as Created;
    const teacher = await joinStaff(first, created);
    const ana = await joinStudent(first, created, "ana");
    const ben = await joinStudent(first, created, "ben");
    teacher.room.send("start", {});
    for (let round = 1; round <= 3; round++) {
      await waitFor(() => ana.you.some((y) => y.round === round && y.seated), `round ${round}`);
      ana.room.send("submit", { round, level: 0.1 * round });
      ben.room.send("submit", { round, level: 0.2 * round });
      await waitFor(() => ana.feedback.some((f) => f.round === round), `feedback ${round}`);
    }
    // A submission in round 4: once the teacher sees it, it is on disk (the room shows nothing before that).
    await waitFor(() => ana.you.some((y) => y.round === 4), "round 4");
    ana.room.send("level", { round: 4, level: 0.77 });
    await waitFor(() => teacher.room.state.staff?.roster.get("0")?.level === 0.77, "the submission to show");
    const before = await get<LoggedEvent[]>(first, `/sessions/${created.id}/events`, created.teacherToken);

    // A burst of submissions, killed in the middle of it.
    for (let i = 0; i < 200; i++) ben.room.send("level", { round: 4, level: (i % 10) / 10 });
    await stopServerProcess(first, "SIGKILL");

    const second = await startServerProcess(dataDir);
    const list = (await (
      await fetch(`${second.http}/api/sessions/list`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ teacherTokens: [created.teacherToken] }),
      })
    ).json()) as { sessions: SessionSummary[] };
    expect(list.sessions.map((s) => [s.id, s.status])).toEqual([[created.id, "live"]]);
    const after = await get<LoggedEvent[]>(second, `/sessions/${created.id}/events`, created.teacherToken);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.map((e) => e.seq)).toEqual(after.map((_, i) => i + 1));
    const detail = await get<SessionDetail>(second, `/sessions/${created.id}`, created.teacherToken);
    expect(detail.results).toHaveLength(3);
    expect(await get(second, `/sessions/${created.id}/replay`, created.teacherToken)).toEqual({
      ok: true,
      rounds: 3,
    });
    await stopServerProcess(second, "SIGKILL");
  });
});
