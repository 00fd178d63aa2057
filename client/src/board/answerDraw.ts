/**
 * Draws the class answer against the key with the 2-D canvas API, into the texture the board's Phaser scene
 * shows: thousands of ticks and dots drawn once per change cost less than as many game objects drawn every
 * frame. Coordinates are the texture's logical pixels; `scale` sharpens it for big screens. Every text is at
 * least TEXT_PX logical pixels, so it stays readable from the back of a room when the board is projected;
 * `drawAnswer` says the smallest it used, for the board's test hook.
 */
import type { AnswerModel } from "./answer.ts";
import {
  ANSWER,
  FONT,
  INK,
  KEY,
  MESSAGE_PX,
  MUTED,
  ORANGE,
  paragraph,
  SKY,
  smallestDrawn,
  startDrawing,
  TEXT_PX,
  text,
} from "./canvasText.ts";
import { drawGrating } from "./gratingDraw.ts";
import { KEY_HIDDEN } from "./words.ts";

const GRID = "rgba(255,255,255,0.12)";
/** Below the target: go up; above: go down. */
const UP = SKY;
const DOWN = ORANGE;
/** Room left of a plot for its tick values, and under it for one line of text. */
const LEFT = 60;
const LINE = TEXT_PX + 12;

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
    text(ctx, label, x + 30, y, TEXT_PX, INK);
    x += 48 + ctx.measureText(label).width;
  }
}

/** Room left of a plot for these tick values: at least LEFT, and wide enough for the widest ("0.039"). */
function leftFor(ctx: CanvasRenderingContext2D, lo: number, hi: number, ticks: number): number {
  ctx.font = `${TEXT_PX}px ${FONT}`;
  let widest = 0;
  for (let k = 0; k <= ticks; k++)
    widest = Math.max(widest, ctx.measureText(short(lo + ((hi - lo) * k) / ticks)).width);
  return Math.max(LEFT, Math.ceil(widest) + 16);
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
    text(ctx, short(v), plot.x - 8, y);
  }
}

/** Each seat's target (a white tick) and level (a dot joined to it), seats sorted by target. */
function strip(ctx: CanvasRenderingContext2D, m: AnswerModel & { kind: "strip" }, w: number, h: number) {
  const plot: Plot = {
    x: LEFT,
    y: TEXT_PX / 2 + 4,
    width: w - LEFT - 14,
    height: h - TEXT_PX / 2 - 4 - 2 * LINE - 12,
  };
  yAxis(ctx, plot, 0, 1, 2);
  const n = m.targets.length;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  text(ctx, "students, by target", plot.x + plot.width / 2, plot.y + plot.height + 8);
  if (n === 0)
    paragraph(
      ctx,
      "No student in play yet",
      plot.x + plot.width / 2,
      plot.y + plot.height / 2,
      plot.width - 16,
      MESSAGE_PX,
      INK,
    );
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
  legend(ctx, h - LINE / 2 - 4, [
    [rectSwatch(KEY, true, 4), "target"],
    [
      (c) => {
        dotSwatch(UP, 6)(c);
        c.translate(8, 0);
        dotSwatch(DOWN, 6)(c);
      },
      "level",
    ],
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
  const top = LINE;
  const [lo, hi] = m.range;
  const left = leftFor(ctx, lo, hi, 2);
  const side = Math.min(w - left - 20, h - top - 3 * LINE - 8);
  const plot: Plot = { x: left + (w - left - 20 - side) / 2, y: top, width: side, height: side };
  const g: PlaneGeometry = { plot, range: m.range };
  yAxis(ctx, plot, lo, hi, 2);
  ctx.strokeStyle = GRID;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (let k = 0; k <= 2; k++) {
    const x = plot.x + (plot.width * k) / 2;
    ctx.beginPath();
    ctx.moveTo(x, plot.y);
    ctx.lineTo(x, plot.y + plot.height);
    ctx.stroke();
    // The end labels lean inwards, so neither runs off the texture.
    ctx.textAlign = k === 0 ? "left" : k === 2 ? "right" : "center";
    text(ctx, short(lo + ((hi - lo) * k) / 2), x, plot.y + plot.height + 6);
  }
  ctx.textAlign = "center";
  text(ctx, "output 1 →", plot.x + plot.width / 2, plot.y + plot.height + 6 + LINE);
  ctx.textAlign = "left";
  text(ctx, "↑ output 2", 8, 4);
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
  legend(ctx, h - LINE / 2 - 4, [
    [(c) => bullseye(c, 9, 0, 7), "the key"],
    [dotSwatch(ANSWER, 8), "class answer"],
  ]);
  return g;
}

/** Any number of outputs but two: per output, the key (outlined) beside the answer (filled). */
function bars(ctx: CanvasRenderingContext2D, m: AnswerModel & { kind: "bars" }, w: number, h: number) {
  const [lo, hi] = m.range;
  const left = leftFor(ctx, lo, hi, 2);
  const plot: Plot = {
    x: left,
    y: TEXT_PX / 2 + 4,
    width: w - left - 14,
    height: h - TEXT_PX / 2 - 4 - 2 * LINE - 12,
  };
  yAxis(ctx, plot, lo, hi, 2);
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
  text(ctx, `${q} outputs`, plot.x + plot.width / 2, plot.y + plot.height + 8);
  legend(ctx, h - LINE / 2 - 4, [
    [rectSwatch(KEY, false), "the key"],
    [rectSwatch(ANSWER, true), "class answer"],
  ]);
}

/** The panel when the wall may not show the key: a closed padlock and the words. */
function hidden(ctx: CanvasRenderingContext2D, w: number, h: number): void {
  const x = w / 2;
  const y = h * 0.3;
  ctx.strokeStyle = MUTED;
  ctx.lineWidth = 6;
  ctx.beginPath();
  ctx.arc(x, y - 14, 22, Math.PI, 0);
  ctx.lineTo(x + 22, y + 4);
  ctx.moveTo(x - 22, y + 4);
  ctx.lineTo(x - 22, y - 14);
  ctx.stroke();
  ctx.fillStyle = MUTED;
  ctx.fillRect(x - 34, y, 68, 52);
  const used = paragraph(ctx, KEY_HIDDEN, x, h * 0.56, w - 40, MESSAGE_PX, INK);
  paragraph(
    ctx,
    "It shows when the teacher reveals it, and at the end.",
    x,
    h * 0.56 + used / 2 + 56,
    w - 40,
    TEXT_PX,
    MUTED,
  );
}

export interface AnswerDrawn {
  /** The plane's geometry when it drew a plane (the scene puts the moving cursor on it), else null. */
  readonly geometry: PlaneGeometry | null;
  /** The smallest font it drew, in logical pixels (Infinity: no text). */
  readonly smallestFont: number;
}

/** Clears and draws `model` on a w×h logical canvas. */
export function drawAnswer(
  ctx: CanvasRenderingContext2D,
  model: AnswerModel,
  trail: readonly (readonly [number, number])[],
  w: number,
  h: number,
  scale: number,
): AnswerDrawn {
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = "#152031";
  ctx.fillRect(0, 0, w, h);
  startDrawing();
  let geometry: PlaneGeometry | null = null;
  switch (model.kind) {
    case "strip":
      strip(ctx, model, w, h);
      break;
    case "plane":
      geometry = plane(ctx, model, trail, w, h);
      break;
    case "bars":
      bars(ctx, model, w, h);
      break;
    case "hidden":
      hidden(ctx, w, h);
      break;
    case "grating":
      drawGrating(ctx, model, w, h);
      break;
    case "none":
      paragraph(ctx, "No answer yet", w / 2, h / 2, w - 40, MESSAGE_PX, INK);
      break;
  }
  return { geometry, smallestFont: smallestDrawn() };
}
