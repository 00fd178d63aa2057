/**
 * The wall's picture gives no student more than its own phone does (shared/session/wall.ts): no names, no
 * key before the reveal, and for each seat only the signal that seat heard.
 */
import { describe, expect, it } from "vitest";
import type { SchemeConfig } from "../../shared/protocol/session.ts";
import { pictureOf } from "../../shared/session/picture.ts";
import { heardCorrection, wallPicture } from "../../shared/session/wall.ts";
import { driver } from "./driver.ts";

/** A class of 4 students (seats 0–3, levels as given) and 6 bots, `rounds` rounds played under `scheme`. */
function played(scheme: SchemeConfig, rounds: number) {
  const d = driver({ exam: "independent", scheme, maxStudents: 4, bots: 6, endAtCriterion: false }, 21);
  for (let k = 0; k < 4; k++)
    d.emit({ type: "joined", seat: k, nickname: `student ${k}`, clientKey: `key-key-${k}` });
  d.emit({ type: "started" });
  for (let round = 1; round <= rounds; round++) {
    d.emit({ type: "opened", round, closesAt: 0 });
    for (let k = 0; k < 4; k++)
      d.emit({ type: "submitted", round, seat: k, level: 0.1 + 0.2 * k, final: true });
    d.close();
  }
  return d;
}

describe("the wall's picture", () => {
  it("shows no name, no target and no answer against the key before the reveal, under any scheme", () => {
    for (const scheme of [
      { name: "global" },
      { name: "vectorized" },
      { name: "teams", teamSize: 2 },
    ] as SchemeConfig[]) {
      const wall = wallPicture(pictureOf(played(scheme, 2).state));
      expect(wall.view).toBe("wall");
      expect(wall.seats.every((s) => s.nickname === "" && s.target === null)).toBe(true);
      expect(wall.key).toEqual([]);
      expect(wall.answer).toEqual([]);
    }
  });

  it("under “Good job” gives no seat a correction of its own", () => {
    const wall = wallPicture(pictureOf(played({ name: "global" }, 2).state));
    expect(wall.seats.every((s) => Number.isNaN(s.credit))).toBe(true);
  });

  it("under personal signals gives each seat the signal its phone showed, not the true correction", () => {
    const full = pictureOf(played({ name: "noisy", noise: 1 }, 2).state);
    const wall = wallPicture(full);
    for (const [i, s] of wall.seats.entries()) {
      const f = full.seats[i].feedback;
      if (f?.kind !== "vector") throw new Error("a noisy round gives every seat a signal");
      expect(s.credit).toBe(f.signal);
    }
    // Noise: what a seat heard differs from the true correction the teacher sees.
    expect(wall.seats.some((s, i) => s.credit !== full.seats[i].credit)).toBe(true);
  });

  it("gives a blocked student's disc nothing, as its phone says “no signal”", () => {
    const full = pictureOf(played({ name: "blocked", blockedFraction: 0.5 }, 2).state);
    const wall = wallPicture(full);
    const blocked = full.seats.filter((s) => s.feedback?.kind === "none").map((s) => s.seat);
    expect(blocked.length).toBeGreaterThan(0);
    for (const s of wall.seats) expect(Number.isNaN(s.credit)).toBe(blocked.includes(s.seat));
  });

  it("under sign gives a direction alone: every disc the same size", () => {
    expect(heardCorrection({ kind: "vector", round: 1, signal: -1 }, "sign", 0.2)).toBe(-0.2);
    expect(heardCorrection({ kind: "vector", round: 1, signal: 0.37 }, "vectorized", 0.2)).toBe(0.37);
    expect(heardCorrection({ kind: "none", round: 1 }, "blocked", 0.2)).toBeNaN();
  });

  it("shows the key after the reveal, and still no names", () => {
    const d = played({ name: "global" }, 2);
    d.emit({ type: "revealed" });
    const full = pictureOf(d.state);
    const wall = wallPicture(full);
    expect(wall.key).toEqual(full.key);
    expect(wall.seats.map((s) => s.target)).toEqual(full.seats.map((s) => s.target));
    expect(wall.seats.every((s) => s.nickname === "")).toBe(true);
  });
});
