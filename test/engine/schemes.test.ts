import { describe, expect, it } from "vitest";
import {
  type ClassState,
  closeRound,
  createClass,
  type ExamKind,
  feedbackFor,
  openRound,
  type RoundResult,
  SCHEME_NAMES,
  type SchemeConfig,
  type StudentFeedback,
  schemeConfig,
  submitLevel,
} from "../../shared/engine/index.ts";

/** Plays one round in which student i sets levels[i], after a first round at the start levels. */
function play(
  kind: ExamKind,
  scheme: SchemeConfig,
  levels: readonly number[],
  seed = 11,
): [ClassState, RoundResult] {
  const cls = createClass({ exam: { kind, students: levels.length, questions: 1, seed }, scheme });
  openRound(cls);
  closeRound(cls);
  openRound(cls);
  for (const [i, v] of levels.entries()) submitLevel(cls, i, v);
  return [cls, closeRound(cls)];
}

const LEVELS = Array.from({ length: 20 }, (_, i) => (i * 0.37) % 1);

function allFeedback(cls: ClassState, result: RoundResult): StudentFeedback[] {
  return LEVELS.map((_, i) => feedbackFor(result, cls.scheme, i));
}

describe("feedback shapes", () => {
  it("global gives every student the same scalar: improved or not, and the score", () => {
    const [cls, result] = play("independent", schemeConfig("global"), LEVELS);
    const fb = allFeedback(cls, result);
    expect(fb[0].kind).toBe("global");
    for (const f of fb) expect(f).toEqual(fb[0]);
    expect(result.signal).toBeNull();
    if (fb[0].kind === "global") {
      expect(fb[0].improved).toBe(result.classError < result.previousError);
      expect(fb[0].score).toBe(result.score);
    }
  });

  it("vectorized gives each student −g/λ: on the independent exam exactly the distance to its own target", () => {
    const [cls, result] = play("independent", schemeConfig("vectorized"), LEVELS);
    LEVELS.forEach((x, i) => {
      const f = feedbackFor(result, cls.scheme, i);
      expect(f.kind).toBe("vector");
      if (f.kind === "vector") expect(f.signal).toBeCloseTo((cls.exam.targetOf(i, 0) ?? Number.NaN) - x, 12);
    });
  });

  it("sign gives only a direction: +1, −1 or 0, agreeing with the vectorized signal", () => {
    const [, vec] = play("readout", schemeConfig("vectorized"), LEVELS);
    const vectorSignal = Float64Array.from(vec.signal ?? []);
    const [, sign] = play("readout", schemeConfig("sign"), LEVELS);
    sign.signal?.forEach((s, i) => {
      expect([1, -1, 0]).toContain(s);
      expect(s).toBe(Math.sign(vectorSignal[i]));
    });
  });

  it("alignment equals vectorized where every student is an output, and differs where errors travel back", () => {
    const [, a] = play("independent", schemeConfig("alignment"), LEVELS);
    const alignedInd = Array.from(a.signal ?? []);
    const [, v] = play("independent", schemeConfig("vectorized"), LEVELS);
    expect(alignedInd).toEqual(Array.from(v.signal ?? []));
    const [, ar] = play("readout", schemeConfig("alignment"), LEVELS);
    const alignedReadout = Array.from(ar.signal ?? []);
    const [, vr] = play("readout", schemeConfig("vectorized"), LEVELS);
    expect(alignedReadout).not.toEqual(Array.from(vr.signal ?? []));
  });

  it("noisy adds noise of the set strength around the vectorized signal", () => {
    const levels = Array.from({ length: 2000 }, (_, i) => (i * 0.618) % 1);
    const [, v] = play("independent", schemeConfig("vectorized"), levels);
    const clean = Float64Array.from(v.signal ?? []);
    const [, n] = play("independent", schemeConfig("noisy", { noise: 0.5 }), levels);
    let rms = 0;
    let noiseSq = 0;
    for (let i = 0; i < levels.length; i++) {
      rms += clean[i] ** 2;
      noiseSq += ((n.signal?.[i] ?? 0) - clean[i]) ** 2;
    }
    expect(Math.sqrt(noiseSq / rms)).toBeGreaterThan(0.45);
    expect(Math.sqrt(noiseSq / rms)).toBeLessThan(0.55);
  });

  it("teams gives one scalar per table, the same within a table, different between tables", () => {
    const [cls, result] = play("independent", schemeConfig("teams", { teamSize: 5 }), LEVELS);
    const fb = allFeedback(cls, result);
    expect(result.teamError?.length).toBe(4);
    fb.forEach((f, i) => {
      expect(f.kind).toBe("team");
      expect(f).toEqual(fb[Math.floor(i / 5) * 5]);
    });
    expect(new Set(fb.map((f) => (f.kind === "team" ? f.teamError : 0))).size).toBe(4);
  });

  it("teams of one table is global: the table's error is the class error", () => {
    const [, result] = play("layered", schemeConfig("teams", { teamSize: 20 }), LEVELS);
    expect(result.teamError?.[0]).toBe(result.classError);
  });

  it("blocked gives exactly round(p·M) students nothing and the rest their vectorized signal", () => {
    const [cls, result] = play("independent", schemeConfig("blocked", { blockedFraction: 0.3 }), LEVELS);
    const fb = allFeedback(cls, result);
    expect(fb.filter((f) => f.kind === "none")).toHaveLength(6);
    const [, v] = play("independent", schemeConfig("vectorized"), LEVELS);
    fb.forEach((f, i) => {
      if (f.kind === "vector") expect(f.signal).toBe(v.signal?.[i]);
    });
  });
});

describe("privacy: a student's feedback depends on nothing it is not meant to learn", () => {
  it("under vectorized on the independent exam, no other student's level changes mine", () => {
    const [cls, a] = play("independent", schemeConfig("vectorized"), LEVELS);
    const mine = feedbackFor(a, cls.scheme, 3);
    const others = LEVELS.map((v, i) => (i === 3 ? v : 1 - v));
    const [cls2, b] = play("independent", schemeConfig("vectorized"), others);
    expect(feedbackFor(b, cls2.scheme, 3)).toEqual(mine);
  });

  it("under teams, nothing outside my table changes my table's scalar", () => {
    const [cls, a] = play("independent", schemeConfig("teams", { teamSize: 5 }), LEVELS);
    const mine = feedbackFor(a, cls.scheme, 7);
    const others = LEVELS.map((v, i) => (i >= 5 && i < 10 ? v : 1 - v));
    const [cls2, b] = play("independent", schemeConfig("teams", { teamSize: 5 }), others);
    const theirs = feedbackFor(b, cls2.scheme, 7);
    // The table's scalar is the class error had only the table moved; the others' start levels are the same.
    expect(theirs).toEqual(mine);
  });

  it("every scheme's feedback for one student carries only that student's own fields", () => {
    for (const name of SCHEME_NAMES) {
      const [cls, result] = play("readout", schemeConfig(name), LEVELS);
      const f = feedbackFor(result, cls.scheme, 0);
      const keys = Object.keys(f).sort();
      const allowed: Record<StudentFeedback["kind"], string[]> = {
        global: ["classError", "improved", "kind", "round", "score"],
        team: ["improved", "kind", "round", "team", "teamError", "teamScore"],
        vector: ["kind", "round", "signal"],
        none: ["kind", "round"],
      };
      expect(keys).toEqual(allowed[f.kind]);
    }
  });
});

describe("scheme parameters", () => {
  it("are checked", () => {
    expect(() => schemeConfig("noisy", { noise: -1 })).toThrow(/noise/);
    expect(() => schemeConfig("teams", { teamSize: 0 })).toThrow(/team size/);
    expect(() => schemeConfig("blocked", { blockedFraction: 1.5 })).toThrow(/blocked/);
    expect(schemeConfig("teams")).toEqual({ name: "teams", teamSize: 5 });
  });
});
