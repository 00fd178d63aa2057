/**
 * A replay's frames against the live session they come from: one per closed round and one at the start,
 * each the picture the live session showed at that moment, and a log that does not replay is refused.
 */
import { describe, expect, it } from "vitest";
import type { ChartPicture } from "../../shared/session/chart.ts";
import { type ClassPicture, pictureOf } from "../../shared/session/picture.ts";
import { replayFrames } from "../../shared/session/replayFrames.ts";
import { freeSeat } from "../../shared/session/rules.ts";
import { ReplayMismatch, type SessionState } from "../../shared/session/session.ts";
import { driver } from "./driver.ts";

/** The live picture with its chart copied (the session's own chart keeps growing). */
function snapshot(state: SessionState): ClassPicture {
  const p = pictureOf(state);
  const c: ChartPicture = p.chart;
  return {
    ...p,
    chart: {
      errors: [...c.errors],
      twinErrors: [...c.twinErrors],
      theory: [...c.theory],
      twinTheory: [...c.twinTheory],
      schemes: [...c.schemes],
      twinSchemes: [...c.twinSchemes],
    },
  };
}

/** Two students and eight bots over 9 rounds, with a late joiner, a leaver, a switch and more bots. */
function session() {
  const d = driver({
    exam: "readout",
    scheme: { name: "global" },
    maxStudents: 4,
    bots: 8,
    maxRounds: 100,
    endAtCriterion: false,
  });
  const live: ClassPicture[] = [snapshot(d.state)];
  const join = (nickname: string) =>
    d.emit({ type: "joined", seat: freeSeat(d.state), nickname, clientKey: `key-${nickname}-xxxxxxxx` });
  join("ana");
  join("ben");
  d.emit({ type: "started" });
  for (let round = 1; round <= 9; round++) {
    if (round === 3) join("cy");
    if (round === 5) d.emit({ type: "scheme", scheme: { name: "vectorized" } });
    if (round === 6) d.emit({ type: "left", seat: 1, reason: "left" });
    if (round === 7) d.emit({ type: "bots", count: 12 });
    d.emit({ type: "opened", round, closesAt: round * 1000 });
    for (const seat of [0, 1, 2])
      if (d.state.seats[seat].kind === "human" && d.state.seats[seat].seated)
        d.emit({ type: "submitted", round, seat, level: (0.2 + 0.1 * seat + 0.05 * round) % 1, final: true });
    d.close();
    live.push(snapshot(d.state));
  }
  d.emit({ type: "ended", reason: "teacher" });
  return { d, live };
}

describe("a replay's frames", () => {
  it("are one at the start and one after each closed round, each the picture the live session showed", () => {
    const { d, live } = session();
    const frames = replayFrames(d.log);
    expect(frames).toHaveLength(d.state.results.length + 1);
    expect(frames).toHaveLength(10);
    expect(frames).toEqual(live);
    expect(frames[9].chart).toEqual({
      errors: d.state.chart.errors,
      twinErrors: d.state.chart.twinErrors,
      theory: d.state.chart.theory,
      twinTheory: d.state.chart.twinTheory,
      schemes: d.state.chart.schemes,
      twinSchemes: d.state.chart.twinSchemes,
    });
    // Each frame keeps its own moment: the engine's buffers and the growing chart are not shared.
    expect(frames.map((f) => f.chart.errors.length)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(frames.map((f) => f.round)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(frames[4].scheme).toEqual({ name: "global" });
    expect(frames[5].scheme).toEqual({ name: "vectorized" });
    expect(frames[3].seats.filter((s) => s.kind === "human").map((s) => s.nickname)).toEqual([
      "ana",
      "ben",
      "cy",
    ]);
    expect(frames[6].seats.filter((s) => s.kind === "bot")).toHaveLength(8);
    expect(frames[7].seats.filter((s) => s.kind === "bot")).toHaveLength(12);
    expect(frames[2].seats[0].level).not.toBe(frames[3].seats[0].level);
  });

  it("throw ReplayMismatch for a log whose stored round does not replay", () => {
    const { d } = session();
    const tampered = d.log.map((e) =>
      e.type === "closed" && e.round === 4
        ? { ...e, record: { ...e.record, checksum: e.record.checksum ^ 1 } }
        : e,
    );
    expect(() => replayFrames(tampered)).toThrow(ReplayMismatch);
    expect(() => replayFrames(d.log.slice(1))).toThrow(/starts with its creation/);
  });
});
