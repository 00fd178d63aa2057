/**
 * Sessions nobody comes back to: a room nobody is in is unloaded after its idle time and comes back from its
 * log on the next lookup of its code, with its seats; a live session with no event for 24 hours is not
 * brought back at start-up (it shows as interrupted, and its code answers 410), while a younger one is.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { matchMaker } from "@colyseus/core";
import { describe, expect, it, onTestFinished } from "vitest";
import type { SessionSummary } from "../../shared/protocol/session.ts";
import { api, createSession, joinStaff, joinStudent, startTestServer, waitFor } from "./harness.ts";

const config = {
  exam: "independent",
  scheme: { name: "global" },
  maxStudents: 3,
  bots: 2,
  roundSeconds: 600,
  endAtCriterion: false,
} as const;

describe("sessions nobody comes back to", () => {
  it("unloads a room nobody is in, and brings it back with its seats on the next lookup", async () => {
    const server = await startTestServer({ idleSeconds: 1 });
    try {
      const created = await createSession(server, config);
      const teacher = await joinStaff(server, created);
      const ana = await joinStudent(server, created, "ana");
      teacher.room.send("start", {});
      await waitFor(() => ana.you.some((y) => y.round === 1), "round 1");
      ana.room.send("level", { round: 1, level: 0.64 });
      await waitFor(() => ana.you.some((y) => y.level === 0.64), "ana's level");
      // Ana's phone drops for good; the teacher closes the dashboard: nobody is in the room.
      ana.room.reconnection.enabled = false;
      ana.room.connection.close(4010, "gone");
      await teacher.room.leave();
      await waitFor(
        () => server.logs.some((l) => l.message.startsWith("unloading an idle room")),
        "the idle room to be unloaded",
        5000,
      );
      await waitFor(() => matchMaker.getLocalRoomById(created.id) === undefined, "the room to go");
      const found = await api<{ roomId: string }>(server, `/join/${created.code}`);
      expect(found).toMatchObject({ status: 200, body: { roomId: created.id } });
      const back = await joinStudent(server, created, "ana");
      await waitFor(() => back.you.length > 0, "ana back");
      expect(back.you[0]).toMatchObject({ round: 1, level: 0.64 });
      await back.room.leave();
    } finally {
      await server.close();
    }
  });

  it("marks a live session with no event for 24 hours interrupted at start-up, and resumes a younger one", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "group-exam-expiry-"));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    let clock = Date.now();
    const first = await startTestServer({ dataDir, now: () => clock });
    const old = await createSession(first, config);
    clock += 20 * 3_600_000;
    const young = await createSession(first, config);
    await first.close();

    clock += 5 * 3_600_000;
    const second = await startTestServer({ dataDir, now: () => clock });
    try {
      expect(second.app.expired).toEqual([old.id]);
      expect(second.app.resumed).toEqual([young.id]);
      expect((await api(second, `/join/${old.code}`)).status).toBe(410);
      expect((await api(second, `/join/${young.code}`)).status).toBe(200);
      const list = (await (
        await fetch(`${second.http}/api/sessions/list`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ teacherTokens: [old.teacherToken, young.teacherToken] }),
        })
      ).json()) as { sessions: SessionSummary[] };
      expect(new Map(list.sessions.map((s) => [s.id, s.status]))).toEqual(
        new Map([
          [old.id, "interrupted"],
          [young.id, "live"],
        ]),
      );
    } finally {
      await second.close();
    }
  });
});
