/**
 * The board's chart data, told round by round as it was played: one line per class and scheme, coloured by
 * scheme and styled by class, so a switch never repaints the rounds before it; the class score (0–100) by
 * default and the log of the class error as the teacher's option; the legend, marks and criterion; and the
 * numbers uPlot is given.
 */
import { describe, expect, it } from "vitest";
import {
  boardChart,
  CLASS_DASH,
  chartKey,
  drawnPoints,
  legendOf,
  schemeChanges,
  schemeColour,
  stretchesOf,
  stretchValues,
} from "../../client/src/board/chartData.ts";
import { plotValues, yRange } from "../../client/src/board/chartValues.ts";
import { CLASS_CRITERION, criterionError } from "../../shared/engine/convergence.ts";
import { classScore } from "../../shared/engine/exam.ts";
import type { SessionConfigInput } from "../../shared/protocol/session.ts";
import { type ClassPicture, pictureOf } from "../../shared/session/picture.ts";
import { driver } from "../session/driver.ts";

const config: SessionConfigInput = {
  exam: "independent",
  scheme: { name: "global" },
  maxStudents: 2,
  bots: 20,
  endAtCriterion: false,
};

/** Three rounds of "Good job, everyone", then `after` rounds of personal signals; the picture after each. */
function played(after = 3): ClassPicture[] {
  const d = driver(config, 4);
  d.emit({ type: "started" });
  const pictures: ClassPicture[] = [];
  for (let round = 1; round <= 3 + after; round++) {
    if (round === 4) d.emit({ type: "scheme", scheme: { name: "vectorized" } });
    d.emit({ type: "opened", round, closesAt: 0 });
    d.close();
    pictures.push(pictureOf(d.state));
  }
  return pictures;
}

const scores = (values: readonly number[]): number[] => values.map((v) => classScore(v));
const numbersOf = (values: ArrayLike<number>): number[] => Array.from(values);

describe("the board's chart", () => {
  it("draws each class's rounds in the colour of the scheme it played them under, a line style per class", () => {
    const p = played()[5];
    const c = boardChart(p);
    expect(c.lines.map((l) => l.label)).toEqual([
      "This class, “Good job, everyone”, rounds 1–3",
      "This class, personal signals, rounds 4–6",
      "The twin class (bots playing like people), personal signals, rounds 1–3",
      "The twin class (bots playing like people), “Good job, everyone”, rounds 4–6",
    ]);
    expect(c.lines.map((l) => l.colour)).toEqual([
      schemeColour("global"),
      schemeColour("vectorized"),
      schemeColour("vectorized"),
      schemeColour("global"),
    ]);
    expect(schemeColour("global")).not.toBe(schemeColour("vectorized"));
    expect(c.lines.map((l) => l.dash ?? null)).toEqual([null, null, CLASS_DASH.twin, CLASS_DASH.twin]);
    expect(CLASS_DASH.twin).not.toBeNull();
    const live = scores(p.chart.errors);
    const N = Number.NaN;
    // Rounds 1–3 in the first colour, with the step into round 4 that round 3's feedback made; round 4 on in
    // the second.
    expect(numbersOf(c.lines[0].values)).toEqual([live[0], live[1], live[2], live[3], N, N]);
    expect(numbersOf(c.lines[1].values)).toEqual([N, N, N, live[3], live[4], live[5]]);
    // Markers only on the rounds played under the line's scheme.
    expect(c.lines[0].markers).toEqual([0, 1, 2]);
    expect(c.lines[1].markers).toEqual([3, 4, 5]);
    expect(c.marks).toEqual([{ round: 4, label: "→ personal signals" }]);
  });

  it("never repaints the past: the rounds before a switch keep their line, colour and words", () => {
    const pictures = played();
    const before = boardChart(pictures[2]).lines[0];
    const after = boardChart(pictures[5]).lines[0];
    expect(after.colour).toBe(before.colour);
    expect(numbersOf(after.values).slice(0, 3)).toEqual(numbersOf(before.values));
    expect(before.label).toBe("This class, “Good job, everyone”, rounds 1–3");
    // Before the switch there is one line per class: nothing is drawn in personal signals' colour for this class.
    expect(boardChart(pictures[2]).lines.map((l) => l.label)).toEqual([
      "This class, “Good job, everyone”, rounds 1–3",
      "The twin class (bots playing like people), personal signals, rounds 1–3",
    ]);
  });

  it("shows the class score from 0 to 100 by default, the criterion at 90 % of the way", () => {
    const p = played()[5];
    const c = boardChart(p);
    expect(c.y).toEqual({
      kind: "linear",
      min: 0,
      max: 100,
      ticks: [0, 25, 50, 75, 100],
      label: "class score",
    });
    expect(c.criterion).toBeCloseTo(classScore(criterionError(p.chart.errors[0], CLASS_CRITERION)), 12);
    expect(c.criterionLabel).toBe("90 % of the way to the key");
    // No theory on the score scale: plain lines for the room.
    expect(c.lines.every((l) => !l.label.startsWith("what the theory"))).toBe(true);
    for (const l of c.lines)
      for (const v of numbersOf(l.values)) if (!Number.isNaN(v)) expect(v).toBeLessThanOrEqual(100);
  });

  it("shows the class error on a log scale, with the theory dotted, when the teacher asks", () => {
    const p = played()[5];
    const c = boardChart(p, { scale: "log", rounds: 20 });
    expect(c.y).toEqual({ kind: "log", label: "class error" });
    expect(c.rounds).toBe(20);
    expect(numbersOf(c.lines[0].values).slice(0, 3)).toEqual(p.chart.errors.slice(0, 3));
    expect(c.criterion).toBe(criterionError(p.chart.errors[0], CLASS_CRITERION));
    const theory = c.lines.filter((l) => l.label.startsWith("what the theory predicts"));
    expect(theory.length).toBeGreaterThan(0);
  });

  it("names each class's scheme before the first round, and no criterion yet", () => {
    const d = driver(config, 4);
    const p = pictureOf(d.state);
    expect(legendOf(p).map((e) => e.text)).toEqual([
      "This class, “Good job, everyone”, from round 1",
      "The twin class (bots playing like people), personal signals, from round 1",
    ]);
    expect(boardChart(p).criterion).toBeNull();
    expect(boardChart(p).marks).toEqual([]);
  });

  it("gathers a scheme played twice into one legend entry with both runs", () => {
    const p = played()[5];
    const back: ClassPicture = {
      ...p,
      chart: { ...p.chart, schemes: ["global", "global", "vectorized", "vectorized", "global", "global"] },
    };
    const live = legendOf(back).filter((e) => e.side === "live");
    expect(live.map((e) => [e.scheme, e.rounds])).toEqual([
      [
        "global",
        [
          [1, 2],
          [5, 6],
        ],
      ],
      ["vectorized", [[3, 4]]],
    ]);
    expect(live[0].item).toBe("“Good job, everyone”, rounds 1–2 and 5–6");
    // Round 4's personal signals moved the class in round 5: the segment from 4 to 5 is theirs.
    expect(stretchValues([1, 2, 3, 4, 5, 6], back.chart.schemes, "vectorized")).toEqual([
      Number.NaN,
      Number.NaN,
      3,
      4,
      5,
      Number.NaN,
    ]);
  });

  it("finds every stretch and change of scheme, and counts the points a line can draw", () => {
    expect(stretchesOf(["global", "global", "vectorized"])).toEqual([
      { scheme: "global", from: 1, to: 2 },
      { scheme: "vectorized", from: 3, to: 3 },
    ]);
    expect(schemeChanges(["global", "global", "vectorized", "vectorized", "global"])).toEqual([
      { round: 3, from: "global", to: "vectorized" },
      { round: 5, from: "vectorized", to: "global" },
    ]);
    expect(schemeChanges([])).toEqual([]);
    expect(drawnPoints([1, Number.NaN, 0.5, Number.POSITIVE_INFINITY])).toBe(2);
  });

  it("has a key that changes when a round is added, the schemes or the axis change, and not otherwise", () => {
    const p = played()[5];
    const o = { scale: "score", rounds: null } as const;
    expect(chartKey(p, o)).toBe(chartKey({ ...p, seats: [] }, o));
    expect(chartKey(p, o)).not.toBe(
      chartKey({ ...p, chart: { ...p.chart, errors: p.chart.errors.slice(0, 5) } }, o),
    );
    expect(chartKey(p, o)).not.toBe(chartKey({ ...p, scheme: { name: "global" } }, o));
    expect(chartKey(p, o)).not.toBe(chartKey(p, { scale: "log", rounds: null }));
    expect(chartKey(p, o)).not.toBe(chartKey(p, { scale: "score", rounds: 30 }));
    const relabelled = { ...p, chart: { ...p.chart, schemes: p.chart.schemes.map(() => "global") } };
    expect(chartKey(p, o)).not.toBe(chartKey(relabelled, o));
  });
});

describe("the chart's numbers", () => {
  it("clamp to the floor, leave gaps for NaN, and stop at each line's own count", () => {
    expect(plotValues([1, Number.NaN, 0, 1e-12], 4, 5, 1e-6)).toEqual([1, null, 1e-6, 1e-6, null]);
    expect(plotValues(null, 0, 2, 1)).toEqual([null, null]);
    expect(plotValues([1, 2, 3], 2, 3, 0.1)).toEqual([1, 2, null]);
    // A linear axis has no floor.
    expect(plotValues([0, 50, Number.NaN], 3, 3, Number.NEGATIVE_INFINITY)).toEqual([0, 50, null]);
  });

  it("span whole decades, at most eight below the top", () => {
    expect(yRange([[0.5, 0.05]], 2)).toEqual({ floor: 0.05, range: [0.01, 1] });
    const deep = yRange([[1, 0]], 2);
    expect(deep.floor).toBe(1);
    expect(yRange([[1, 1e-20]], 2).floor).toBeCloseTo(1e-8, 20);
    expect(yRange([[Number.NaN]], 1).range).toEqual([1e-3, 1]);
  });
});
