import { describe, expect, it } from "vitest";
import {
  actBots,
  closeRound,
  createClass,
  createSquad,
  deriveSeed,
  feedbackFor,
  learnBots,
  openRound,
  submitLevel,
  switchScheme,
} from "../../shared/engine/index.ts";
import type { SessionConfigInput } from "../../shared/protocol/session.ts";
import { liveLearner } from "../../shared/session/rates.ts";
import { replay } from "../../shared/session/replay.ts";
import { allSubmitted, autoEnd, check, checkJoin, freeSeat } from "../../shared/session/rules.ts";
import { ReplayMismatch } from "../../shared/session/session.ts";
import { driver } from "./driver.ts";

const base: SessionConfigInput = {
  exam: "independent",
  scheme: { name: "global" },
  maxStudents: 3,
  bots: 27,
  roundSeconds: 10,
};

describe("the session core", () => {
  it("plays 3 humans and 27 bots under global, then vectorized, the live class equal to the engine run directly", () => {
    const d = driver(base);
    for (const [i, nickname] of ["ana", "ben", "cy"].entries())
      d.emit({ type: "joined", seat: freeSeat(d.state), nickname, clientKey: `key-${i}-xxxxxxxx` });
    d.emit({ type: "started" });

    // The same class driven directly through the engine: humans at seats 0–2, bots at 3–29, the bots'
    // rule and rate from the live-class table, their random stream from the session's seed.
    const capacity = d.state.capacity;
    const active = new Uint8Array(capacity).fill(1, 0, 30);
    const exam = { kind: "independent" as const, students: capacity, questions: 1, seed: 7 };
    const direct = createClass({ exam, scheme: { name: "global" }, active });
    const bots = Int32Array.from({ length: 27 }, (_, k) => k + 3);
    const squadOf = () =>
      createSquad(direct, {
        bots,
        learner: liveLearner(direct.exam, direct.scheme),
        seed: deriveSeed(7, "live"),
      });
    let squad = squadOf();

    for (let round = 1; round <= 12; round++) {
      if (round === 7) {
        d.emit({ type: "scheme", scheme: { name: "vectorized" } });
        switchScheme(direct, { name: "vectorized" });
        squad = squadOf();
      }
      d.emit({ type: "opened", round, closesAt: round * 10_000 });
      openRound(direct);
      actBots(squad, direct);
      for (let h = 0; h < 3; h++) {
        const level = (round * 0.07 + h * 0.3) % 1;
        d.emit({ type: "submitted", round, seat: h, level, final: true });
        submitLevel(direct, h, level);
      }
      expect(allSubmitted(d.state)).toBe(true);
      const closed = d.close("all-submitted");
      const expected = closeRound(direct);
      learnBots(squad, direct, expected);
      if (closed.type !== "closed") throw new Error("not a close");
      expect(closed.record.classError).toBe(expected.classError);
      expect(closed.record).toMatchObject({ students: 3, bots: 27 });
      expect(closed.record.scheme.name).toBe(round < 7 ? "global" : "vectorized");
      expect(closed.record.twinScheme.name).toBe(round < 7 ? "vectorized" : "global");
      const lastClosed = d.state.lastClosed;
      if (!lastClosed) throw new Error("no feedback");
      for (let h = 0; h < 3; h++)
        expect(feedbackFor(lastClosed.result, lastClosed.scheme, h)).toEqual(
          feedbackFor(expected, direct.scheme, h),
        );
    }
    expect(d.state.results).toHaveLength(12);
    expect(d.state.results[11].twinScore).toBeGreaterThan(0);
  });

  it("replays its log to the same rounds, and says so when a stored round differs", () => {
    const d = driver({ ...base, exam: "readout", scheme: { name: "teams", teamSize: 4 } });
    d.emit({ type: "joined", seat: 0, nickname: "ana", clientKey: "key-ana-xxxxxx" });
    d.emit({ type: "started" });
    for (let round = 1; round <= 8; round++) {
      if (round === 3) d.emit({ type: "joined", seat: 1, nickname: "ben", clientKey: "key-ben-xxxxxx" });
      if (round === 4) d.emit({ type: "connection", seat: 0, connected: false });
      if (round === 5) d.emit({ type: "scheme", scheme: { name: "noisy", noise: 0.5 } });
      if (round === 6) d.emit({ type: "left", seat: 1, reason: "kicked" });
      if (round === 6) d.emit({ type: "bots", count: 10 });
      d.emit({ type: "opened", round, closesAt: 0 });
      if (d.state.seats[1].seated) d.emit({ type: "submitted", round, seat: 1, level: 0.2, final: false });
      d.close();
    }
    const again = replay(d.log);
    expect(again.results).toEqual(d.state.results);
    const tampered = d.log.map((e) =>
      e.type === "closed" && e.round === 5
        ? { ...e, record: { ...e.record, checksum: e.record.checksum ^ 1 } }
        : e,
    );
    expect(() => replay(tampered)).toThrow(ReplayMismatch);
    expect(replay(d.log, { upTo: 5 }).results.length).toBeLessThan(8);
  });

  it("lets a late joiner take part from the next round only", () => {
    const d = driver(base);
    d.emit({ type: "started" });
    d.emit({ type: "opened", round: 1, closesAt: 0 });
    d.emit({ type: "joined", seat: 0, nickname: "late", clientKey: "key-late-xxxx" });
    expect(check(d.state, { type: "submitted", round: 1, seat: 0, level: 0.3, final: true })).toBe(
      "not-seated",
    );
    d.close();
    d.emit({ type: "opened", round: 2, closesAt: 0 });
    expect(check(d.state, { type: "submitted", round: 2, seat: 0, level: 0.3, final: true })).toBeNull();
  });

  it("refuses submissions for a closed or future round and from empty seats", () => {
    const d = driver(base);
    d.emit({ type: "joined", seat: 0, nickname: "ana", clientKey: "key-ana-xxxxxx" });
    d.emit({ type: "started" });
    d.emit({ type: "opened", round: 1, closesAt: 0 });
    expect(check(d.state, { type: "submitted", round: 2, seat: 0, level: 0.5, final: true })).toBe(
      "wrong-round",
    );
    expect(check(d.state, { type: "submitted", round: 1, seat: 2, level: 0.5, final: true })).toBe(
      "no-such-seat",
    );
    d.close();
    expect(check(d.state, { type: "submitted", round: 1, seat: 0, level: 0.5, final: true })).toBe(
      "no-open-round",
    );
  });

  it("turns joins away with a reason: taken name, locked room, ban, full class", () => {
    const d = driver({ ...base, maxStudents: 2 });
    d.emit({ type: "joined", seat: 0, nickname: "Ana", clientKey: "key-ana-xxxxxx" });
    expect(checkJoin(d.state, " ana ", "other-key-xxxx")).toBe("name-taken");
    d.emit({ type: "left", seat: 0, reason: "banned" });
    expect(checkJoin(d.state, "new name", "key-ana-xxxxxx")).toBe("banned");
    d.emit({ type: "joined", seat: 0, nickname: "b", clientKey: "key-b-xxxxxxxx" });
    d.emit({ type: "joined", seat: 1, nickname: "c", clientKey: "key-c-xxxxxxxx" });
    expect(checkJoin(d.state, "d", "key-d-xxxxxxxx")).toBe("full");
    d.emit({ type: "locked", locked: true });
    expect(checkJoin(d.state, "d", "key-d-xxxxxxxx")).toBe("locked");
  });

  it("ends at the round limit and at the criterion", () => {
    const limit = driver({ ...base, maxRounds: 2 });
    limit.emit({ type: "started" });
    limit.emit({ type: "opened", round: 1, closesAt: 0 });
    limit.close();
    expect(autoEnd(limit.state)).toBeNull();
    limit.emit({ type: "opened", round: 2, closesAt: 0 });
    limit.close();
    expect(autoEnd(limit.state)).toBe("round-limit");

    const fast = driver({ ...base, maxStudents: 1, scheme: { name: "vectorized" } });
    fast.emit({ type: "started" });
    let reason = null;
    for (let round = 1; round <= 5 && !reason; round++) {
      fast.emit({ type: "opened", round, closesAt: 0 });
      fast.close();
      reason = autoEnd(fast.state);
    }
    expect(reason).toBe("criterion");
  });
});
