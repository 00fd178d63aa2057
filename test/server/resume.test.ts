/**
 * A session outlives its process. A real server process with a class of SDK students and bots is killed at
 * random moments (SIGKILL, and SIGTERM for a graceful stop) and restarted on the same data each time. The
 * students come back by themselves the way the page does (by their browser key, through the code's lookup),
 * each into its own seat; the teacher comes back with its token and resumes the class the restart paused.
 * Nothing a student saw acknowledged is missing from the log, the session finishes, and its replay verifies.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRng, nextFloat } from "../../shared/engine/random.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import { checkLog, CLASS_OF_FOUR as config, expectOwnSeats, Student } from "./classmates.ts";
import { type Created, waitFor } from "./harness.ts";
import { comeBack, type ServerProcess, startServerProcess, stopServerProcess } from "./serverProcess.ts";

const dataDir = mkdtempSync(join(tmpdir(), "group-exam-resume-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let server: ServerProcess;

const back = (code: string, options: Record<string, unknown>, what: string) =>
  comeBack(() => server, code, options, what);

describe("a session outlives its process", () => {
  it("comes back after 10 SIGKILLs and 2 SIGTERMs at random moments: own seats, nothing acknowledged lost, a replay that verifies", async () => {
    server = await startServerProcess(dataDir);
    const res = await fetch(`${server.http}/api/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(config),
    });
    const created: Created = await res.json();
    const teacherOptions = { role: "teacher", protocol: PROTOCOL_VERSION, token: created.teacherToken };
    let teacher = await back(created.code, teacherOptions, "the teacher");
    teacher.onMessage("*", () => undefined);
    const students = ["ana", "ben", "cy", "dee"].map(
      (n) => new Student(n, `key-${n}-resume-0000`, created, () => server),
    );
    for (const s of students) await s.join();
    teacher.send("start", {});
    await waitFor(() => teacher.state.round >= 1, "round 1");

    const rng = createRng(2026);
    const random = () => nextFloat(rng);
    const signals: ("SIGKILL" | "SIGTERM")[] = [...Array(10).fill("SIGKILL"), "SIGTERM", "SIGTERM"];
    const backInMs: number[] = [];
    for (const signal of signals) {
      // A random moment: mid-round, at a close, in a burst of submissions.
      await new Promise((r) => setTimeout(r, 150 + random() * 1500));
      const roundBefore = teacher.state.round;
      await stopServerProcess(server, signal);
      const restarted = Date.now();
      server = await startServerProcess(dataDir);
      teacher = await back(created.code, teacherOptions, "the teacher");
      teacher.onMessage("*", () => undefined);
      for (const s of students) await s.join();
      await waitFor(() => teacher.state.connected === students.length, "every student back", 20_000);
      backInMs.push(Date.now() - restarted);
      await waitFor(() => teacher.state.phase !== "", "the teacher's state");
      if (teacher.state.phase === "paused") teacher.send("resume", {});
      await waitFor(() => teacher.state.round > roundBefore, "the class to play on", 30_000);
    }
    teacher.send("end", {});
    await waitFor(() => teacher.state.phase === "ended", "the end");

    expectOwnSeats(students);
    // A graceful stop told every page it would be right back.
    for (const s of students)
      expect(s.closings.filter((c) => c === "restart").length).toBeGreaterThanOrEqual(1);
    const { acknowledged, rounds } = await checkLog(server, created, students);
    const sorted = [...backInMs].sort((a, b) => a - b);
    console.log(
      `resume: ${signals.length} stops survived (${signals.filter((s) => s === "SIGKILL").length} SIGKILL), ${acknowledged} acknowledged submissions, 0 lost, ${rounds} rounds replayed; from the restart to every student back in its seat: median ${sorted[sorted.length >> 1]} ms, max ${sorted.at(-1)} ms`,
    );
    await stopServerProcess(server, "SIGTERM");
  }, 240_000);
});
