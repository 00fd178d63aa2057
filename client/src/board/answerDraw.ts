/**
 * Draws the class answer against the key with the 2-D canvas API, into the texture the board's Phaser scene
 * shows: thousands of ticks and dots drawn once per change cost less than as many game objects drawn every
 * frame. Coordinates are the texture's logical pixels; `scale` sharpens it for big screens.
 */
import type { AnswerModel } from "./answer.ts";

export const INK = "#eef2f8";
const MUTED = "#a9b4c8";
const GRID = "rgba(255,255,255,0.12)";
const KEY = "#f4f7fb";
const ANSWER = "#F0E442";
/** Okabe–Ito sky blue (below the target: go up) and orange (above: go down), as the field's discs. */
const UP = "#56B4E9";
const DOWN = "#E69F00";
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

export interface Plot {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where a plane's values land, for the cursor the scene moves over the texture. */
export interface PlaneGeometry {
  readonly plot: Plot;
  readonly range: readonly [number, number];
}

export function planePoint(g: PlaneGeometry, v: readonly [number, number]): [number, number] {
  const [lo, hi] = g.range;
  const fx = (v[0] - lo) / (hi - lo);
  const fy = (v[1] - lo) / (hi - lo);
  return [g.plot.x + fx * g.plot.width, g.plot.y + (1 - fy) * g.plot.height];
}

const short = (v: number): string => (Math.abs(v) >= 10 ? v.toFixed(0) : Number(v.toPrecision(2)).toString());

function text(ctx: CanvasRenderingContext2D, s: string, x: number, y: number, size: number, colour = MUTED) {
  ctx.font = `${size}px ${FONT}`;
  ctx.fillStyle = colour;
  ctx.fillText(s, x, y);
}

type Swatch = (ctx: CanvasRenderingContext2D) => void;

const dotSwatch =
  (colour: string, r = 6): Swatch =>
  (ctx) => {
    ctx.fillStyle = colour;
    ctx.beginPath();
    ctx.arc(9, 0, r, 0, 2 * Math.PI);
    ctx.fill();
  };

const rectSwatch =
  (colour: string, filled: boolean, height = 16): Swatch =>
  (ctx) => {
    if (filled) {
      ctx.fillStyle = colour;
      ctx.fillRect(2, -height / 2, 14, height);
    } else {
      ctx.strokeStyle = colour;
      ctx.lineWidth = 2;
      ctx.strokeRect(2, -height / 2, 14, height);
    }
  };

function legend(ctx: CanvasRenderingContext2D, y: number, items: readonly [draw: Swatch, label: string][]) {
  ctx.textBaseline = "middle";
  ctx.textAlign = "left";
  let x = 16;
  for (const [draw, label] of items) {
    ctx.save();
    ctx.translate(x, y);
    draw(ctx);
    ctx.restore();
    text(ctx, label, x + 26, y, 18, INK);
    x += 36 + ctx.measureText(label).width;
  }
}

function yAxis(ctx: CanvasRenderingContext2D, plot: Plot, lo: number, hi: number, ticks: number): void {
  ctx.strokeStyle = GRID;
  ctx.lineWidth = 1;
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (let k = 0; k <= ticks; k++) {
    const v = lo + ((hi - lo) * k) / ticks;
    const y = plot.y + plot.height * (1 - k / ticks);
    ctx.beginPath();
    ctx.moveTo(plot.x, y);
    ctx.lineTo(plot.x + plot.width, y);
    ctx.stroke();
    text(ctx, short(v), plot.x - 8, y, 16);
  }
}

/** Each seat's target (a white tick) and level (a dot joined to it), seats sorted by target. */
function strip(ctx: CanvasRenderingContext2D, m: AnswerModel & { kind: "strip" }, w: number, h: number) {
  const plot: Plot = { x: 52, y: 12, width: w - 68, height: h - 100 };
  yAxis(ctx, plot, 0, 1, 4);
  const n = m.targets.length;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  text(ctx, "students, sorted by their target", plot.x + plot.width / 2, plot.y + plot.height + 8, 16);
  if (n === 0) {
    ctx.textBaseline = "middle";
    text(ctx, "No student in play yet", plot.x + plot.width / 2, plot.y + plot.height / 2, 20, INK);
  }
  const step = plot.width / Math.max(1, n);
  const toY = (v: number): number => plot.y + plot.height * (1 - Math.min(1, Math.max(0, v)));
  const tick = Math.max(1, Math.min(14, step * 0.8));
  const dot = Math.max(1.3, Math.min(6, step * 0.35));
  // Error lines first, so ticks and dots sit on top of them.
  ctx.strokeStyle = "rgba(200,208,218,0.35)";
  ctx.lineWidth = Math.max(0.6, Math.min(2, step * 0.25));
  ctx.beginPath();
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(m.levels[i])) continue;
    const x = plot.x + (i + 0.5) * step;
    ctx.moveTo(x, toY(m.targets[i]));
    ctx.lineTo(x, toY(m.levels[i]));
  }
  ctx.stroke();
  ctx.fillStyle = KEY;
  for (let i = 0; i < n; i++)
    ctx.fillRect(plot.x + (i + 0.5) * step - tick / 2, toY(m.targets[i]) - 1.5, tick, 3);
  for (const [colour, up] of [
    [UP, true],
    [DOWN, false],
  ] as const) {
    ctx.fillStyle = colour;
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      const level = m.levels[i];
      if (Number.isNaN(level) || level < m.targets[i] !== up) continue;
      const x = plot.x + (i + 0.5) * step;
      ctx.moveTo(x + dot, toY(level));
      ctx.arc(x, toY(level), dot, 0, 2 * Math.PI);
    }
    ctx.fill();
  }
  legend(ctx, h - 30, [
    [rectSwatch(KEY, true, 4), "target"],
    [dotSwatch(UP), "level below"],
    [dotSwatch(DOWN), "above"],
  ]);
}

function bullseye(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.strokeStyle = KEY;
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.moveTo(x + r / 2, y);
  ctx.arc(x, y, r / 2, 0, 2 * Math.PI);
  ctx.moveTo(x - r * 1.4, y);
  ctx.lineTo(x + r * 1.4, y);
  ctx.moveTo(x, y - r * 1.4);
  ctx.lineTo(x, y + r * 1.4);
  ctx.stroke();
}

/** Two outputs: a square plane with the key as a bullseye and the answers so far as a fading trail. */
function plane(
  ctx: CanvasRenderingContext2D,
  m: AnswerModel & { kind: "plane" },
  trail: readonly (readonly [number, number])[],
  w: number,
  h: number,
): PlaneGeometry {
  const side = Math.min(w - 68, h - 140);
  const plot: Plot = { x: 52 + (w - 68 - side) / 2, y: 34, width: side, height: side };
  const g: PlaneGeometry = { plot, range: m.range };
  const [lo, hi] = m.range;
  yAxis(ctx, plot, lo, hi, 4);
  ctx.strokeStyle = GRID;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (let k = 0; k <= 4; k++) {
    const x = plot.x + (plot.width * k) / 4;
    ctx.beginPath();
    ctx.moveTo(x, plot.y);
    ctx.lineTo(x, plot.y + plot.height);
    ctx.stroke();
    // The end labels lean inwards, so neither runs off the texture.
    ctx.textAlign = k === 0 ? "left" : k === 4 ? "right" : "center";
    text(ctx, short(lo + ((hi - lo) * k) / 4), x, plot.y + plot.height + 6, 16);
  }
  ctx.textAlign = "center";
  text(ctx, "output 1 →", plot.x + plot.width / 2, plot.y + plot.height + 28, 16);
  ctx.textAlign = "left";
  text(ctx, "↑ output 2", 8, 8, 16);
  const [kx, ky] = planePoint(g, m.key);
  bullseye(ctx, kx, ky, Math.max(10, side * 0.045));
  ctx.strokeStyle = "rgba(240,228,66,0.45)";
  ctx.lineWidth = 2;
  ctx.beginPath();
  trail.forEach((p, i) => {
    const [x, y] = planePoint(g, p);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  });
  ctx.stroke();
  ctx.fillStyle = "rgba(240,228,66,0.45)";
  for (const p of trail) {
    const [x, y] = planePoint(g, p);
    ctx.beginPath();
    ctx.arc(x, y, 3, 0, 2 * Math.PI);
    ctx.fill();
  }
  legend(ctx, h - 30, [
    [(c) => bullseye(c, 9, 0, 7), "the key"],
    [dotSwatch(ANSWER, 8), "class answer"],
  ]);
  return g;
}

/** Any number of outputs but two: per output, the key (outlined) beside the answer (filled). */
function bars(ctx: CanvasRenderingContext2D, m: AnswerModel & { kind: "bars" }, w: number, h: number) {
  const plot: Plot = { x: 52, y: 12, width: w - 68, height: h - 100 };
  const [lo, hi] = m.range;
  yAxis(ctx, plot, lo, hi, 4);
  const q = m.answer.length;
  const toY = (v: number): number => plot.y + plot.height * (1 - (v - lo) / (hi - lo));
  const base = toY((lo + hi) / 2);
  const group = plot.width / q;
  const bar = Math.max(0.8, group * 0.38);
  for (let o = 0; o < q; o++) {
    const x = plot.x + o * group + group / 2;
    const k = m.key[o];
    const a = m.answer[o];
    if (!Number.isNaN(k)) {
      ctx.strokeStyle = KEY;
      ctx.lineWidth = Math.min(2, bar / 3);
      ctx.strokeRect(x - bar, Math.min(base, toY(k)), bar, Math.abs(toY(k) - base));
    }
    if (!Number.isNaN(a)) {
      ctx.fillStyle = ANSWER;
      ctx.fillRect(x, Math.min(base, toY(a)), bar, Math.max(1, Math.abs(toY(a) - base)));
    }
  }
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  text(ctx, `${q} outputs`, plot.x + plot.width / 2, plot.y + plot.height + 8, 16);
  legend(ctx, h - 30, [
    [rectSwatch(KEY, false), "the key"],
    [rectSwatch(ANSWER, true), "class answer"],
  ]);
}

/**
 * Clears and draws `model` on a w×h logical canvas; returns the plane's geometry when it drew a plane (the
 * scene puts the moving cursor on it), else null.
 */
export function drawAnswer(
  ctx: CanvasRenderingContext2D,
  model: AnswerModel,
  trail: readonly (readonly [number, number])[],
  w: number,
  h: number,
  scale: number,
): PlaneGeometry | null {
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = "#152031";
  ctx.fillRect(0, 0, w, h);
  switch (model.kind) {
    case "strip":
      strip(ctx, model, w, h);
      return null;
    case "plane":
      return plane(ctx, model, trail, w, h);
    case "bars":
      bars(ctx, model, w, h);
      return null;
    case "none":
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      text(ctx, "No answer yet", w / 2, h / 2, 20, INK);
      return null;
  }
}
