/** The researcher's plots: drawn from the run's own figures, told apart by shape as well as colour. */
import { describe, expect, it } from "vitest";
import { speedupChart, sweepChart, teamsDialChart } from "../../server/cli/demoPlots.ts";
import { renderXYChartSvg } from "../../server/cli/demoXYChart.ts";
import { runExperiment, schemeConfig } from "../../shared/engine/index.ts";

const GLOBAL = schemeConfig("global");
const VECTORIZED = schemeConfig("vectorized");

describe("the sweep plot", () => {
  it("draws every trial of the sweep, rejected ones hollow, the chosen rate marked", () => {
    const r = runExperiment({
      exam: "readout",
      students: 20,
      outputs: 2,
      schemes: [GLOBAL],
      seeds: 4,
      rounds: 600,
      scalarLearner: "perturbation",
    });
    const chart = sweepChart(r);
    if (!chart) throw new Error("no sweep chart");
    const trials = r.outcomes[0].rate.trials;
    const [full, coarse, chosen] = chart.series;
    expect(full.points.length + coarse.points.length).toBe(trials.length);
    expect(chosen.points.map((p) => p.x)).toContain(r.outcomes[0].rate.rate);
    expect(full.points.filter((p) => p.hollow).length).toBe(
      trials.filter((t) => t.stage !== "coarse" && (t.pruned || t.reached < 1)).length,
    );
    const svg = renderXYChartSvg(chart);
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain("<polygon"); // the chosen rate's diamond
    expect(svg).toContain("<rect x="); // the coarse walk's squares
  });

  it("is absent when no rate was swept", () => {
    const r = runExperiment({
      exam: "independent",
      students: 10,
      schemes: [GLOBAL],
      seeds: 2,
      rounds: 300,
      scalarLearner: "perturbation",
    });
    expect(sweepChart(r)).toBeNull();
  });
});

describe("the speedup and dial plots", () => {
  it("draw global's τ against M beside the theory's when vectorized is exact, and say so", () => {
    const runs = [8, 16].map((m) =>
      runExperiment({
        exam: "independent",
        students: m,
        schemes: [GLOBAL, VECTORIZED],
        seeds: 6,
        rounds: 20 * m + 200,
        scalarLearner: "perturbation",
      }),
    );
    const chart = speedupChart(runs);
    if (!chart) throw new Error("no speedup chart");
    expect(chart.notes?.join(" ")).toMatch(/exact in one round/);
    const [tau, theory] = chart.series;
    expect(tau.points.map((p) => p.y)).toEqual(runs.map((r) => r.outcomes[0].tauMeasured));
    expect(theory.points.map((p) => p.y)).toEqual(runs.map((r) => r.outcomes[0].tauPredicted));
    expect(renderXYChartSvg(chart)).toContain('class="theory"');
    expect(speedupChart(runs.slice(0, 1))).toBeNull();
  });

  it("draw τ against the table size g, one point per size, with k = g's theory", () => {
    const r = runExperiment({
      exam: "independent",
      students: 20,
      schemes: [2, 5].map((g) => schemeConfig("teams", { teamSize: g })),
      seeds: 6,
      rounds: 600,
      scalarLearner: "perturbation",
    });
    const chart = teamsDialChart(r);
    if (!chart) throw new Error("no dial chart");
    expect(chart.series[0].points.map((p) => p.x)).toEqual([2, 5]);
    expect(chart.series[1].points.map((p) => p.y)).toEqual(r.outcomes.map((o) => o.tauPredicted));
  });
});
