/**
 * A standalone SVG chart of class error against rounds: one line per scheme with its 10–90 % band shaded,
 * the theory dashed, log scale in y. Readable in any browser or image viewer, so the demo's result can be
 * kept and shown without the terminal. A pure function from data to text.
 */

export interface ChartSeries {
  /** Legend label, e.g. "vectorized (η = 1)". */
  readonly label: string;
  /** Mean class error per round; index = round − 1. Values ≤ 0 or not finite are drawn at the floor. */
  readonly mean: ArrayLike<number>;
  readonly p10: ArrayLike<number>;
  readonly p90: ArrayLike<number>;
  /** The theory's class error per round (dashed), or null where the theory has nothing to say. */
  readonly theory?: ArrayLike<number> | null;
}

export interface ChartInput {
  readonly title: string;
  readonly subtitle?: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly ChartSeries[];
  readonly width?: number;
  readonly height?: number;
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Data clamp [floor, top] and the whole decades [lo, hi] the axis spans around it. */
interface YScale {
  readonly floor: number;
  readonly top: number;
  readonly lo: number;
  readonly hi: number;
}

interface Frame {
  readonly plot: Box;
  /** Rounds on the x axis: round 1 at the left edge, round `rounds` at the right. */
  readonly rounds: number;
  readonly scale: YScale;
  /** Pixel x of the round at index i (round i + 1). */
  readonly x: (i: number) => number;
  /** Pixel y of a class error, clamped to the data range. */
  readonly y: (v: number) => number;
}

/** A series that has something to draw, with its colour and how many of its rounds fit the axis. */
interface Drawn {
  readonly series: ChartSeries;
  readonly color: string;
  readonly length: number;
}

/** Okabe–Ito: told apart by people with any common colour-vision deficiency. */
const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];
const MAX_POINTS = 1000;
const MARGIN = { left: 78, right: 24, top: 66, bottom: 56 };
const DASH = "6 4";
const LEGEND = { row: 20, swatch: 24, gap: 8, pad: 8, inset: 10, charWidth: 7.2 };
/** Side of the cells in which the legend's placement counts ink. */
const CELL = 8;

const escapeXml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );

const n2 = (v: number): string => (Math.round(v * 100) / 100).toString();

const hasTheory = (s: ChartSeries): boolean => s.theory != null && s.theory.length > 0;

/** Indices to draw: every k-th point so that a path keeps at most MAX_POINTS, the last one always kept. */
function sampled(length: number): number[] {
  const step = Math.max(1, Math.ceil(length / MAX_POINTS));
  const out: number[] = [];
  for (let i = 0; i < length; i += step) out.push(i);
  if (length > 0 && out[out.length - 1] !== length - 1) out.push(length - 1);
  return out;
}

function yScale(series: readonly ChartSeries[]): YScale {
  let top = 0;
  let low = Number.POSITIVE_INFINITY;
  const scan = (values: ArrayLike<number> | null | undefined): void => {
    if (!values) return;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (Number.isFinite(v) && v > 0) {
        if (v > top) top = v;
        if (v < low) low = v;
      }
    }
  };
  for (const s of series) {
    scan(s.mean);
    scan(s.p10);
    scan(s.p90);
    scan(s.theory);
  }
  if (top === 0) return { floor: 1e-3, top: 1, lo: 1e-3, hi: 1 };
  // A scheme that reaches the key exactly would pull the floor to the smallest double; eight decades
  // below the top is already far past anything a class can tell apart.
  const floor = Math.max(low, top * 1e-8);
  const lo = 10 ** Math.floor(Math.log10(floor));
  const hi = 10 ** Math.ceil(Math.log10(top));
  return { floor, top, lo: lo === hi ? lo / 10 : lo, hi };
}

/** A whole number of rounds from 1, 2, 5 × 10^k, giving about eight ticks across `span` rounds. */
function niceStep(span: number): number {
  const raw = Math.max(1, span / 8);
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5]) if (m * p >= raw) return m * p;
  return 10 * p;
}

function makeFrame(input: ChartInput, width: number, height: number): Frame {
  const plot = {
    x: MARGIN.left,
    y: MARGIN.top,
    w: width - MARGIN.left - MARGIN.right,
    h: height - MARGIN.top - MARGIN.bottom,
  };
  // Two rounds at least, so that a single round still has an axis to sit on.
  const rounds = Math.max(2, ...input.series.map((s) => s.mean.length));
  const scale = yScale(input.series);
  const logLo = Math.log10(scale.lo);
  const logHi = Math.log10(scale.hi);
  return {
    plot,
    rounds,
    scale,
    x: (i) => plot.x + (i / (rounds - 1)) * plot.w,
    y: (v) => {
      const c = Number.isFinite(v) && v > 0 ? Math.min(scale.top, Math.max(scale.floor, v)) : scale.floor;
      return plot.y + ((logHi - Math.log10(c)) / (logHi - logLo)) * plot.h;
    },
  };
}

function header(input: ChartInput, width: number, height: number): string[] {
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="13" role="img">`,
    `<title>${escapeXml(input.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="26" font-size="18" font-weight="600">${escapeXml(input.title)}</text>`,
  ];
  if (input.subtitle)
    out.push(`<text x="${MARGIN.left}" y="46" fill="#555555">${escapeXml(input.subtitle)}</text>`);
  return out;
}

function yGrid(frame: Frame): string[] {
  const { plot, scale } = frame;
  const right = plot.x + plot.w;
  const first = Math.round(Math.log10(scale.lo));
  const last = Math.round(Math.log10(scale.hi));
  const out: string[] = [];
  // With few decades the eye needs the 2…9 marks in between to read a value off the axis.
  if (last - first <= 4)
    for (let d = first; d < last; d++)
      for (let m = 2; m <= 9; m++) {
        // Drawn directly, not through frame.y, which would clamp the marks to the data range.
        const yy = n2(plot.y + ((last - Math.log10(m * 10 ** d)) / (last - first)) * plot.h);
        out.push(`<line x1="${plot.x}" x2="${right}" y1="${yy}" y2="${yy}" stroke="#f3f3f3"/>`);
      }
  for (let d = first; d <= last; d++) {
    const yy = n2(plot.y + ((last - d) / (last - first)) * plot.h);
    out.push(
      `<line x1="${plot.x}" x2="${right}" y1="${yy}" y2="${yy}" stroke="#e5e5e5"/>`,
      `<text x="${plot.x - 8}" y="${yy}" text-anchor="end" dominant-baseline="middle">1e${d}</text>`,
    );
  }
  return out;
}

function xGrid(frame: Frame): string[] {
  const { plot, rounds } = frame;
  const step = niceStep(rounds - 1);
  const ticks: number[] = [];
  for (let r = step; r <= rounds; r += step) if (r > 1) ticks.push(r);
  // Round 1 is the left edge; label it unless it would crowd the first tick.
  if (ticks.length === 0 || frame.x(ticks[0] - 1) - plot.x >= 40) ticks.unshift(1);
  return ticks.flatMap((r) => {
    const xx = n2(frame.x(r - 1));
    return [
      `<line x1="${xx}" x2="${xx}" y1="${plot.y}" y2="${plot.y + plot.h}" stroke="#f0f0f0"/>`,
      `<text x="${xx}" y="${plot.y + plot.h + 18}" text-anchor="middle">${r}</text>`,
    ];
  });
}

function axes(input: ChartInput, frame: Frame, height: number): string[] {
  const { plot } = frame;
  return [
    `<rect x="${plot.x}" y="${plot.y}" width="${plot.w}" height="${plot.h}" fill="none" stroke="#333333"/>`,
    `<text x="${n2(plot.x + plot.w / 2)}" y="${height - 14}" text-anchor="middle">${escapeXml(input.xLabel)}</text>`,
    `<text transform="translate(18 ${n2(plot.y + plot.h / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(input.yLabel)}</text>`,
  ];
}

function linePath(values: ArrayLike<number>, length: number, frame: Frame): string {
  return sampled(Math.min(values.length, length))
    .map((i, k) => `${k === 0 ? "M" : "L"}${n2(frame.x(i))},${n2(frame.y(values[i]))}`)
    .join("");
}

function bandPath(s: ChartSeries, length: number, frame: Frame): string | null {
  const point = (values: ArrayLike<number>) => (i: number) => `${n2(frame.x(i))},${n2(frame.y(values[i]))}`;
  const upper = sampled(Math.min(s.p90.length, length)).map(point(s.p90));
  const lower = sampled(Math.min(s.p10.length, length)).reverse().map(point(s.p10));
  if (upper.length === 0 || lower.length === 0) return null;
  return `M${[...upper, ...lower].join("L")}Z`;
}

function seriesMarks(d: Drawn, frame: Frame): string[] {
  const { series: s, color, length } = d;
  const out: string[] = [];
  const band = bandPath(s, length, frame);
  if (band) out.push(`<path d="${band}" fill="${color}" fill-opacity="0.15" stroke="none"/>`);
  if (s.theory && hasTheory(s))
    out.push(
      `<path d="${linePath(s.theory, length, frame)}" fill="none" stroke="${color}" stroke-width="1.5" stroke-dasharray="${DASH}" class="theory"/>`,
    );
  out.push(`<path d="${linePath(s.mean, length, frame)}" fill="none" stroke="${color}" stroke-width="2.5"/>`);
  // A path of one point draws nothing; a scheme that stopped after one round still deserves a mark.
  if (length === 1)
    out.push(`<circle cx="${n2(frame.x(0))}" cy="${n2(frame.y(s.mean[0]))}" r="3.5" fill="${color}"/>`);
  return out;
}

/**
 * Which cells of the plot hold ink: for every drawn step, the span from the highest to the lowest of the
 * series' lines (mean, band edges, theory), so a band counts as filled and a steep drop as a wall.
 */
function inkGrid(drawn: readonly Drawn[], frame: Frame): { cols: number; rows: number; ink: Uint8Array } {
  const { plot } = frame;
  const cols = Math.max(1, Math.ceil(plot.w / CELL));
  const rows = Math.max(1, Math.ceil(plot.h / CELL));
  const ink = new Uint8Array(cols * rows);
  const cell = (px: number, n: number): number => Math.min(n - 1, Math.max(0, Math.floor(px / CELL)));
  const mark = (px: number, top: number, bottom: number): void => {
    const c = cell(px - plot.x, cols);
    for (let r = cell(top - plot.y, rows); r <= cell(bottom - plot.y, rows); r++) ink[r * cols + c] = 1;
  };
  for (const { series: s, length } of drawn) {
    const lines = [s.mean, s.p10, s.p90, s.theory ?? []].filter((v) => v.length > 0);
    const at = sampled(length);
    for (let k = 0; k < at.length; k++) {
      const a = at[Math.max(0, k - 1)];
      const b = at[k];
      const x0 = frame.x(a);
      const x1 = frame.x(b);
      const steps = Math.max(1, Math.ceil((x1 - x0) / (CELL / 2)));
      for (let j = 0; j <= steps; j++) {
        const t = j / steps;
        let top = Number.POSITIVE_INFINITY;
        let bottom = Number.NEGATIVE_INFINITY;
        for (const v of lines) {
          if (b >= v.length) continue;
          const yy = frame.y(v[a]) + t * (frame.y(v[b]) - frame.y(v[a]));
          top = Math.min(top, yy);
          bottom = Math.max(bottom, yy);
        }
        if (top <= bottom) mark(x0 + t * (x1 - x0), top, bottom);
      }
    }
  }
  return { cols, rows, ink };
}

/** The corner of the plot where the legend hides the least ink; top right when it is a tie. */
function placeLegend(w: number, h: number, drawn: readonly Drawn[], frame: Frame): Box {
  const { plot } = frame;
  const { cols, rows, ink } = inkGrid(drawn, frame);
  const left = plot.x + LEGEND.inset;
  const right = plot.x + plot.w - LEGEND.inset - w;
  const top = plot.y + LEGEND.inset;
  const bottom = plot.y + plot.h - LEGEND.inset - h;
  const corners: Box[] = [
    { x: right, y: top, w, h },
    { x: right, y: bottom, w, h },
    { x: left, y: bottom, w, h },
    { x: left, y: top, w, h },
  ];
  const covered = (b: Box): number => {
    const c0 = Math.max(0, Math.floor((b.x - plot.x) / CELL));
    const c1 = Math.min(cols - 1, Math.floor((b.x + b.w - plot.x) / CELL));
    const r0 = Math.max(0, Math.floor((b.y - plot.y) / CELL));
    const r1 = Math.min(rows - 1, Math.floor((b.y + b.h - plot.y) / CELL));
    let n = 0;
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) n += ink[r * cols + c];
    return n;
  };
  let best = corners[0];
  let least = covered(best);
  for (const b of corners.slice(1)) {
    const n = covered(b);
    if (n < least) {
      best = b;
      least = n;
    }
  }
  return best;
}

function legend(drawn: readonly Drawn[], frame: Frame): string[] {
  if (drawn.length === 0) return [];
  const rows: { label: string; color: string; dash: boolean }[] = drawn.map((d) => ({
    label: d.series.label,
    color: d.color,
    dash: false,
  }));
  if (drawn.some((d) => hasTheory(d.series)))
    rows.push({ label: "dashed: theory", color: "#333333", dash: true });
  // No font metrics in a pure function: an average glyph width, generous so that the text stays inside.
  const textWidth = Math.max(...rows.map((r) => [...r.label].length)) * LEGEND.charWidth;
  const w = LEGEND.pad * 2 + LEGEND.swatch + LEGEND.gap + textWidth;
  const h = LEGEND.pad * 2 + rows.length * LEGEND.row - 4;
  const box = placeLegend(w, h, drawn, frame);
  const out = [
    `<rect x="${n2(box.x)}" y="${n2(box.y)}" width="${n2(w)}" height="${n2(h)}" fill="#ffffff" fill-opacity="0.85" stroke="#dddddd"/>`,
  ];
  rows.forEach((r, k) => {
    const x0 = box.x + LEGEND.pad;
    const ly = n2(box.y + LEGEND.pad + 8 + k * LEGEND.row);
    const dash = r.dash ? ` stroke-dasharray="${DASH}"` : "";
    out.push(
      `<line x1="${n2(x0)}" x2="${n2(x0 + LEGEND.swatch)}" y1="${ly}" y2="${ly}" stroke="${r.color}" stroke-width="${r.dash ? 1.5 : 2.5}"${dash}/>`,
      `<text x="${n2(x0 + LEGEND.swatch + LEGEND.gap)}" y="${ly}" dominant-baseline="middle">${escapeXml(r.label)}</text>`,
    );
  });
  return out;
}

export function renderConvergenceSvg(input: ChartInput): string {
  const width = input.width ?? 960;
  const height = input.height ?? 560;
  const frame = makeFrame(input, width, height);
  // Colours follow the position in the input, so a scheme keeps its colour when another one is empty.
  const drawn: Drawn[] = input.series.flatMap((series, k) =>
    series.mean.length === 0
      ? []
      : [{ series, color: PALETTE[k % PALETTE.length], length: Math.min(series.mean.length, frame.rounds) }],
  );
  const parts = [
    ...header(input, width, height),
    ...yGrid(frame),
    ...xGrid(frame),
    ...axes(input, frame, height),
    ...drawn.flatMap((d) => seriesMarks(d, frame)),
    ...legend(drawn, frame),
    "</svg>",
  ];
  return `${parts.join("\n")}\n`;
}
