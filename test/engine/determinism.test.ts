import { describe, expect, it } from "vitest";
import {
  actBots,
  type BotClassSpec,
  checksum,
  closeRound,
  createBotClass,
  createClass,
  defaultLearnerName,
  EXAM_KINDS,
  type ExamKind,
  HUMAN_LIKE,
  learnBots,
  openRound,
  playRound,
  questionLevels,
  runBotClass,
  SCHEME_NAMES,
  type SchemeName,
  schemeConfig,
  submitLevel,
} from "../../shared/engine/index.ts";

function spec(kind: ExamKind, name: SchemeName, seed: number): BotClassSpec {
  const scheme = schemeConfig(name);
  const vector = !["global", "teams"].includes(name);
  return {
    exam: { kind, students: 24, questions: 2, seed },
    scheme,
    learner: {
      name: vector ? defaultLearnerName("vector", name) : "perturbation",
      rate: vector ? 0.5 : 0.05,
    },
    human: HUMAN_LIKE,
  };
}

describe("determinism", () => {
  it("gives the same class error bit for bit for the same seed, for every exam and scheme", () => {
    for (const kind of EXAM_KINDS)
      for (const name of SCHEME_NAMES) {
        const a = runBotClass(spec(kind, name, 77), 40);
        const b = runBotClass(spec(kind, name, 77), 40);
        expect(checksum(a)).toBe(checksum(b));
        expect(Array.from(a)).toEqual(Array.from(b));
      }
  });

  it("gives a different run for a different seed", () => {
    for (const kind of EXAM_KINDS)
      for (const name of SCHEME_NAMES)
        expect(checksum(runBotClass(spec(kind, name, 1), 20))).not.toBe(
          checksum(runBotClass(spec(kind, name, 2), 20)),
        );
  });

  it("matches a golden run, so any change to what a round computes is seen (bump ENGINE_VERSION with it)", () => {
    const golden = EXAM_KINDS.flatMap((kind) =>
      (["global", "vectorized", "noisy", "teams"] as const).map((name) =>
        checksum(runBotClass(spec(kind, name, 2026), 30)),
      ),
    );
    expect(golden).toMatchSnapshot();
  });

  it("replays exactly: the levels a class submitted, fed again as submissions, give the same results", () => {
    const played = createBotClass(spec("readout", "noisy", 9));
    const submitted: Float64Array[] = [];
    const results: number[] = [];
    for (let r = 0; r < 30; r++) {
      const open = openRound(played.cls);
      // What the bots submit is what a log would hold.
      actBots(played.squad, played.cls);
      submitted.push(Float64Array.from(questionLevels(played.cls, open.question)));
      const result = closeRound(played.cls);
      learnBots(played.squad, played.cls, result);
      results.push(result.classError, result.score, ...(result.signal ?? []));
    }
    const replay = createClass({ exam: spec("readout", "noisy", 9).exam, scheme: schemeConfig("noisy") });
    const replayed: number[] = [];
    for (const levels of submitted) {
      openRound(replay);
      for (const [i, v] of levels.entries()) submitLevel(replay, i, v);
      const result = closeRound(replay);
      replayed.push(result.classError, result.score, ...(result.signal ?? []));
    }
    expect(checksum(replayed)).toBe(checksum(results));
  });

  it("keeps no state outside the class: two classes played interleaved equal two played alone", () => {
    const alone = [
      runBotClass(spec("layered", "teams", 3), 25),
      runBotClass(spec("layered", "noisy", 4), 25),
    ];
    const a = createBotClass(spec("layered", "teams", 3));
    const b = createBotClass(spec("layered", "noisy", 4));
    const ta: number[] = [];
    const tb: number[] = [];
    for (let r = 0; r < 25; r++) {
      ta.push(playRound(a).classError);
      tb.push(playRound(b).classError);
    }
    expect(ta).toEqual(Array.from(alone[0]));
    expect(tb).toEqual(Array.from(alone[1]));
  });
});
