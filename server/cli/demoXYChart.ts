/**
 * A standalone SVG chart of points against a number (not rounds): the rate sweep's trials against the rate,
 * the speedup against the class size, τ against the table size. Each series has its own marker shape and
 * line pattern as well as its colour, so nothing is told by colour alone; a point may carry a 10–90 % bar,
 * and a hollow point is one the series sets apart (a rejected rate). A pure function from data to text,
 * beside svgChart.ts (which draws class error against rounds).
 */

export interface XYPoint {
  readonly x: number;
  readonly y: number;
  /** The 10–90 % band at this point, drawn as a bar. */
  readonly lo?: number | null;
  readonly hi?: number | null;
  /** Drawn hollow: a point the series sets apart (explained in the legend's label). */
  readonly hollow?: boolean;
}

export interface XYSeries {
  readonly label: string;
  readonly points: readonly XYPoint[];
  /** Dashed line and no markers: a theory line. */
  readonly theory?: boolean;
  /** Markers only, no line. */
  readonly scatter?: boolean;
  /** Colour and line pattern by this index (default: the series' position), so related series match. */
  readonly group?: number;
  /** Marker shape by this index (default: the series' position). */
  readonly shape?: number;
}

export interface XYChartInput {
  readonly title: string;
  readonly subtitle?: string;
  /** Lines of plain words under the subtitle. */
  readonly notes?: readonly string[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xLog?: boolean;
  readonly yLog?: boolean;
  readonly series: readonly XYSeries[];
  /** The plot's corner for the legend (default top left). */
  readonly legend?: "top-left" | "top-right" | "bottom-left" | "bottom-right";
  readonly width?: number;
  readonly height?: number;
}

const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
const SHAPES = ["circle", "square", "triangle", "diamond"] as const;
const PATTERNS = ["", "2 3", "10 3 2 3", "1 4"];

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );
const n2 = (v: number): string => (Math.round(v * 100) / 100).toString();
const label = (v: number): string => Number(v.toPrecision(3)).toString();

interface Axis {
  readonly lo: number;
  readonly hi: number;
  readonly log: boolean;
  readonly ticks: readonly number[];
}

function axis(values: readonly number[], log: boolean): Axis {
  const ok = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  let lo = ok.length ? Math.min(...ok) : log ? 1 : 0;
  let hi = ok.length ? Math.max(...ok) : lo + 1;
  if (log) {
    // Ends on 1, 2 or 5 × 10^k just outside the data, ticks on those marks (decades only past three).
    const marks = (d: number): number[] => [1, 2, 5].map((m) => m * 10 ** d);
    // A little room, so that a point at the end of the data is not on the frame.
    lo *= 0.85;
    hi *= 1.15;
    const d0 = Math.floor(Math.log10(lo));
    const d1 = Math.ceil(Math.log10(hi));
    const near = [...marks(d0 - 1), ...marks(d0), ...marks(d1 - 1), ...marks(d1)];
    lo = Math.max(...near.filter((v) => v <= lo * (1 + 1e-9)));
    hi = Math.min(...near.filter((v) => v >= hi * (1 - 1e-9)));
    if (hi <= lo) hi = lo * 2;
    const ticks: number[] = [];
    for (let d = d0 - 1; d <= d1; d++)
      for (const v of d1 - d0 <= 3 ? marks(d) : [10 ** d])
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) ticks.push(v);
    return { lo, hi, log, ticks };
  }
  if (lo > 0 && lo < hi / 3) lo = 0;
  if (hi === lo) hi = lo + 1;
  const raw = (hi - lo) / 6;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? raw;
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let t = lo; t <= hi + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { lo, hi, log, ticks };
}

function marker(
  shape: (typeof SHAPES)[number],
  x: number,
  y: number,
  color: string,
  hollow: boolean,
): string {
  const fill = hollow ? "#ffffff" : color;
  const common = `fill="${fill}" stroke="${color}" stroke-width="1.8"`;
  const r = 4.5;
  if (shape === "circle") return `<circle cx="${n2(x)}" cy="${n2(y)}" r="${r}" ${common}/>`;
  if (shape === "square")
    return `<rect x="${n2(x - r)}" y="${n2(y - r)}" width="${2 * r}" height="${2 * r}" ${common}/>`;
  const pts =
    shape === "triangle"
      ? [
          [x, y - r * 1.2],
          [x + r * 1.1, y + r * 0.8],
          [x - r * 1.1, y + r * 0.8],
        ]
      : [
          [x, y - r * 1.3],
          [x + r * 1.1, y],
          [x, y + r * 1.3],
          [x - r * 1.1, y],
        ];
  return `<polygon points="${pts.map(([a, b]) => `${n2(a)},${n2(b)}`).join(" ")}" ${common}/>`;
}

export function renderXYChartSvg(input: XYChartInput): string {
  const width = input.width ?? 960;
  const height = input.height ?? 560;
  const notes = input.notes ?? [];
  const top = 66 + notes.length * 18;
  const plot = { x: 86, y: top, w: width - 86 - 24, h: height - top - 56 };
  const all = input.series.flatMap((s) => s.points);
  const xa = axis(
    all.map((p) => p.x),
    input.xLog === true,
  );
  const ya = axis(
    all.flatMap((p) => [p.y, p.lo ?? p.y, p.hi ?? p.y]),
    input.yLog === true,
  );
  const t = (a: Axis, v: number): number =>
    a.log
      ? (Math.log10(v) - Math.log10(a.lo)) / (Math.log10(a.hi) - Math.log10(a.lo))
      : (v - a.lo) / (a.hi - a.lo);
  const clamp = (u: number): number => Math.min(1, Math.max(0, u));
  const px = (v: number): number => plot.x + clamp(t(xa, v)) * plot.w;
  const py = (v: number): number => plot.y + (1 - clamp(t(ya, v))) * plot.h;
  const drawable = (p: XYPoint): boolean =>
    Number.isFinite(p.x) && Number.isFinite(p.y) && (!xa.log || p.x > 0) && (!ya.log || p.y > 0);

  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="13" role="img">`,
    `<title>${esc(input.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${plot.x}" y="26" font-size="18" font-weight="600">${esc(input.title)}</text>`,
  ];
  if (input.subtitle) out.push(`<text x="${plot.x}" y="46" fill="#444444">${esc(input.subtitle)}</text>`);
  notes.forEach((n, k) => {
    out.push(`<text x="${plot.x}" y="${64 + k * 18}" fill="#444444">${esc(n)}</text>`);
  });
  for (const v of ya.ticks) {
    const yy = n2(py(v));
    out.push(
      `<line x1="${plot.x}" x2="${plot.x + plot.w}" y1="${yy}" y2="${yy}" stroke="#e5e5e5"/>`,
      `<text x="${plot.x - 8}" y="${yy}" text-anchor="end" dominant-baseline="middle">${label(v)}</text>`,
    );
  }
  for (const v of xa.ticks) {
    const xx = n2(px(v));
    out.push(
      `<line x1="${xx}" x2="${xx}" y1="${plot.y}" y2="${plot.y + plot.h}" stroke="#eeeeee"/>`,
      `<text x="${xx}" y="${plot.y + plot.h + 18}" text-anchor="middle">${label(v)}</text>`,
    );
  }
  out.push(
    `<rect x="${plot.x}" y="${plot.y}" width="${plot.w}" height="${plot.h}" fill="none" stroke="#333333"/>`,
    `<text x="${n2(plot.x + plot.w / 2)}" y="${height - 14}" text-anchor="middle">${esc(input.xLabel)}</text>`,
    `<text transform="translate(18 ${n2(plot.y + plot.h / 2)}) rotate(-90)" text-anchor="middle">${esc(input.yLabel)}</text>`,
  );
  const colorOf = (s: XYSeries, k: number): string => PALETTE[(s.group ?? k) % PALETTE.length];
  const dashOf = (s: XYSeries, k: number): string =>
    s.theory ? "7 4" : PATTERNS[(s.group ?? k) % PATTERNS.length];
  const shapeOf = (s: XYSeries, k: number) => SHAPES[(s.shape ?? k) % SHAPES.length];
  input.series.forEach((s, k) => {
    const color = colorOf(s, k);
    const pts = s.points.filter(drawable).sort((a, b) => a.x - b.x);
    if (!s.scatter && pts.length > 1) {
      const d = pts.map((p, i) => `${i ? "L" : "M"}${n2(px(p.x))},${n2(py(p.y))}`).join("");
      const dash = dashOf(s, k);
      out.push(
        `<path d="${d}" fill="none" stroke="${color}" stroke-width="${s.theory ? 1.8 : 2.2}"${dash ? ` stroke-dasharray="${dash}"` : ""}${s.theory ? ' class="theory"' : ""}/>`,
      );
    }
    if (s.theory) return;
    for (const p of pts) {
      if (p.lo != null && p.hi != null && Number.isFinite(p.lo) && Number.isFinite(p.hi))
        out.push(
          `<line x1="${n2(px(p.x))}" x2="${n2(px(p.x))}" y1="${n2(py(p.lo))}" y2="${n2(py(p.hi))}" stroke="${color}" stroke-width="1.5"/>`,
        );
      out.push(marker(shapeOf(s, k), px(p.x), py(p.y), color, p.hollow === true));
    }
  });
  // Legend: in a corner of the plot, one row per series with its marker and line.
  const rows = input.series.length;
  const w = 40 + Math.max(...input.series.map((s) => [...s.label].length)) * 7.2;
  const h = rows * 20 + 8;
  // The asked-for corner first, then the others; the one that hides the fewest points wins.
  const corners = ["top-left", "top-right", "bottom-right", "bottom-left"] as const;
  const order = [input.legend ?? "top-left", ...corners.filter((c) => c !== (input.legend ?? "top-left"))];
  const boxAt = (c: (typeof corners)[number]) => ({
    x: c.endsWith("left") ? plot.x + 10 : plot.x + plot.w - 10 - w,
    y: c.startsWith("top") ? plot.y + 10 : plot.y + plot.h - 10 - h,
  });
  const shown = input.series.flatMap((s) => s.points.filter(drawable).map((p) => [px(p.x), py(p.y)]));
  const hidden = (b: { x: number; y: number }): number =>
    shown.filter(([x, y]) => x >= b.x - 6 && x <= b.x + w + 6 && y >= b.y - 6 && y <= b.y + h + 6).length;
  let place = boxAt(order[0]);
  for (const c of order.slice(1)) if (hidden(boxAt(c)) < hidden(place)) place = boxAt(c);
  const lx = place.x;
  const ly = place.y;
  out.push(
    `<rect x="${lx}" y="${ly}" width="${n2(w)}" height="${h}" fill="#ffffff" fill-opacity="0.9" stroke="#dddddd"/>`,
  );
  input.series.forEach((s, k) => {
    const color = colorOf(s, k);
    const yy = ly + 14 + k * 20;
    const dash = dashOf(s, k);
    if (!s.scatter)
      out.push(
        `<line x1="${lx + 6}" x2="${lx + 30}" y1="${yy}" y2="${yy}" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ""}/>`,
      );
    if (!s.theory) out.push(marker(shapeOf(s, k), lx + 18, yy, color, false));
    out.push(`<text x="${lx + 36}" y="${yy}" dominant-baseline="middle">${esc(s.label)}</text>`);
  });
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
