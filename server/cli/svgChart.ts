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

/** Okabe–Ito: told apart by people with any common colour-vision deficiency. */
const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];
const MAX_POINTS = 1000;
const MARGIN = { left: 78, right: 24, top: 66, bottom: 56 };

const escapeXml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );

const n2 = (v: number): string => (Math.round(v * 100) / 100).toString();

/** Indices to draw: every k-th point so that a path keeps at most MAX_POINTS, the last one always kept. */
function sampled(length: number): number[] {
  const step = Math.max(1, Math.ceil(length / MAX_POINTS));
  const out: number[] = [];
  for (let i = 0; i < length; i += step) out.push(i);
  if (length > 0 && out[out.length - 1] !== length - 1) out.push(length - 1);
  return out;
}

function yRange(series: readonly ChartSeries[]): [number, number] {
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
  if (top === 0) return [1e-3, 1];
  const floor = Math.max(low, top * 1e-8);
  const lo = 10 ** Math.floor(Math.log10(floor));
  const hi = 10 ** Math.ceil(Math.log10(top));
  return lo === hi ? [lo / 10, hi] : [lo, hi];
}

function niceStep(span: number): number {
  const raw = span / 8;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

export function renderConvergenceSvg(input: ChartInput): string {
  const width = input.width ?? 960;
  const height = input.height ?? 560;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const rounds = Math.max(2, ...input.series.map((s) => s.mean.length));
  const [lo, hi] = yRange(input.series);
  const logLo = Math.log10(lo);
  const logHi = Math.log10(hi);
  const x = (i: number): number => MARGIN.left + (i / (rounds - 1)) * plotW;
  const y = (v: number): number => {
    const c = Number.isFinite(v) && v > 0 ? Math.min(hi, Math.max(lo, v)) : lo;
    return MARGIN.top + ((logHi - Math.log10(c)) / (logHi - logLo)) * plotH;
  };
  const line = (values: ArrayLike<number>): string =>
    sampled(values.length)
      .map((i, k) => `${k === 0 ? "M" : "L"}${n2(x(i))},${n2(y(values[i]))}`)
      .join("");

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="13" role="img">`,
    `<title>${escapeXml(input.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="26" font-size="18" font-weight="600">${escapeXml(input.title)}</text>`,
  ];
  if (input.subtitle)
    parts.push(`<text x="${MARGIN.left}" y="46" fill="#555555">${escapeXml(input.subtitle)}</text>`);

  // Grid and ticks: decades in y, 1–2–5 steps in x (rounds are numbered from 1).
  for (let d = Math.round(logLo); d <= Math.round(logHi); d++) {
    const yy = n2(y(10 ** d));
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${yy}" y2="${yy}" stroke="#e5e5e5"/>`,
      `<text x="${MARGIN.left - 8}" y="${yy}" text-anchor="end" dominant-baseline="middle">1e${d}</text>`,
    );
  }
  const step = niceStep(rounds);
  for (let r = step; r <= rounds; r += step) {
    const xx = n2(x(r - 1));
    parts.push(
      `<line x1="${xx}" x2="${xx}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#f0f0f0"/>`,
      `<text x="${xx}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${r}</text>`,
    );
  }
  parts.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333333"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${height - 14}" text-anchor="middle">${escapeXml(input.xLabel)}</text>`,
    `<text transform="translate(18 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(input.yLabel)}</text>`,
  );

  input.series.forEach((s, k) => {
    if (s.mean.length === 0) return;
    const color = PALETTE[k % PALETTE.length];
    const top = sampled(s.p90.length).map((i) => `${n2(x(i))},${n2(y(s.p90[i]))}`);
    const bottom = sampled(s.p10.length)
      .reverse()
      .map((i) => `${n2(x(i))},${n2(y(s.p10[i]))}`);
    if (top.length && bottom.length)
      parts.push(
        `<path d="M${[...top, ...bottom].join("L")}Z" fill="${color}" fill-opacity="0.15" stroke="none"/>`,
      );
    if (s.theory && s.theory.length > 0)
      parts.push(
        `<path d="${line(s.theory)}" fill="none" stroke="${color}" stroke-width="1.5" stroke-dasharray="6 4" class="theory"/>`,
      );
    parts.push(`<path d="${line(s.mean)}" fill="none" stroke="${color}" stroke-width="2.5"/>`);
  });

  // Legend, top right inside the plot.
  const legendX = MARGIN.left + plotW - 330;
  const legendRows = input.series.length + 1;
  parts.push(
    `<rect x="${legendX - 8}" y="${MARGIN.top + 6}" width="330" height="${legendRows * 20 + 4}" fill="#ffffff" fill-opacity="0.85"/>`,
  );
  input.series.forEach((s, k) => {
    const ly = MARGIN.top + 18 + k * 20;
    const color = PALETTE[k % PALETTE.length];
    parts.push(
      `<line x1="${legendX}" x2="${legendX + 24}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2.5"/>`,
      `<text x="${legendX + 32}" y="${ly}" dominant-baseline="middle">${escapeXml(s.label)}</text>`,
    );
  });
  if (input.series.some((s) => s.theory && s.theory.length > 0)) {
    const ly = MARGIN.top + 18 + input.series.length * 20;
    parts.push(
      `<line x1="${legendX}" x2="${legendX + 24}" y1="${ly}" y2="${ly}" stroke="#333333" stroke-width="1.5" stroke-dasharray="6 4"/>`,
      `<text x="${legendX + 32}" y="${ly}" dominant-baseline="middle">dashed: theory</text>`,
    );
  }
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
