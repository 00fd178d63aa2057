/**
 * The sessions list is the teacher's: only the sessions whose teacher tokens the request carries, newest
 * first and a page at a time, from the summary columns the store keeps up as events are appended; a file
 * made before those columns gets them on open, filled from its logs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { listSessions } from "../../client/src/teacher/api.ts";
import type { SessionSummary } from "../../shared/protocol/session.ts";
import {
  type Created,
  createSession,
  joinStaff,
  joinStudent,
  startTestServer,
  type TestServer,
  waitFor,
} from "./harness.ts";

const config = {
  exam: "independent",
  scheme: { name: "vectorized" },
  maxStudents: 10,
  bots: 2,
  roundSeconds: 600,
  reviewSeconds: 0,
  autoAdvance: false,
  endAtCriterion: false,
} as const;

interface ListReply {
  readonly sessions: SessionSummary[];
  readonly next: string | null;
}

async function list(server: TestServer, tokens: readonly string[], query = "") {
  const res = await fetch(`${server.http}/api/sessions/list${query}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ teacherTokens: tokens }),
  });
  return { status: res.status, body: (await res.json()) as ListReply & { error?: string } };
}

/** One round played by one student: a joined event and a closed one in the log. */
async function playRound(server: TestServer, created: Created, nickname: string): Promise<void> {
  const teacher = await joinStaff(server, created);
  const student = await joinStudent(server, created, nickname);
  teacher.room.send("start", {});
  await waitFor(() => student.you.some((y) => y.round === 1 && y.seated), "round 1");
  student.room.send("submit", { round: 1, level: 0.3 });
  await waitFor(() => student.feedback.some((f) => f.round === 1), "round 1's feedback");
  await student.room.leave();
  await teacher.room.leave();
}

describe("the teacher's sessions list", () => {
  it("lists only the sessions of the tokens sent, newest first, in pages, with summaries that match the log", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "group-exam-list-"));
    const server = await startTestServer({ dataDir });
    try {
      const mine: Created[] = [];
      for (let i = 0; i < 3; i++) mine.push(await createSession(server, config));
      const theirs = await createSession(server, config);
      await playRound(server, mine[1], "ana");

      const all = await list(
        server,
        mine.map((c) => c.teacherToken),
      );
      expect(all.status).toBe(200);
      expect(all.body.next).toBeNull();
      expect(new Set(all.body.sessions.map((s) => s.id))).toEqual(new Set(mine.map((c) => c.id)));
      expect(all.body.sessions.map((s) => s.id)).not.toContain(theirs.id);
      const times = all.body.sessions.map((s) => s.createdAt);
      expect(times).toEqual([...times].sort((a, b) => b - a));

      // The summary from the columns says what the teacher's detail (a read of the log) says.
      const played = all.body.sessions.find((s) => s.id === mine[1].id);
      const detail = (await (
        await fetch(`${server.http}/api/sessions/${mine[1].id}`, {
          headers: { authorization: `Bearer ${mine[1].teacherToken}` },
        })
      ).json()) as SessionSummary;
      expect(played).toMatchObject({
        code: mine[1].code,
        rounds: 1,
        students: 1,
        lastScore: detail.lastScore,
        config: detail.config,
      });
      expect(detail.rounds).toBe(1);
      expect(typeof played?.lastScore).toBe("number");

      // Pages of two: the first says where the next starts, the second ends the list.
      const first = await list(
        server,
        mine.map((c) => c.teacherToken),
        "?limit=2",
      );
      expect(first.body.sessions).toHaveLength(2);
      expect(first.body.next).toBe(first.body.sessions[1].id);
      const second = await list(
        server,
        mine.map((c) => c.teacherToken),
        `?limit=2&after=${first.body.next}`,
      );
      expect(second.body.sessions.map((s) => s.id)).toEqual([all.body.sessions[2].id]);
      expect(second.body.next).toBeNull();

      // The dashboard's own call: one request, its reply checked against the shared schema.
      Reflect.set(globalThis, "location", new URL(server.http));
      const dashboard = await listSessions(
        mine.map((c) => c.teacherToken),
        { limit: 2 },
      );
      Reflect.deleteProperty(globalThis, "location");
      expect(dashboard.ok && dashboard.value.sessions.map((s) => s.id)).toEqual(
        first.body.sessions.map((s) => s.id),
      );

      // Nothing about anyone else's sessions: an unknown token lists nothing, another's session is no cursor.
      expect((await list(server, ["not-a-token"])).body.sessions).toEqual([]);
      const foreignCursor = await list(server, [mine[0].teacherToken], `?after=${theirs.id}`);
      expect(foreignCursor.status).toBe(400);
      expect((await list(server, [])).status).toBe(400);
      const open = await fetch(`${server.http}/api/sessions`);
      expect(open.status).toBe(405);
      expect(((await open.json()) as { error: string }).error).toMatch(/teacher tokens/);
      expect(server.logs.filter((l) => l.message === "refused a sessions list")).toHaveLength(3);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("adds the summary columns to a file made before them and fills them from the logs, once", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "group-exam-list-"));
    try {
      const first = await startTestServer({ dataDir });
      const created = await createSession(first, config);
      const empty = await createSession(first, config);
      await playRound(first, created, "ben");
      const before = (await list(first, [created.teacherToken, empty.teacherToken])).body.sessions;
      await first.close();

      // The file as it was before the columns existed.
      const db = new DatabaseSync(join(dataDir, "group-exam.sqlite"));
      for (const column of ["config", "rounds", "students", "last_score"])
        db.exec(`ALTER TABLE sessions DROP COLUMN ${column}`);
      db.close();

      const second = await startTestServer({ dataDir });
      try {
        const after = (await list(second, [created.teacherToken, empty.teacherToken])).body.sessions;
        expect(after).toEqual(before);
        expect(after.find((s) => s.id === created.id)).toMatchObject({ rounds: 1, students: 1 });
        expect(after.find((s) => s.id === empty.id)).toMatchObject({
          rounds: 0,
          students: 0,
          lastScore: null,
        });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
