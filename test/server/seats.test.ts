/** Seats survive a dropped network and a reloaded page; an abandoned seat is freed after the grace period. */
import { Client } from "@colyseus/sdk";
import { describe, expect, it } from "vitest";
import { createSession, joinStaff, joinStudent, sleep, useTestServer, waitFor } from "./harness.ts";

const server = useTestServer({ reconnectSeconds: 1 });

const config = {
  exam: "independent",
  scheme: { name: "global" },
  maxStudents: 3,
  bots: 2,
  roundSeconds: 600,
  reviewSeconds: 0,
  autoAdvance: true,
  endAtCriterion: false,
} as const;
const rosterRow = (teacher: Awaited<ReturnType<typeof joinStaff>>, seat: number) =>
  teacher.room.state.staff?.roster.get(String(seat));

describe("seats", () => {
  it("come back to a student whose network dropped, with its level, and to one who reloaded the page", async () => {
    const created = await createSession(server(), config);
    const teacher = await joinStaff(server(), created);
    const ana = await joinStudent(server(), created, "ana");
    teacher.room.send("start", {});
    await waitFor(() => ana.you.some((y) => y.round === 1 && y.seated), "round 1");
    ana.room.send("level", { round: 1, level: 0.8 });
    await waitFor(() => ana.you.some((y) => y.level === 0.8), "the level to stand");
    const seat = ana.you[0].seat;

    // The network drops: the SDK reconnects by itself to the same seat.
    let reconnected = false;
    ana.room.onReconnect(() => {
      reconnected = true;
    });
    ana.room.connection.close(4010, "offline");
    await waitFor(() => reconnected, "the SDK to reconnect");
    await waitFor(() => rosterRow(teacher, seat)?.connected === true, "the seat to show connected");
    expect(ana.you[ana.you.length - 1]).toMatchObject({ seat, level: 0.8, round: 1 });

    // The page reloads: a new client reconnects with the stored token, nothing asked again.
    const token = ana.room.reconnectionToken;
    ana.room.reconnection.enabled = false;
    ana.room.connection.close(4010, "reload");
    await sleep(50);
    const again = await new Client(server().ws).reconnect(token);
    const you: { seat: number; level: number }[] = [];
    again.onMessage("you", (m) => you.push(m));
    again.onMessage("feedback", () => {});
    await waitFor(() => you.length > 0, "the student's status after the reload");
    expect(you[0]).toMatchObject({ seat, level: 0.8 });
    again.send("submit", { round: 1, level: 0.6 });
    await waitFor(() => teacher.room.state.scores.length === 1, "the round to close on the last submission");
    await again.leave();
    await teacher.room.leave();
  });

  it("keep the seat of a page reloaded before the server saw its old socket close", async () => {
    const created = await createSession(server(), config);
    const teacher = await joinStaff(server(), created);
    const ben = await joinStudent(server(), created, "ben");
    teacher.room.send("start", {});
    await waitFor(() => ben.you.some((y) => y.round === 1 && y.seated), "round 1");
    const seat = ben.you[0].seat;
    // The old connection stays open (a phone that changed networks): the server closes it for the new one.
    ben.room.reconnection.enabled = false;
    const again = await new Client(server().ws).reconnect(ben.room.reconnectionToken);
    const you: { seat: number }[] = [];
    again.onMessage("you", (m) => you.push(m));
    again.onMessage("feedback", () => {});
    await waitFor(() => you.length > 0, "the student's status on the new connection");
    expect(you[0].seat).toBe(seat);
    await sleep(1500);
    expect(rosterRow(teacher, seat)).toMatchObject({ nickname: "ben", connected: true });
    expect(teacher.room.state.students).toBe(1);
    await again.leave();
    await teacher.room.leave();
  });

  it("frees an abandoned seat after the grace period, and lets a stand-in bot play a student who is away", async () => {
    const created = await createSession(server(), { ...config, standIns: true });
    const teacher = await joinStaff(server(), created);
    const ana = await joinStudent(server(), created, "ana");
    const ben = await joinStudent(server(), created, "ben");
    teacher.room.send("start", {});
    await waitFor(() => ben.you.some((y) => y.round === 1 && y.seated), "round 1");
    ana.room.reconnection.enabled = false;
    ana.room.connection.close(4010, "gone");
    await waitFor(() => rosterRow(teacher, 0)?.connected === false, "ana to show away");
    teacher.room.send("advance", {});
    await waitFor(() => teacher.room.state.round === 2, "round 2");
    await waitFor(() => rosterRow(teacher, 0)?.kind === "stand-in", "a stand-in to take ana's seat");
    // After the grace period (1 s here) the seat is freed and leaves the class at the next round.
    await waitFor(() => teacher.room.state.students === 1, "ana's seat to be freed", 5000);
    teacher.room.send("advance", {});
    await waitFor(() => teacher.room.state.round === 3, "round 3");
    await waitFor(() => rosterRow(teacher, 0) === undefined, "the seat to leave the roster");
    await ben.room.leave();
    await teacher.room.leave();
  });
});
