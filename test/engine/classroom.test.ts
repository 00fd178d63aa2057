import { describe, expect, it } from "vitest";
import {
  actBots,
  closeRound,
  createClass,
  createSquad,
  feedbackFor,
  HUMAN_LIKE,
  learnBots,
  openRound,
  questionLevels,
  schemeConfig,
  setSeatActive,
  submitLevel,
  switchScheme,
} from "../../shared/engine/index.ts";

const spec = { kind: "independent" as const, students: 6, questions: 2, seed: 5 };

describe("the round API", () => {
  it("goes through the questions in order and numbers rounds from 1", () => {
    const cls = createClass({ exam: spec, scheme: schemeConfig("global") });
    const seen = [];
    for (let r = 0; r < 4; r++) {
      seen.push(openRound(cls));
      closeRound(cls);
    }
    expect(seen).toEqual([
      { round: 1, question: 0 },
      { round: 2, question: 1 },
      { round: 3, question: 0 },
      { round: 4, question: 1 },
    ]);
  });

  it("lets the latest level before the close stand, and a student who did nothing keeps the previous one", () => {
    const cls = createClass({ exam: spec, scheme: schemeConfig("vectorized") });
    openRound(cls, 0);
    submitLevel(cls, 0, 0.1);
    submitLevel(cls, 0, 0.8);
    closeRound(cls);
    openRound(cls, 0);
    submitLevel(cls, 1, 0.3);
    closeRound(cls);
    const levels = questionLevels(cls, 0);
    expect(levels[0]).toBe(0.8);
    expect(levels[1]).toBe(0.3);
    expect(levels[2]).toBe(0.5);
    expect(questionLevels(cls, 1)[0]).toBe(0.5);
  });

  it("refuses bad submissions with a reason and changes nothing", () => {
    const cls = createClass({ exam: spec, scheme: schemeConfig("global") });
    expect(submitLevel(cls, 0, 0.5)).toEqual({ ok: false, error: "no-open-round" });
    openRound(cls);
    const bad: [number, unknown, string][] = [
      [0, Number.NaN, "not-a-number"],
      [0, Number.POSITIVE_INFINITY, "not-a-number"],
      [0, "0.5", "not-a-number"],
      [0, { level: 1 }, "not-a-number"],
      [0, -0.01, "out-of-range"],
      [0, 1.01, "out-of-range"],
      [6, 0.5, "unknown-student"],
      [-1, 0.5, "unknown-student"],
      [1.5, 0.5, "unknown-student"],
    ];
    for (const [student, level, error] of bad)
      expect(submitLevel(cls, student, level as number)).toEqual({ ok: false, error });
    expect(Array.from(questionLevels(cls, 0))).toEqual(new Array(6).fill(0.5));
    expect(submitLevel(cls, 2, 1)).toEqual({ ok: true });
  });

  it("switches the scheme only between rounds", () => {
    const cls = createClass({ exam: spec, scheme: schemeConfig("global") });
    openRound(cls);
    expect(switchScheme(cls, schemeConfig("vectorized"))).toEqual({ ok: false, error: "round-open" });
    const first = closeRound(cls);
    expect(first.signal).toBeNull();
    expect(switchScheme(cls, schemeConfig("teams", { teamSize: 2 }))).toEqual({ ok: true });
    openRound(cls);
    const second = closeRound(cls);
    expect(second.scheme).toEqual({ name: "teams", teamSize: 2 });
    expect(second.teamError?.length).toBe(3);
  });

  it("refuses to open two rounds or close none", () => {
    const cls = createClass({ exam: spec, scheme: schemeConfig("global") });
    expect(() => closeRound(cls)).toThrow(/no round/);
    openRound(cls);
    expect(() => openRound(cls)).toThrow(/already open/);
    expect(() => openRound(createClass({ exam: spec, scheme: schemeConfig("global") }), 7)).toThrow(
      /no question 7/,
    );
  });

  it("compares a question's error with that question's previous round only", () => {
    const cls = createClass({ exam: spec, scheme: schemeConfig("global") });
    openRound(cls, 0);
    const a = closeRound(cls);
    expect(Number.isNaN(a.previousError)).toBe(true);
    expect(feedbackFor(a, cls.scheme, 0)).toMatchObject({ kind: "global", improved: null });
    openRound(cls, 1);
    expect(Number.isNaN(closeRound(cls).previousError)).toBe(true);
    openRound(cls, 0);
    expect(closeRound(cls).previousError).toBe(a.classError);
  });

  it("plays humans and bots side by side: bots never overwrite a human's level", () => {
    const cls = createClass({ exam: { ...spec, questions: 1 }, scheme: schemeConfig("vectorized") });
    const squad = createSquad(cls, {
      bots: Int32Array.from([2, 3, 4, 5]),
      learner: { name: "gradient", rate: 1 },
      seed: 1,
    });
    for (let r = 0; r < 3; r++) {
      openRound(cls);
      actBots(squad, cls);
      submitLevel(cls, 0, 0.25);
      const result = closeRound(cls);
      learnBots(squad, cls, result);
    }
    const levels = questionLevels(cls, 0);
    expect(levels[0]).toBe(0.25);
    expect(levels[1]).toBe(0.5);
    for (let i = 2; i < 6; i++) expect(levels[i]).toBeCloseTo(cls.exam.targetOf(i, 0) ?? Number.NaN, 12);
  });

  it("refuses a bot rule that cannot read the scheme's feedback", () => {
    const cls = createClass({ exam: spec, scheme: schemeConfig("global") });
    expect(() =>
      createSquad(cls, { bots: Int32Array.of(0), learner: { name: "gradient", rate: 1 }, seed: 1 }),
    ).toThrow(/cannot learn from global/);
  });

  it("makes human-like bots slip, round to the slider's steps and sometimes skip", () => {
    const cls = createClass({
      exam: { kind: "independent", students: 400, questions: 1, seed: 2 },
      scheme: schemeConfig("vectorized"),
    });
    const bots = Int32Array.from({ length: 400 }, (_, i) => i);
    const squad = createSquad(cls, {
      bots,
      learner: { name: "gradient", rate: 1 },
      human: HUMAN_LIKE,
      seed: 3,
    });
    openRound(cls);
    actBots(squad, cls);
    learnBots(squad, cls, closeRound(cls));
    const before = Float64Array.from(questionLevels(cls, 0));
    openRound(cls);
    actBots(squad, cls);
    const levels = questionLevels(cls, 0);
    let skipped = 0;
    for (let i = 0; i < 400; i++) {
      expect(Math.abs(levels[i] * 100 - Math.round(levels[i] * 100))).toBeLessThan(1e-9);
      const target = cls.exam.targetOf(i, 0) ?? 0;
      // A bot that meant to go to its target but skipped is still where it was.
      if (levels[i] === before[i] && Math.abs(levels[i] - target) > 0.1) skipped++;
      else expect(Math.abs(levels[i] - target)).toBeLessThan(0.1);
    }
    expect(skipped).toBeGreaterThan(10);
    expect(skipped).toBeLessThan(90);
  });
});

describe("seats in and out of play", () => {
  it("scores only the active seats, and the active seats alone can reach the key", () => {
    for (const kind of ["independent", "readout", "layered"] as const) {
      const active = Uint8Array.from([1, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1]);
      const cls = createClass({
        exam: { kind, students: 12, questions: 1, seed: 8 },
        scheme: schemeConfig("global"),
        active,
      });
      const solution = cls.exam.solution(0);
      openRound(cls);
      for (let i = 0; i < 12; i++) {
        if (active[i]) expect(submitLevel(cls, i, solution[i])).toEqual({ ok: true });
        else expect(submitLevel(cls, i, 0.9)).toEqual({ ok: false, error: "inactive-seat" });
      }
      expect(closeRound(cls).classError).toBeLessThan(1e-28);
    }
  });

  it("averages the independent exam's error over the active seats", () => {
    const cls = createClass({
      exam: { kind: "independent", students: 4, questions: 1, seed: 3 },
      scheme: schemeConfig("global"),
      active: Uint8Array.of(1, 1, 0, 0),
    });
    openRound(cls);
    const e = closeRound(cls).classError;
    const t0 = cls.exam.targetOf(0, 0) as number;
    const t1 = cls.exam.targetOf(1, 0) as number;
    expect(e).toBeCloseTo(((0.5 - t0) ** 2 + (0.5 - t1) ** 2) / 2, 14);
  });

  it("lets a seat join between rounds at the start level, and takes a leaving seat back to it", () => {
    const cls = createClass({
      exam: { kind: "readout", students: 6, questions: 2, seed: 3 },
      scheme: schemeConfig("vectorized"),
      active: Uint8Array.of(1, 1, 1, 1, 1, 0),
    });
    openRound(cls);
    submitLevel(cls, 2, 0.9);
    expect(setSeatActive(cls, 5, true)).toEqual({ ok: false, error: "round-open" });
    closeRound(cls);
    expect(setSeatActive(cls, 5, true)).toEqual({ ok: true });
    expect(cls.exam.activeCount).toBe(6);
    expect(setSeatActive(cls, 2, false)).toEqual({ ok: true });
    expect(questionLevels(cls, 0)[2]).toBe(0.5);
    openRound(cls);
    expect(submitLevel(cls, 5, 0.7)).toEqual({ ok: true });
    expect(submitLevel(cls, 2, 0.7)).toEqual({ ok: false, error: "inactive-seat" });
  });
});
