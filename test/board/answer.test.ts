/** The class answer against the key, as the board draws it, from real session pictures. */
import { describe, expect, it } from "vitest";
import { answerModel, rangeOf, sameAnswer } from "../../client/src/board/answer.ts";
import type { SessionConfigInput } from "../../shared/protocol/session.ts";
import { pictureOf } from "../../shared/session/picture.ts";
import { wallPicture } from "../../shared/session/wall.ts";
import { driver } from "../session/driver.ts";

function pictureAfter(config: SessionConfigInput, rounds: number) {
  const d = driver(config, 11);
  d.emit({ type: "started" });
  for (let round = 1; round <= rounds; round++) {
    d.emit({ type: "opened", round, closesAt: 0 });
    d.close();
  }
  return pictureOf(d.state);
}

describe("the answer against the key", () => {
  it("on the independent exam, is every seated seat's level beside its target, sorted by target", () => {
    const p = pictureAfter(
      { exam: "independent", scheme: { name: "vectorized" }, maxStudents: 2, bots: 40 },
      1,
    );
    const m = answerModel(p);
    if (m.kind !== "strip") throw new Error(`expected a strip, got ${m.kind}`);
    expect(m.targets.length).toBe(40);
    for (let i = 1; i < m.targets.length; i++) expect(m.targets[i]).toBeGreaterThanOrEqual(m.targets[i - 1]);
    const bySeat = new Map(p.seats.map((s) => [s.target, s.level]));
    for (let i = 0; i < m.targets.length; i++) expect(m.levels[i]).toBe(bySeat.get(m.targets[i]));
  });

  it("leaves out seats not in play yet", () => {
    const p = pictureAfter({ exam: "independent", scheme: { name: "global" }, maxStudents: 2, bots: 5 }, 1);
    const seats = p.seats.map((s, i) => (i === 0 ? { ...s, seated: false } : s));
    const m = answerModel({ ...p, seats });
    expect(m.kind === "strip" && m.targets.length).toBe(4);
  });

  it("on the readout exam with two outputs, is a cursor and a target on one plane that holds them both", () => {
    const p = pictureAfter({ exam: "readout", scheme: { name: "global" }, maxStudents: 2, bots: 30 }, 2);
    const m = answerModel(p);
    if (m.kind !== "plane") throw new Error(`expected a plane, got ${m.kind}`);
    expect(m.answer).toEqual(p.answer);
    expect(m.key).toEqual(p.key);
    for (const v of [...m.answer, ...m.key]) {
      expect(v).toBeGreaterThan(m.range[0]);
      expect(v).toBeLessThan(m.range[1]);
    }
  });

  it("with any other number of outputs, is pairs of bars", () => {
    const p = pictureAfter({ exam: "layered", scheme: { name: "global" }, maxStudents: 2, bots: 30 }, 1);
    const m = answerModel(p);
    expect(p.answer.length).not.toBe(2);
    if (m.kind !== "bars") throw new Error(`expected bars, got ${m.kind}`);
    expect(m.answer.length).toBe(p.answer.length);
    expect(answerModel({ ...p, revealed: true, answer: [], key: [] }).kind).toBe("none");
  });

  for (const exam of ["independent", "readout", "layered"] as const)
    it(`on the wall is hidden until the reveal under any scheme, and drawn for the teacher (${exam})`, () => {
      const p = pictureAfter({ exam, scheme: { name: "global" }, maxStudents: 2, bots: 12 }, 2);
      expect(answerModel(wallPicture(p)).kind).toBe("hidden");
      expect(answerModel(p).kind).not.toBe("hidden");
      expect(answerModel(wallPicture({ ...p, revealed: true })).kind).not.toBe("hidden");
      // Personal signals give each student its own signal, not the key: the wall keeps it hidden too.
      const personal = pictureAfter({ exam, scheme: { name: "vectorized" }, maxStudents: 2, bots: 12 }, 2);
      expect(answerModel(wallPicture(personal)).kind).toBe("hidden");
      expect(answerModel(wallPicture({ ...personal, revealed: true })).kind).not.toBe("hidden");
      expect(sameAnswer(answerModel(wallPicture(p)), { kind: "hidden" })).toBe(true);
    });

  it("has a range that is never too thin and ignores numbers that are not", () => {
    expect(rangeOf([0.5, 0.5])).toEqual([0.4, 0.6]);
    const [lo, hi] = rangeOf([0, 1, Number.NaN]);
    expect(lo).toBeLessThan(0);
    expect(hi).toBeGreaterThan(1);
    expect(rangeOf([Number.NaN])).toEqual([0, 1]);
  });

  it("knows when two answers draw the same", () => {
    const p = pictureAfter({ exam: "readout", scheme: { name: "global" }, maxStudents: 2, bots: 10 }, 1);
    expect(sameAnswer(answerModel(p), answerModel(p))).toBe(true);
    expect(sameAnswer(answerModel(p), answerModel({ ...p, answer: [p.answer[0] + 0.01, p.answer[1]] }))).toBe(
      false,
    );
    expect(sameAnswer(answerModel(p), { kind: "none" })).toBe(false);
  });
});
