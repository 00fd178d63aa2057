/**
 * Seats no one can steal, over real WebSockets: a student removed while its phone is away cannot come back
 * by its old reconnection token, and the student who takes the freed seat keeps it (its grace running out
 * later evicts nobody); a ban holds against the same browser key and the same nickname; a second tab with
 * the same browser key takes the seat over and the first tab is told so.
 */
import { Client } from "@colyseus/sdk";
import { describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import {
  type Created,
  createSession,
  joinStaff,
  joinStudent,
  sleep,
  useTestServer,
  waitFor,
} from "./harness.ts";

const server = useTestServer({ reconnectSeconds: 1 });

const config = {
  exam: "independent",
  scheme: { name: "global" },
  maxStudents: 2,
  bots: 1,
  roundSeconds: 600,
  endAtCriterion: false,
} as const;

type Staff = Awaited<ReturnType<typeof joinStaff>>;
const row = (teacher: Staff, seat: number) => teacher.room.state.staff?.roster.get(String(seat));

/** A student whose network dropped for good: its page is gone, its old token is kept by the test. */
async function dropped(created: Created, nickname: string, teacher: Staff) {
  const student = await joinStudent(server(), created, nickname);
  await waitFor(() => student.you.length > 0, `${nickname}'s seat`);
  const seat = student.you[0].seat;
  const token = student.room.reconnectionToken;
  student.room.reconnection.enabled = false;
  student.room.connection.close(4010, "offline");
  await waitFor(() => row(teacher, seat)?.connected === false, `${nickname} to show away`);
  return { student, seat, token };
}

/** The teacher closes the open round and opens the next: students who took a seat since are in play. */
async function nextRound(teacher: Staff, round: number): Promise<void> {
  teacher.room.send("advance", {});
  await waitFor(() => teacher.room.state.phase === "review", `round ${round - 1} to close`);
  teacher.room.send("advance", {});
  await waitFor(() => teacher.room.state.round === round, `round ${round}`);
}

const joinAs = (created: Created, nickname: string, clientKey: string) =>
  new Client(server().ws).joinById(created.roomId, {
    role: "student",
    protocol: PROTOCOL_VERSION,
    code: created.code,
    nickname,
    clientKey,
  });

async function refusal(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
    return "accepted";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe("seats no one can steal", () => {
  it("refuses a banned away student's reconnection, and its key and its nickname, once another holds the seat", async () => {
    const created = await createSession(server(), config);
    const teacher = await joinStaff(server(), created);
    const ana = await dropped(created, "ana", teacher);
    teacher.room.send("start", {});
    await waitFor(() => teacher.room.state.round === 1, "round 1");
    teacher.room.send("ban", { seat: ana.seat });
    await waitFor(() => row(teacher, ana.seat)?.nickname === "(left)", "the ban");
    const cy = await joinStudent(server(), created, "cy", "key-cy-00000000");
    await waitFor(() => cy.you.length > 0, "cy's seat");
    expect(cy.you[0].seat).toBe(ana.seat);
    await nextRound(teacher, 2);

    expect(await refusal(new Client(server().ws).reconnect(ana.token))).not.toBe("accepted");
    expect(await refusal(joinAs(created, "ana2", "key-ana-0000"))).toContain("cannot join");
    expect(await refusal(joinAs(created, "ana", "key-other-00000"))).toContain("cannot be used");
    // Nothing of cy's seat reached ana's connection, and cy's seat answers to cy.
    expect(ana.student.other.map((m) => JSON.stringify(m.message)).join()).not.toContain("cy");
    cy.room.send("level", { round: 2, level: 0.3 });
    await waitFor(() => cy.you.some((y) => y.level === 0.3), "cy's level to stand");
    await waitFor(() => row(teacher, ana.seat)?.level === 0.3, "the roster to show cy's level");
    expect(row(teacher, ana.seat)).toMatchObject({ nickname: "cy", connected: true });
    await cy.room.leave();
    await teacher.room.leave();
  });

  it("keeps the seat for the student who took it after a kick, when the kicked one's grace runs out", async () => {
    const created = await createSession(server(), config);
    const teacher = await joinStaff(server(), created);
    const ana = await dropped(created, "ana", teacher);
    teacher.room.send("start", {});
    await waitFor(() => teacher.room.state.round === 1, "round 1");
    teacher.room.send("kick", { seat: ana.seat });
    const cy = await joinStudent(server(), created, "cy", "key-cy-00000000");
    await waitFor(() => cy.you.length > 0, "cy's seat");
    expect(cy.you[0].seat).toBe(ana.seat);
    await nextRound(teacher, 2);
    // Past ana's 1 s grace: before the fix this logged `left expired` and evicted cy.
    await sleep(2000);
    cy.room.send("level", { round: 2, level: 0.7 });
    await waitFor(() => cy.you.some((y) => y.level === 0.7), "cy's level to stand");
    expect(cy.rejected).toEqual([]);
    expect(row(teacher, ana.seat)).toMatchObject({ nickname: "cy", connected: true });
    expect(await refusal(new Client(server().ws).reconnect(ana.token))).not.toBe("accepted");
    // A kick is not a ban: ana may join again, into a seat of her own.
    const back = await joinStudent(server(), created, "ana");
    await waitFor(() => back.you.length > 0, "ana's new seat");
    expect(back.you[0].seat).not.toBe(ana.seat);
    await Promise.all([cy.room.leave(), back.room.leave(), teacher.room.leave()]);
  });

  it("gives a second tab with the same browser key the same seat, and tells the first tab it moved", async () => {
    const created = await createSession(server(), config);
    const teacher = await joinStaff(server(), created);
    const first = await joinStudent(server(), created, "dee");
    await waitFor(() => first.you.length > 0, "the first tab's seat");
    teacher.room.send("start", {});
    await waitFor(() => first.you.some((y) => y.round === 1), "round 1");
    first.room.send("level", { round: 1, level: 0.9 });
    await waitFor(() => first.you.some((y) => y.level === 0.9), "the first tab's level");
    let firstLeft = 0;
    first.room.onLeave((code: number) => {
      firstLeft = code;
    });
    // The same browser (same key) opens the class again, typing another name: it is the same student.
    const second = await joinStudent(server(), created, "dee again", "key-dee-0000");
    await waitFor(() => second.you.length > 0, "the second tab's status");
    expect(second.you[0]).toMatchObject({ seat: first.you[0].seat, nickname: "dee", level: 0.9 });
    await waitFor(() => firstLeft !== 0, "the first tab to be closed");
    expect(first.other).toContainEqual({ type: "removed", message: { reason: "elsewhere" } });
    expect(teacher.room.state.students).toBe(1);
    second.room.send("submit", { round: 1, level: 0.5 });
    await waitFor(
      () => teacher.room.state.scores.length === 1,
      "the round to close on the only student's submit",
    );
    await Promise.all([second.room.leave(), teacher.room.leave()]);
  });
});
