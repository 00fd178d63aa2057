/**
 * Everything the page shows about a run besides the canvases: the two lane panels, the sentence that
 * compares the classes, and the chart, which redraws at most every CHART_EVERY_MS because a class of
 * thousands over thousands of rounds makes long lines.
 */
import type { SchemeName } from "../../../shared/engine/index.ts";
import { schemeLabel, schemePhrase } from "../../../shared/protocol/schemeWords.ts";
import { ErrorChart } from "../board/chart.ts";
import { chartOf } from "./chartData.ts";
import { LanePanel } from "./panel.ts";
import type { Run } from "./run.ts";
import { comparison, schemeOf } from "./words.ts";

const CHART_EVERY_MS = 80;

export class RunView {
  readonly panels: readonly LanePanel[];
  private readonly sentence: HTMLElement;
  private readonly chart: ErrorChart;
  private chartAt = 0;
  private chartRounds = -1;

  constructor(lanes: readonly HTMLElement[], sentence: HTMLElement, chart: HTMLElement) {
    this.panels = lanes.map((el) => new LanePanel(el));
    this.sentence = sentence;
    this.chart = new ErrorChart(chart);
  }

  /** Schemes chosen, rates not known yet. */
  waiting(schemes: readonly SchemeName[]): void {
    this.chart.show(chartOf(null));
    schemes.forEach((name, k) => {
      this.panels[k].waiting(schemeLabel(schemeOf(name)), schemePhrase(schemeOf(name)));
    });
  }

  start(run: Run): void {
    this.chart.show(chartOf(run));
    this.chartRounds = -1;
  }

  render(run: Run, now: number, running: boolean): void {
    run.lanes.forEach((lane, k) => {
      this.panels[k].show(lane);
    });
    const [a, b] = run.lanes;
    const text = comparison(a.outcome, b.outcome, run.over, run.limit);
    if (this.sentence.textContent !== text) this.sentence.textContent = text;
    if (run.rounds !== this.chartRounds && (now - this.chartAt >= CHART_EVERY_MS || !running)) {
      this.chart.show(chartOf(run));
      this.chartAt = now;
      this.chartRounds = run.rounds;
    }
  }
}
