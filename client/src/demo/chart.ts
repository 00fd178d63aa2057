/**
 * Class error against rounds on a log scale, one line per class and the theory dashed beside it, as in the
 * command line's SVG chart. The y axis spans whole decades and at most eight of them: a class that hits
 * the key exactly would otherwise stretch it to the smallest double and flatten the other line.
 */
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { criterionError } from "../../../shared/engine/index.ts";
import type { Lane } from "./lane.ts";
import { decadeSplits, decades, power } from "./logAxis.ts";

export interface ChartLine {
  readonly label: string;
  readonly colour: string;
  readonly lane: Lane;
}

const DECADES = 8;
const HEIGHT = { wide: 320, narrow: 240 } as const;

export class ErrorChart {
  private readonly parent: HTMLElement;
  private plot: uPlot | null = null;
  private lines: readonly ChartLine[] = [];
  private range: [number, number] = [1e-3, 1];
  private readonly resize: ResizeObserver;

  constructor(parent: HTMLElement) {
    this.parent = parent;
    this.resize = new ResizeObserver(() => this.plot?.setSize(this.size()));
    this.resize.observe(parent);
  }

  private size(): { width: number; height: number } {
    const width = Math.max(240, this.parent.clientWidth);
    return { width, height: width < 600 ? HEIGHT.narrow : HEIGHT.wide };
  }

  /** Starts over with new classes (or none). */
  reset(lines: readonly ChartLine[]): void {
    this.plot?.destroy();
    this.lines = lines;
    const series: uPlot.Series[] = [{ label: "round" }];
    for (const l of lines)
      series.push({ label: l.label, stroke: l.colour, width: 2.5, points: { show: false } });
    for (const l of lines)
      if (l.lane.hasTheory)
        series.push({
          label: `theory, ${l.label}`,
          stroke: l.colour,
          width: 1.5,
          dash: [8, 6],
          points: { show: false },
        });
    if (lines.length > 0)
      series.push({
        label: "95 % of the way",
        stroke: "#6b7785",
        width: 1.5,
        dash: [2, 5],
        points: { show: false },
      });
    this.plot = new uPlot(
      {
        ...this.size(),
        series,
        scales: {
          x: { time: false },
          y: { distr: 3, range: () => this.range },
        },
        axes: [
          { label: "round", stroke: "#1b2430" },
          {
            label: "class error (log scale)",
            stroke: "#1b2430",
            size: 64,
            splits: (_u, _axis, min, max) => decadeSplits(min, max),
            // Keep every decade given: uPlot's own log filter would blank some of them.
            filter: (_u, splits) => splits,
            values: (_u, splits) => splits.map((v) => (v > 0 ? power(Math.round(Math.log10(v))) : "")),
          },
        ],
        cursor: { drag: { x: false, y: false } },
        legend: { live: false },
      },
      this.data(),
      this.parent,
    );
  }

  update(): void {
    this.plot?.setData(this.data());
  }

  private data(): uPlot.AlignedData {
    const n = Math.max(0, ...this.lines.map((l) => l.lane.rounds));
    const x = Array.from({ length: n }, (_, i) => i + 1);
    const raw: (ArrayLike<number> | null)[] = [
      ...this.lines.map((l) => l.lane.trace),
      ...this.lines.filter((l) => l.lane.hasTheory).map((l) => l.lane.theory),
    ];
    let top = 0;
    let low = Number.POSITIVE_INFINITY;
    for (const values of raw)
      for (let i = 0; values && i < n; i++) {
        const v = values[i];
        if (v > top) top = v;
        if (v > 0 && v < low) low = v;
      }
    const floor = top > 0 ? Math.max(low, top * 10 ** -DECADES) : 1e-3;
    this.range = top > 0 ? decades(floor, top) : [1e-3, 1];
    const ys = raw.map((values, k) => {
      const rounds = k < this.lines.length ? this.lines[k].lane.rounds : n;
      return x.map((_, i) => (values && i < rounds ? Math.max(floor, values[i]) : null));
    });
    // Every class starts from the same levels on the same exam, so one criterion serves them all.
    if (this.lines.length > 0) {
      const criterion = criterionError(this.lines[0].lane.trace[0]);
      ys.push(x.map(() => Math.max(floor, criterion)));
    }
    return [x, ...ys];
  }

  destroy(): void {
    this.resize.disconnect();
    this.plot?.destroy();
  }
}
