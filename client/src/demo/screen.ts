/**
 * Everything the page shows about a run besides the canvases: the two lane panels, the sentence that
 * compares the classes, and the chart. While the run plays the words are rewritten at most every
 * SHOW_EVERY_MS (ten times a second is as often as a person reads a number), and the chart at most as
 * often, and less often as its lines grow: a chart of tens of thousands of rounds takes tens of
 * milliseconds to draw, so it waits CHART_SHARE times its last drawing time before the next, and keeps
 * most of every second for the frames, and it draws in a task of its own, never inside a frame's. When
 * the run stops they show its last state at once.
 */
import type { SchemeConfig } from "../../../shared/engine/index.ts";
import { schemeLabel, schemePhrase } from "../../../shared/protocol/schemeWords.ts";
import { ErrorChart } from "../board/chart.ts";
import { chartOf } from "./chartData.ts";
import type { RunMirror } from "./mirror.ts";
import { LanePanel } from "./panel.ts";
import { comparison } from "./words.ts";

const SHOW_EVERY_MS = 100;
/** The chart draws again no sooner than this many times its last drawing time. */
const CHART_SHARE = 5;

export class RunView {
  readonly panels: readonly LanePanel[];
  private readonly sentence: HTMLElement;
  private readonly chart: ErrorChart;
  private shownAt = Number.NEGATIVE_INFINITY;
  private shown: { run: RunMirror | null; version: number } = { run: null, version: -1 };
  private chartAt = Number.NEGATIVE_INFINITY;
  private chartMs = 0;
  private chartPending = false;
  private charted: { run: RunMirror | null; version: number } = { run: null, version: -1 };

  constructor(lanes: readonly HTMLElement[], sentence: HTMLElement, chart: HTMLElement) {
    this.panels = lanes.map((el) => new LanePanel(el));
    this.sentence = sentence;
    this.chart = new ErrorChart(chart);
  }

  /** Schemes chosen, rates not known yet. */
  waiting(schemes: readonly SchemeConfig[]): void {
    this.shown = { run: null, version: -1 };
    this.charted = { run: null, version: -1 };
    this.chart.show(chartOf(null));
    schemes.forEach((s, k) => {
      this.panels[k].waiting(schemeLabel(s), schemePhrase(s));
    });
  }

  /** Shows `run` where it moved since the last time, if that is long enough ago (or the run stopped). */
  render(run: RunMirror, now: number, running: boolean): void {
    if (this.due(this.shown, run, running, now - this.shownAt >= SHOW_EVERY_MS)) {
      this.shown = { run, version: run.version };
      this.shownAt = now;
      run.lanes.forEach((lane, k) => {
        this.panels[k].show(lane);
      });
      const [a, b] = run.lanes;
      const text = comparison(a.outcome, b.outcome, run.over, run.limit, run.config.exam);
      if (this.sentence.textContent !== text) this.sentence.textContent = text;
    }
    const wait = Math.max(SHOW_EVERY_MS, CHART_SHARE * this.chartMs);
    if (!this.chartPending && this.due(this.charted, run, running, now - this.chartAt >= wait)) {
      this.charted = { run, version: run.version };
      this.chartAt = now;
      // A task of its own, after this frame's: the chart's tens of milliseconds never add to a frame's.
      this.chartPending = true;
      setTimeout(() => {
        this.chartPending = false;
        // New settings came meanwhile (see `waiting`): this run is no longer on the page.
        if (this.charted.run !== run) return;
        const start = performance.now();
        this.chart.show(chartOf(run));
        // uPlot draws in a microtask queued by show(): one queued after it runs once the drawing is done.
        queueMicrotask(() => {
          this.chartMs = performance.now() - start;
        });
      }, 0);
    }
  }

  private due(
    last: { run: RunMirror | null; version: number },
    run: RunMirror,
    running: boolean,
    late: boolean,
  ): boolean {
    if (last.run === run && last.version === run.version) return false;
    return last.run !== run || !running || late;
  }
}
