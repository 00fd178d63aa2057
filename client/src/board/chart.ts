/**
 * The convergence chart (uPlot): lines of plain numbers against rounds, each with its own colour, width and
 * dash (and optional markers on chosen rounds), a theory line dashed beside a line where it has one, the
 * criterion dotted (labelled on the chart itself when asked), and a marked vertical line where the scheme
 * changed. The y axis is a log scale of the class error in whole decades (the demo's default: at most eight
 * of them, so a class that hits the key exactly does not stretch the axis to the smallest double) or a
 * linear one with fixed ticks (the board's class score, 0 to 100). A value that is not a number (NaN) is a
 * gap in its line. The demo's bot classes and a live session's board both feed it; the board sets its fonts
 * large enough for the back of a room, and `minFontPx` says the smallest it drew.
 */
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { plotValues, yRange } from "./chartValues.ts";
import { decadeSplits, power } from "./logAxis.ts";

export interface ChartLine {
  readonly label: string;
  readonly colour: string;
  /** The values of each round: index r is round r + 1; the first `count` entries are drawn. */
  readonly values: ArrayLike<number>;
  readonly count: number;
  /** The theory's line for the same rounds (drawn dashed), or null/absent where the theory has none. */
  readonly theory?: ArrayLike<number> | null;
  /** The theory line's name in the legend (default "theory, " and the line's label). */
  readonly theoryLabel?: string;
  /** Dash pattern in CSS px (null/absent: solid) and width (default 2.5). */
  readonly dash?: readonly number[] | null;
  readonly width?: number;
  /** Indices of the rounds that get a marker (null/absent: none). */
  readonly markers?: readonly number[] | null;
}

/** A vertical line just before `round`, labelled (the round a new scheme started). */
export interface ChartMark {
  readonly round: number;
  readonly label: string;
}

export type YAxis =
  | { readonly kind: "log"; readonly label?: string }
  | {
      readonly kind: "linear";
      readonly min: number;
      readonly max: number;
      readonly ticks: readonly number[];
      readonly label: string;
    };

export interface ChartData {
  readonly lines: readonly ChartLine[];
  /** The criterion's value on the y axis (dotted), or null for none. */
  readonly criterion: number | null;
  /** The criterion's name (default "95 % of the way"). */
  readonly criterionLabel?: string;
  readonly marks?: readonly ChartMark[];
  /** The y axis (default: log scale of the class error). */
  readonly y?: YAxis;
  /** The x axis runs over rounds 1..rounds; null/absent: as far as the data. */
  readonly rounds?: number | null;
}

export interface ChartStyle {
  /** Axis and label colour, grid colour, mark colour. */
  readonly ink: string;
  readonly grid: string;
  readonly mark: string;
  readonly criterion: string;
  /** Plot height on a wide and on a narrow (< 600 px) parent. */
  readonly height: { readonly wide: number; readonly narrow: number };
  /** The plot takes its parent's height instead (the parent's layout gives it one). */
  readonly fill?: boolean;
  /** Font size of ticks, axis labels and marks in CSS px (default 12), read again on every resize. */
  readonly fontPx?: number | (() => number);
  /** uPlot's own legend under the plot (default true); a page with a legend of its own turns it off. */
  readonly legend?: boolean;
  /**
   * Write the scheme-change marks' words in a band over the plot, where no line runs under them (the
   * criterion is named in the board's legend, not on the plot).
   */
  readonly markBand?: boolean;
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
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const DEFAULT_FONT_PX = 12;

/**
 * What makes the series list (and so a new uPlot) change; the values alone only need setData. Labels count
 * only where uPlot's own legend shows them (the board's words, "rounds 1–3", change every round).
 */
const shapeOf = (data: ChartData, fontPx: number, labels: boolean): string =>
  JSON.stringify([
    data.lines.map((l) => [
      labels ? l.label : "",
      l.colour,
      l.theory != null,
      labels ? l.theoryLabel : "",
      l.dash,
      l.width,
      l.markers != null,
    ]),
    data.criterion !== null,
    data.criterionLabel,
    data.y,
    fontPx,
  ]);

export class ErrorChart {
  private readonly parent: HTMLElement;
  private readonly style: ChartStyle;
  private plot: uPlot | null = null;
  private data: ChartData = { lines: [], criterion: null };
  private shape = "";
  private range: [number, number] = [1e-3, 1];
  private rounds = 2;
  private fontPx = DEFAULT_FONT_PX;
  private readonly resize: ResizeObserver;

  constructor(parent: HTMLElement, style: ChartStyle = LIGHT_CHART) {
    this.parent = parent;
    this.style = style;
    this.fontPx = this.font();
    this.resize = new ResizeObserver(() => {
      if (!this.plot) return;
      if (this.font() !== this.fontPx) this.show(this.data);
      else this.plot.setSize(this.size());
    });
    this.resize.observe(parent);
  }

  private font(): number {
    const f = this.style.fontPx;
    const px = typeof f === "function" ? f() : (f ?? DEFAULT_FONT_PX);
    return Math.max(8, Math.round(px));
  }

  /** The smallest text the chart draws, in CSS px. */
  get minFontPx(): number {
    return this.fontPx;
  }

  private size(): { width: number; height: number } {
    const width = Math.max(240, this.parent.clientWidth);
    if (this.style.fill) return { width, height: Math.max(160, this.parent.clientHeight) };
    return { width, height: width < 600 ? this.style.height.narrow : this.style.height.wide };
  }

  /** Draws `data`; a new set of lines rebuilds the plot, new values only redraw it. */
  show(data: ChartData): void {
    this.data = data;
    this.fontPx = this.font();
    const shape = shapeOf(data, this.fontPx, this.style.legend !== false);
    if (shape !== this.shape || !this.plot) {
      this.shape = shape;
      this.build();
    } else this.plot.setData(this.aligned());
  }

  private build(): void {
    this.plot?.destroy();
    const { lines, criterion } = this.data;
    const y = this.data.y ?? { kind: "log" };
    const px = this.fontPx;
    const series: uPlot.Series[] = [{ label: "round" }];
    lines.forEach((l, k) => {
      const width = l.width ?? 2.5;
      // The markers of the data on show (setData keeps the series), read when uPlot draws.
      const markers = (): number[] => [...(this.data.lines[k]?.markers ?? [])];
      series.push({
        label: l.label,
        stroke: l.colour,
        width,
        dash: l.dash ? [...l.dash] : undefined,
        points: l.markers
          ? { show: true, size: width * 2.6, fill: l.colour, stroke: l.colour, filter: markers }
          : { show: false },
      });
    });
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
        label: this.data.criterionLabel ?? "95 % of the way",
        stroke: this.style.criterion,
        width: Math.max(1.5, px / 10),
        dash: [2, 6],
        points: { show: false },
      });
    const { ink, grid } = this.style;
    const font = `${px}px ${FONT}`;
    const labelFont = `bold ${px}px ${FONT}`;
    /** Room for the widest tick value, measured in the font it is drawn in. */
    const ySize = (u: uPlot, values: string[] | null): number => {
      if (!values || values.length === 0) return Math.round(px * 3.5);
      const ratio = devicePixelRatio || 1;
      u.ctx.font = `${Math.round(px * ratio)}px ${FONT}`;
      const widest = Math.max(...values.map((v) => u.ctx.measureText(v).width)) / ratio;
      return Math.ceil(widest + px * 0.9 + 10);
    };
    const yAxis: uPlot.Axis =
      y.kind === "log"
        ? {
            splits: (_u, _axis, min, max) => decadeSplits(min, max),
            // Keep every decade given: uPlot's own log filter would blank some of them.
            filter: (_u, splits) => splits,
            values: (_u, splits) => splits.map((v) => (v > 0 ? power(Math.round(Math.log10(v))) : "")),
          }
        : { splits: () => [...y.ticks], values: (_u, splits) => splits.map((v) => String(v)) };
    this.plot = new uPlot(
      {
        ...this.size(),
        series,
        scales: {
          x: { time: false, range: () => [1, this.rounds] },
          y: y.kind === "log" ? { distr: 3, range: () => this.range } : { range: [y.min, y.max] },
        },
        axes: [
          {
            label: "round",
            stroke: ink,
            font,
            labelFont,
            labelSize: Math.max(30, Math.round(px * 1.5)),
            size: Math.max(50, Math.round(px * 1.6 + 12)),
            grid: { stroke: grid },
            ticks: { stroke: grid },
            // Room for the widest round number ("20,000") and a gap, so labels never run together.
            space: (_u, _axis, _min, max) => px * (0.62 * Math.round(max).toLocaleString("en").length + 1.5),
            // Whole rounds only: no tick at round 1.5.
            incrs: ROUND_STEPS,
          },
          {
            label: y.label ?? "class error (log scale)",
            stroke: ink,
            font,
            labelFont,
            labelSize: Math.max(30, Math.round(px * 1.5)),
            size: ySize,
            grid: { stroke: grid },
            ticks: { stroke: grid },
            ...yAxis,
          },
        ],
        cursor: { drag: { x: false, y: false } },
        legend: { show: this.style.legend ?? true, live: false },
        // A band over the plot for the marks' words (uPlot's own padding elsewhere).
        padding: this.style.markBand ? [Math.round(px * 1.8), null, null, null] : undefined,
        hooks: { draw: [(u) => this.drawLabels(u)] },
      },
      this.aligned(),
      this.parent,
    );
  }

  /**
   * The rounds where the scheme changed: a dashed vertical line, its words along the top (in the band over
   * the plot when the style keeps one); and the criterion's name beside its line.
   */
  private drawLabels(u: uPlot): void {
    const marks = this.data.marks ?? [];
    const { ctx } = u;
    const { left, top, width, height } = u.bbox;
    const ratio = devicePixelRatio || 1;
    const pad = 6 * ratio;
    const band = this.style.markBand === true;
    const fontPx = this.fontPx * ratio;
    ctx.save();
    ctx.font = `${Math.round(fontPx)}px ${FONT}`;
    // uPlot leaves its axes' alignment on the context.
    ctx.textAlign = "left";
    ctx.strokeStyle = this.style.mark;
    ctx.fillStyle = this.style.mark;
    ctx.lineWidth = 2 * ratio;
    ctx.setLineDash([6 * ratio, 6 * ratio]);
    ctx.textBaseline = band ? "bottom" : "top";
    for (const m of marks) {
      // At the first round under the new scheme: its feedback moves the class from there on.
      const x = u.valToPos(m.round, "x", true);
      if (!(x >= left && x <= left + width)) continue;
      ctx.beginPath();
      ctx.moveTo(x, band ? top - fontPx * 0.3 : top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
      const w = ctx.measureText(m.label).width;
      // Right of the mark where it fits, else left of it, never over the y axis's numbers.
      const tx = x + pad + w > left + width ? x - pad - w : x + pad;
      ctx.fillText(m.label, Math.max(left, tx), band ? top - pad / 2 : top + pad);
    }
    ctx.restore();
  }

  private aligned(): uPlot.AlignedData {
    const { lines, criterion } = this.data;
    const n = Math.max(0, ...lines.map((l) => l.count));
    this.rounds = Math.max(2, this.data.rounds ?? n);
    const x = Array.from({ length: n }, (_, i) => i + 1);
    const raw: { values: ArrayLike<number> | null; count: number }[] = [
      ...lines.map((l) => ({ values: l.values, count: l.count })),
      ...lines.filter((l) => l.theory != null).map((l) => ({ values: l.theory ?? null, count: n })),
    ];
    const log = (this.data.y ?? { kind: "log" }).kind === "log";
    let floor = Number.NEGATIVE_INFINITY;
    if (log) {
      const r = yRange(
        raw.map((v) => v.values),
        n,
      );
      floor = r.floor;
      this.range = r.range;
    }
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
