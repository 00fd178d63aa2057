/** The board's chart data (lines, theory, criterion, scheme marks) and the numbers uPlot is given. */
import { describe, expect, it } from "vitest";
import { boardChart, chartKey, drawnPoints, schemeChanges } from "../../client/src/board/chartData.ts";
import { plotValues, yRange } from "../../client/src/board/chartValues.ts";
import { criterionError } from "../../shared/engine/convergence.ts";
import type { SessionConfigInput } from "../../shared/protocol/session.ts";
import { pictureOf } from "../../shared/session/picture.ts";
import { driver } from "../session/driver.ts";

const config: SessionConfigInput = {
  exam: "independent",
  scheme: { name: "sign" },
  maxStudents: 2,
  bots: 20,
  endAtCriterion: false,
};

function switched() {
  const d = driver(config, 4);
  d.emit({ type: "started" });
  for (let round = 1; round <= 6; round++) {
    if (round === 4) d.emit({ type: "scheme", scheme: { name: "global" } });
    d.emit({ type: "opened", round, closesAt: 0 });
    d.close();
  }
  return pictureOf(d.state);
}

describe("the board's chart", () => {
  it("draws the live class and its twin, the criterion from the first error, and marks the switch in words", () => {
    const p = switched();
    const c = boardChart(p);
    expect(c.lines.map((l) => l.label)).toEqual([
      "Live class: “Good job, everyone”",
      `Twin class (bots): ${c.lines[1].label.split(": ")[1]}`,
    ]);
    expect(c.lines[0].values).toBe(p.chart.errors);
    expect(c.lines[0].count).toBe(6);
    expect(c.lines[1].count).toBe(6);
    expect(c.criterion).toBe(criterionError(p.chart.errors[0]));
    expect(c.marks).toEqual([{ round: 4, label: "→ “Good job, everyone”" }]);
    // "sign" has no theory for its first rounds: the line is there with gaps, not dropped.
    expect(Number.isNaN(p.chart.theory[1])).toBe(true);
    expect(c.lines[0].theory).toBe(p.chart.theory);
  });

  it("has no theory line where the theory never had a number, and no criterion before the first round", () => {
    const p = switched();
    const empty = boardChart({
      ...p,
      chart: { errors: [], twinErrors: [], theory: [], twinTheory: [], schemes: [], twinSchemes: [] },
    });
    expect(empty.criterion).toBeNull();
    expect(empty.lines[0].theory).toBeNull();
    expect(empty.marks).toEqual([]);
    const noTheory = boardChart({
      ...p,
      chart: { ...p.chart, theory: p.chart.theory.map(() => Number.NaN) },
    });
    expect(noTheory.lines[0].theory).toBeNull();
  });

  it("finds every change of scheme, and counts the points a line can draw", () => {
    expect(schemeChanges(["global", "global", "vectorized", "vectorized", "global"])).toEqual([
      { round: 3, from: "global", to: "vectorized" },
      { round: 5, from: "vectorized", to: "global" },
    ]);
    expect(schemeChanges([])).toEqual([]);
    expect(drawnPoints([1, Number.NaN, 0.5, Number.POSITIVE_INFINITY])).toBe(2);
  });

  it("has a key that changes when a round is added or the scheme changes, and not otherwise", () => {
    const p = switched();
    expect(chartKey(p)).toBe(chartKey({ ...p, seats: [] }));
    expect(chartKey(p)).not.toBe(
      chartKey({ ...p, chart: { ...p.chart, errors: p.chart.errors.slice(0, 5) } }),
    );
    expect(chartKey(p)).not.toBe(chartKey({ ...p, scheme: { name: "vectorized" } }));
  });
});

describe("the chart's numbers", () => {
  it("clamp to the floor, leave gaps for NaN, and stop at each line's own count", () => {
    expect(plotValues([1, Number.NaN, 0, 1e-12], 4, 5, 1e-6)).toEqual([1, null, 1e-6, 1e-6, null]);
    expect(plotValues(null, 0, 2, 1)).toEqual([null, null]);
    expect(plotValues([1, 2, 3], 2, 3, 0.1)).toEqual([1, 2, null]);
  });

  it("span whole decades, at most eight below the top", () => {
    expect(yRange([[0.5, 0.05]], 2)).toEqual({ floor: 0.05, range: [0.01, 1] });
    const deep = yRange([[1, 0]], 2);
    expect(deep.floor).toBe(1);
    expect(yRange([[1, 1e-20]], 2).floor).toBeCloseTo(1e-8, 20);
    expect(yRange([[Number.NaN]], 1).range).toEqual([1e-3, 1]);
  });
});
