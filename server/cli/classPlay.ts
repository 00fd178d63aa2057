/**
 * A class played over real WebSockets against a running server, as a teacher and a room of students would:
 * the teacher creates the session and moves the class on after each round (rounds wait for the teacher),
 * each student is a `Person` (people.ts) who submits the level its habit picks from what its own page shows.
 * What it returns is what the wall showed: the class's and the twin's score and error per round, and the
 * teacher's roster at the end. The mixed-class tests and `npm run figures:class` stand on it.
 */
import type { Room } from "@colyseus/sdk";
import type { StudentFeedback } from "../../shared/engine/feedback.ts";
import type { FeedbackMessage, YouMessage } from "../../shared/protocol/messages.ts";
import type { CreateSessionReply, SessionConfigInput } from "../../shared/protocol/session.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import type { ExamState } from "../rooms/examState.ts";
import { MeteredClient } from "./meteredClient.ts";
import type { Person } from "./people.ts";

export interface ClassRun {
  readonly scores: number[];
  readonly twinScores: number[];
  readonly errors: number[];
  readonly twinErrors: number[];
  readonly endReason: string;
  /** Bots' levels at the end, and each seat's hidden target (the teacher sees both). */
  readonly botLevels: number[];
  readonly botTargets: number[];
  readonly sessionId: string;
  readonly teacherToken: string;
}

interface Student {
  readonly person: Person;
  readonly room: Room;
  you: YouMessage | null;
  feedback: StudentFeedback | null;
  feedbackRound: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

const list = (a: { length: number; at(i: number): number | undefined }): number[] =>
  Array.from({ length: a.length }, (_, i) => a.at(i) ?? Number.NaN);

export async function playClass(
  http: string,
  config: SessionConfigInput,
  people: readonly Person[],
  rounds: number,
): Promise<ClassRun> {
  const res = await fetch(`${http}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...config, autoAdvance: false, maxStudents: Math.max(people.length, 1) }),
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  const created = (await res.json()) as CreateSessionReply & { roomId: string };
  const ws = http.replace(/^http/, "ws");
  const teacher: Room<unknown, ExamState> = await new MeteredClient(ws).joinById(created.roomId, {
    role: "teacher",
    protocol: PROTOCOL_VERSION,
    token: created.teacherToken,
  });
  const students: Student[] = [];
  for (const [k, p] of people.entries()) {
    const room = await new MeteredClient(ws).joinById(created.roomId, {
      role: "student",
      protocol: PROTOCOL_VERSION,
      code: created.code,
      nickname: `student ${k + 1}`,
      clientKey: `class-play-key-${k}-${created.code}`,
    });
    const s: Student = { person: p, room, you: null, feedback: null, feedbackRound: 0 };
    room.onMessage("you", (m: YouMessage) => {
      s.you = m;
    });
    room.onMessage("feedback", (m: FeedbackMessage) => {
      s.feedback = m.feedback;
      s.feedbackRound = m.round;
    });
    room.onMessage("*", () => undefined);
    students.push(s);
  }
  teacher.onMessage("*", () => undefined);
  await until(() => students.every((s) => s.you !== null), "every student's seat");
  const state = (): ExamState => teacher.state;
  teacher.send("start", {});
  for (let round = 1; round <= rounds; round++) {
    await until(() => state().phase === "open" && state().round === round, `round ${round} to open`);
    await until(
      () => students.every((s) => s.you?.round === round && s.you.seated),
      `seats in round ${round}`,
    );
    for (const s of students) {
      const level = s.person.next(s.you?.level ?? 0.5, s.feedbackRound === round - 1 ? s.feedback : null);
      s.room.send("submit", { round, level });
    }
    await until(() => state().phase !== "open", `round ${round} to close`);
    await until(() => students.every((s) => s.feedbackRound === round), `feedback of round ${round}`);
    if (state().phase === "ended") break;
    if (round < rounds) teacher.send("advance", {});
  }
  const roster = [...(state().staff?.roster.values() ?? [])].filter((r) => r.kind === "bot");
  const run: ClassRun = {
    scores: list(state().scores),
    twinScores: list(state().twinScores),
    errors: list(state().errors),
    twinErrors: list(state().twinErrors),
    endReason: state().endReason,
    botLevels: roster.map((r) => r.level),
    botTargets: roster.map((r) => r.target),
    sessionId: created.id,
    teacherToken: created.teacherToken,
  };
  if (state().phase !== "ended") teacher.send("end", {});
  await sleep(50);
  for (const s of students) await s.room.leave();
  await teacher.leave();
  return run;
}
