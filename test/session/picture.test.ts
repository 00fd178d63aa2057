import { describe, expect, it } from "vitest";
import type { SessionConfigInput } from "../../shared/protocol/session.ts";
import { pictureOf } from "../../shared/session/picture.ts";
import { replay } from "../../shared/session/replay.ts";
import { freeSeat } from "../../shared/session/rules.ts";
import { driver } from "./driver.ts";

const allBots: SessionConfigInput = {
  exam: "independent",
  scheme: { name: "global" },
  maxStudents: 5,
  bots: 30,
  maxRounds: 1000,
  endAtCriterion: false,
};

function play(config: SessionConfigInput, rounds: number, seed: number) {
  const d = driver(config, seed);
  d.emit({ type: "started" });
  for (let round = 1; round <= rounds; round++) {
    d.emit({ type: "opened", round, closesAt: 0 });
    d.close();
  }
  return d;
}

describe("the session's chart", () => {
  it("has theory lines that the measured class errors follow (global, 30 bots in 35 seats, 5 seeds)", () => {
    let logRatio = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const { chart } = play(allBots, 120, seed).state;
      // The theory counts the 30 seats in play, not the 35 the room holds.
      logRatio += Math.log(chart.errors[119] / chart.theory[119]) / 5;
      expect(chart.theory[0]).toBe(chart.errors[0]);
      expect(chart.theory[119]).toBeLessThan(chart.theory[0] / 5);
    }
    expect(Math.exp(logRatio)).toBeGreaterThan(0.75);
    expect(Math.exp(logRatio)).toBeLessThan(1.33);
  });

  it("has an exact vectorized twin's theory at zero after one update, as its measured error", () => {
    const { chart } = play({ ...allBots, twinLikePeople: false }, 4, 9).state;
    expect(chart.twinTheory[1]).toBe(0);
    expect(chart.twinErrors[2]).toBeLessThan(chart.twinErrors[0] * 1e-20);
  });

  it("has a twin that plays like people stop at a person's imprecision, past 90 % of the way but not at the key", () => {
    const { chart } = play(allBots, 6, 9).state;
    for (const r of [2, 3, 4, 5]) {
      expect(chart.twinErrors[r]).toBeLessThan(chart.twinErrors[0] * 0.01);
      expect(chart.twinErrors[r]).toBeGreaterThan(1e-5);
    }
  });

  it("leaves gaps where the theory has no line, and starts again after a switch to a scheme it covers", () => {
    const d = play({ ...allBots, scheme: { name: "sign" } }, 3, 2);
    d.emit({ type: "scheme", scheme: { name: "vectorized" } });
    for (let round = 4; round <= 6; round++) {
      d.emit({ type: "opened", round, closesAt: 0 });
      d.close();
    }
    const { chart } = d.state;
    expect(chart.schemes).toEqual(["sign", "sign", "sign", "vectorized", "vectorized", "vectorized"]);
    expect(Number.isNaN(chart.theory[1])).toBe(true);
    expect(chart.theory[4]).toBe(0);
  });

  it("is the same after a replay of the log", () => {
    const d = play(allBots, 25, 3);
    const again = replay(d.log);
    expect(again.chart.errors).toEqual(d.state.chart.errors);
    expect(again.chart.theory).toEqual(d.state.chart.theory);
    expect(again.chart.twinTheory).toEqual(d.state.chart.twinTheory);
  });
});

describe("a class picture", () => {
  it("shows every seat in play, with the credit pointing from its level to its own target", () => {
    const d = driver({ ...allBots, bots: 6 }, 4);
    d.emit({ type: "joined", seat: freeSeat(d.state), nickname: "ana", clientKey: "key-ana-xxxxxxxx" });
    d.emit({ type: "started" });
    d.emit({ type: "opened", round: 1, closesAt: 0 });
    d.emit({ type: "submitted", round: 1, seat: 0, level: 0.9, final: true });
    d.close();
    const picture = pictureOf(d.state);
    expect(picture.seats.map((s) => s.kind)).toEqual(["human", ...Array(6).fill("bot")]);
    expect(picture.seats[0].nickname).toBe("ana");
    expect(picture.seats[0].level).toBe(0.9);
    for (const seat of picture.seats) {
      expect(seat.target).not.toBeNull();
      expect(seat.credit).toBeCloseTo((seat.target as number) - seat.level, 12);
      expect(seat.feedback?.kind).toBe("global");
    }
    expect(picture.chart.errors).toHaveLength(1);
    expect(picture.creditUnit).toBeGreaterThan(0);
    expect(picture.answer.length).toBe(picture.key.length);
  });
});
