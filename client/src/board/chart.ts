/**
 * Class error against rounds on a log scale (uPlot), one solid line per class and its theory dashed beside
 * it, the criterion dotted, and a marked line where the scheme changed. It draws plain numbers, so the demo's
 * bot classes and a live session's state both feed it. The y axis spans whole decades and at most eight of
 * them: a class that hits the key exactly would otherwise stretch it to the smallest double and flatten the
 * other line. A value that is not a number (NaN) is a gap in its line.
 */
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { plotValues, yRange } from "./chartValues.ts";
import { decadeSplits, power } from "./logAxis.ts";

export interface ChartLine {
  readonly label: string;
  readonly colour: string;
  /** The class error of each round: index r is round r + 1; the first `count` entries are drawn. */
  readonly values: ArrayLike<number>;
  readonly count: number;
  /** The theory's line for the same rounds (drawn dashed), or null/absent where the theory has none. */
  readonly theory?: ArrayLike<number> | null;
  /** The theory line's name in the legend (default "theory, " and the line's label). */
  readonly theoryLabel?: string;
}

/** A vertical line just before `round`, labelled (the round a new scheme started). */
export interface ChartMark {
  readonly round: number;
  readonly label: string;
}

export interface ChartData {
  readonly lines: readonly ChartLine[];
  /** The criterion's class error (dotted), or null for none. */
  readonly criterion: number | null;
  readonly marks?: readonly ChartMark[];
}

export interface ChartStyle {
  /** Axis and label colour, grid colour, mark colour. */
  readonly ink: string;
  readonly grid: string;
  readonly mark: string;
  readonly criterion: string;
  /** Plot height on a wide and on a narrow (< 600 px) parent. */
  readonly height: { readonly wide: number; readonly narrow: number };
}

/** The demo's look: dark ink on white. */
export const LIGHT_CHART: ChartStyle = {
  ink: "#1b2430",
  grid: "rgba(0,0,0,0.07)",
  mark: "#1b2430",
  criterion: "#6b7785",
  height: { wide: 320, narrow: 240 },
};

const ROUND_STEPS = [
  1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 50_000,
];

/** What makes the series list (and so a new uPlot) change; the values alone only need setData. */
const shapeOf = (data: ChartData): string =>
  JSON.stringify([
    data.lines.map((l) => [l.label, l.colour, l.theory != null, l.theoryLabel]),
    data.criterion !== null,
  ]);

export class ErrorChart {
  private readonly parent: HTMLElement;
  private readonly style: ChartStyle;
  private plot: uPlot | null = null;
  private data: ChartData = { lines: [], criterion: null };
  private shape = "";
  private range: [number, number] = [1e-3, 1];
  private readonly resize: ResizeObserver;

  constructor(parent: HTMLElement, style: ChartStyle = LIGHT_CHART) {
    this.parent = parent;
    this.style = style;
    this.resize = new ResizeObserver(() => this.plot?.setSize(this.size()));
    this.resize.observe(parent);
  }

  private size(): { width: number; height: number } {
    const width = Math.max(240, this.parent.clientWidth);
    return { width, height: width < 600 ? this.style.height.narrow : this.style.height.wide };
  }

  /** Draws `data`; a new set of lines rebuilds the plot, new values only redraw it. */
  show(data: ChartData): void {
    this.data = data;
    const shape = shapeOf(data);
    if (shape !== this.shape || !this.plot) {
      this.shape = shape;
      this.build();
    } else this.plot.setData(this.aligned());
  }

  private build(): void {
    this.plot?.destroy();
    const { lines, criterion } = this.data;
    const series: uPlot.Series[] = [{ label: "round" }];
    for (const l of lines)
      series.push({ label: l.label, stroke: l.colour, width: 2.5, points: { show: false } });
    for (const l of lines)
      if (l.theory != null)
        series.push({
          label: l.theoryLabel ?? `theory, ${l.label}`,
          stroke: l.colour,
          width: 1.5,
          dash: [8, 6],
          points: { show: false },
        });
    if (criterion !== null)
      series.push({
        label: "95 % of the way",
        stroke: this.style.criterion,
        width: 1.5,
        dash: [2, 5],
        points: { show: false },
      });
    const { ink, grid } = this.style;
    this.plot = new uPlot(
      {
        ...this.size(),
        series,
        scales: {
          x: { time: false },
          y: { distr: 3, range: () => this.range },
        },
        axes: [
          {
            label: "round",
            stroke: ink,
            grid: { stroke: grid },
            ticks: { stroke: grid },
            // Whole rounds only: no tick at round 1.5.
            incrs: ROUND_STEPS,
          },
          {
            label: "class error (log scale)",
            stroke: ink,
            grid: { stroke: grid },
            ticks: { stroke: grid },
            size: 64,
            splits: (_u, _axis, min, max) => decadeSplits(min, max),
            // Keep every decade given: uPlot's own log filter would blank some of them.
            filter: (_u, splits) => splits,
            values: (_u, splits) => splits.map((v) => (v > 0 ? power(Math.round(Math.log10(v))) : "")),
          },
        ],
        cursor: { drag: { x: false, y: false } },
        legend: { live: false },
        hooks: { draw: [(u) => this.drawMarks(u)] },
      },
      this.aligned(),
      this.parent,
    );
  }

  /** The rounds where the scheme changed: a dashed vertical line and its label along the top. */
  private drawMarks(u: uPlot): void {
    const marks = this.data.marks ?? [];
    if (marks.length === 0) return;
    const { ctx } = u;
    const { left, top, width, height } = u.bbox;
    const px = devicePixelRatio || 1;
    ctx.save();
    ctx.strokeStyle = this.style.mark;
    ctx.fillStyle = this.style.mark;
    ctx.lineWidth = 1.5 * px;
    ctx.setLineDash([4 * px, 4 * px]);
    ctx.font = `${Math.round(12 * px)}px system-ui, sans-serif`;
    ctx.textBaseline = "top";
    for (const m of marks) {
      const x = u.valToPos(m.round - 0.5, "x", true);
      if (!(x >= left && x <= left + width)) continue;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
      const text = m.label;
      const w = ctx.measureText(text).width;
      ctx.fillText(text, x + 4 * px + w > left + width ? x - 4 * px - w : x + 4 * px, top + 4 * px);
    }
    ctx.restore();
  }

  private aligned(): uPlot.AlignedData {
    const { lines, criterion } = this.data;
    const n = Math.max(0, ...lines.map((l) => l.count));
    const x = Array.from({ length: n }, (_, i) => i + 1);
    const raw: { values: ArrayLike<number> | null; count: number }[] = [
      ...lines.map((l) => ({ values: l.values, count: l.count })),
      ...lines.filter((l) => l.theory != null).map((l) => ({ values: l.theory ?? null, count: n })),
    ];
    const { floor, range } = yRange(
      raw.map((r) => r.values),
      n,
    );
    this.range = range;
    const ys = raw.map((r) => plotValues(r.values, r.count, n, floor));
    if (criterion !== null)
      ys.push(x.map(() => (Number.isNaN(criterion) ? null : Math.max(floor, criterion))));
    return [x, ...ys];
  }

  destroy(): void {
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = null;
  }
}
