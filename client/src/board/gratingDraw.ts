/**
 * The mouse experiment's panel (Francioni et al., Nature 2026): the grating the class turns, its target, and
 * the two populations that turn it. Drawn with the 2-D canvas API into the answer texture, like answerDraw.ts.
 *
 * - The grating is a disc of stripes at the class's angle (0° to 180°, counter-clockwise from the horizontal,
 *   as the paper's orientations are), with a solid yellow bar along it; the target is a dashed white line at
 *   the target angle reaching past the rim, and an arc from one to the other says how far is left to turn.
 * - Each population is a row of shapes, never a colour alone: ▲ for push (its activity turns the grating up),
 *   ▼ for pull. A blocked member is drawn hollow and crossed, and the row says how many are blocked.
 * - Where the wall may not show the grating (shared/session/wall.ts), the disc is drawn blank and the words
 *   under it say why; the populations still show whose signals are blocked.
 */
import type { PopulationPicture } from "../../../shared/session/populations.ts";
import type { AnswerModel } from "./answer.ts";
import { ANSWER, INK, KEY, MUTED, ORANGE, paragraph, SKY, TEXT_PX, text } from "./canvasText.ts";

const BAR = ANSWER;
const TARGET = KEY;
const STRIPE = "rgba(238,242,248,0.55)";
/** Push and pull in the field's up and down colours, each with its own shape. */
const PUSH = SKY;
const PULL = ORANGE;
/** The most shapes a population's row draws; past it, the count says the rest. */
const ROW_SHAPES = 10;

type GratingModel = AnswerModel & { kind: "grating" };

const rad = (deg: number): number => (deg * Math.PI) / 180;

/** A line through (cx, cy) at `deg`, from −r to r (canvas y grows downwards, angles turn counter-clockwise). */
function diameter(ctx: CanvasRenderingContext2D, cx: number, cy: number, r: number, deg: number): void {
  const dx = Math.cos(rad(deg)) * r;
  const dy = -Math.sin(rad(deg)) * r;
  ctx.beginPath();
  ctx.moveTo(cx - dx, cy - dy);
  ctx.lineTo(cx + dx, cy + dy);
  ctx.stroke();
}

function stripes(ctx: CanvasRenderingContext2D, cx: number, cy: number, r: number, deg: number): void {
  ctx.save();
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, 2 * Math.PI);
  ctx.clip();
  ctx.translate(cx, cy);
  ctx.rotate(-rad(deg));
  ctx.fillStyle = STRIPE;
  const width = Math.max(6, r / 7);
  for (let y = -r - width; y <= r + width; y += 2 * width) ctx.fillRect(-r, y - width / 2, 2 * r, width);
  ctx.restore();
}

function disc(ctx: CanvasRenderingContext2D, m: GratingModel, cx: number, cy: number, r: number): void {
  ctx.fillStyle = "#0d1522";
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, 2 * Math.PI);
  ctx.fill();
  ctx.strokeStyle = MUTED;
  ctx.lineWidth = 2;
  ctx.stroke();
  if (m.angle === null || m.target === null) {
    paragraph(ctx, "Hidden", cx, cy, 2 * r - 12, TEXT_PX, INK);
    return;
  }
  stripes(ctx, cx, cy, r, m.angle);
  // The turn still to go, just outside the rim, from the grating to the target.
  const from = -rad(m.angle);
  const to = -rad(m.target);
  ctx.strokeStyle = MUTED;
  ctx.lineWidth = 4;
  ctx.beginPath();
  ctx.arc(cx, cy, r + 10, Math.min(from, to), Math.max(from, to));
  ctx.stroke();
  ctx.lineWidth = 4;
  ctx.setLineDash([12, 9]);
  ctx.strokeStyle = TARGET;
  diameter(ctx, cx, cy, r + 22, m.target);
  ctx.setLineDash([]);
  ctx.strokeStyle = BAR;
  ctx.lineWidth = 8;
  diameter(ctx, cx, cy, r * 0.92, m.angle);
}

function triangle(ctx: CanvasRenderingContext2D, x: number, y: number, s: number, up: boolean): void {
  const tip = up ? -s : s;
  ctx.beginPath();
  ctx.moveTo(x, y + tip);
  ctx.lineTo(x - s, y - tip * 0.8);
  ctx.lineTo(x + s, y - tip * 0.8);
  ctx.closePath();
}

/** One population's row: its shapes (hollow and crossed when blocked) and a line of words under them. */
function row(ctx: CanvasRenderingContext2D, p: PopulationPicture, x: number, y: number, w: number): void {
  const up = p.population === "push";
  const colour = up ? PUSH : PULL;
  const name = up ? "▲ Push: turn it up" : "▼ Pull: turn it down";
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  text(ctx, name, x, y, TEXT_PX, INK);
  const shown = Math.min(p.seated, ROW_SHAPES);
  const s = Math.min(16, (w - 20) / (2.6 * ROW_SHAPES));
  for (let k = 0; k < shown; k++) {
    const sx = x + s + k * s * 2.6;
    const sy = y + TEXT_PX + 6;
    triangle(ctx, sx, sy, s, up);
    if (k < p.seated - p.blocked) {
      ctx.fillStyle = colour;
      ctx.fill();
    } else {
      ctx.strokeStyle = colour;
      ctx.lineWidth = 3;
      ctx.stroke();
      ctx.beginPath();
      ctx.moveTo(sx - s, sy - s);
      ctx.lineTo(sx + s, sy + s);
      ctx.stroke();
    }
  }
  const more = p.seated > shown ? ` (${shown} drawn)` : "";
  const blocked =
    p.blocked === 0 ? "signals on" : p.blocked === p.seated ? "all blocked" : `${p.blocked} blocked`;
  text(ctx, `${p.seated} neurons${more}, ${blocked}`, x, y + 2 * TEXT_PX + 18, TEXT_PX, MUTED);
}

/** A population's row: its name, its shapes, its count; and the gap to the next. */
const ROW_H = 3 * TEXT_PX + 24;

export function drawGrating(ctx: CanvasRenderingContext2D, m: GratingModel, w: number, h: number): void {
  const words =
    m.angle === null || m.target === null
      ? m.hiddenBecause === "blocked"
        ? "Hidden while signals are blocked."
        : "Hidden until everyone hears its own signal."
      : `Yellow: now ${Math.round(m.angle)}°. Dashed: target ${Math.round(m.target)}°.`;
  const wordsH = 2 * TEXT_PX * 1.25 + 12;
  const rowsH = m.populations.length * ROW_H;
  // The disc takes what the words and the rows leave; the target line reaches 22 px past its rim.
  const r = Math.max(24, Math.min(w / 2 - 34, (h - wordsH - rowsH - 56) / 2));
  const cx = w / 2;
  const cy = 26 + r;
  disc(ctx, m, cx, cy, r);
  paragraph(ctx, words, cx, cy + r + 26 + wordsH / 2 - 6, w - 24, TEXT_PX, INK);
  const top = cy + r + 26 + wordsH;
  m.populations.forEach((p, i) => {
    row(ctx, p, 16, top + i * ROW_H, w - 32);
  });
}
