/**
 * The neuron's shapes on a 400 × 240 stage: a soma, a dendrite reaching in from the lower left, an axon
 * leaving to the right, and the arrow that says which way the personal signal points. Pure drawing on
 * a Phaser Graphics object; what to draw is decided by the scene.
 */
import type Phaser from "phaser";

export const STAGE = { width: 400, height: 240 } as const;
export const SOMA = { x: 268, y: 100, r: 30 } as const;

type Point = { readonly x: number; readonly y: number };

// The dendrite: a cubic Bézier from its tip to the soma's edge.
const DENDRITE: readonly Point[] = [
  { x: 20, y: 228 },
  { x: 110, y: 226 },
  { x: 160, y: 118 },
  { x: 240, y: 110 },
];

/** A point on the dendrite, t = 0 at the tip and 1 at the soma. */
export function dendriteAt(t: number): Point {
  const [a, b, c, d] = DENDRITE;
  const u = 1 - t;
  const w = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
  return {
    x: w[0] * a.x + w[1] * b.x + w[2] * c.x + w[3] * d.x,
    y: w[0] * a.y + w[1] * b.y + w[2] * c.y + w[3] * d.y,
  };
}

const mix = (from: number, to: number, k: number): number => {
  const channel = (shift: number) => {
    const f = (from >> shift) & 0xff;
    return Math.round(f + (((to >> shift) & 0xff) - f) * k) << shift;
  };
  return channel(16) | channel(8) | channel(0);
};

/**
 * The dendrite (thicker towards the soma, brighter while a signal climbs it, dark when no signal came), its
 * branches and the axon. `glow` runs from 0 to 1; below 0 the dendrite is dark.
 */
export function drawBody(g: Phaser.GameObjects.Graphics, glow: number): void {
  const color = glow < 0 ? 0x2e374b : mix(0x51607f, 0xdde6f5, glow);
  const steps = 28;
  for (let i = 0; i < steps; i++) {
    const p = dendriteAt(i / steps);
    const q = dendriteAt((i + 1) / steps);
    g.lineStyle(3 + (7 * i) / steps, color, 1);
    g.lineBetween(p.x, p.y, q.x, q.y);
  }
  g.lineStyle(3, color, 0.8);
  for (const [t, dx, dy] of [
    [0.3, -30, -52],
    [0.55, 10, 60],
    [0.75, -20, -46],
  ] as const) {
    const p = dendriteAt(t);
    g.lineBetween(p.x, p.y, p.x + dx, p.y + dy);
  }
  g.lineStyle(5, 0x51607f, 1);
  g.lineBetween(SOMA.x + SOMA.r, SOMA.y, STAGE.width - 6, SOMA.y + 8);
}

/** The soma: fuller and warmer the higher the student's level, with a slow pulse that shows it is alive. */
export function drawSoma(g: Phaser.GameObjects.Graphics, level: number, pulse: number, flash: number): void {
  const r = SOMA.r * (0.85 + 0.25 * level);
  g.fillStyle(mix(0x2a3550, 0xffc76b, level), 1);
  g.fillCircle(SOMA.x, SOMA.y, r);
  g.lineStyle(3, 0xeef2f8, 0.35 + 0.25 * pulse + 0.4 * flash);
  g.strokeCircle(SOMA.x, SOMA.y, r + 4 + 6 * flash);
}

/** The signal's direction as an arrow beside the soma: one chevron for "a little", two for "a lot". */
export function drawArrow(g: Phaser.GameObjects.Graphics, direction: 1 | -1 | 0, chevrons: number): void {
  const x = 350;
  const y = 170;
  g.fillStyle(0xeef2f8, 0.95);
  if (direction === 0) {
    g.fillRect(x - 18, y - 9, 36, 6);
    g.fillRect(x - 18, y + 3, 36, 6);
    return;
  }
  const s = -direction; // screen y grows downwards
  g.fillRect(x - 4, y - 26, 8, 52);
  for (let i = 0; i < chevrons; i++) {
    const tipY = y + s * (34 + 16 * i);
    g.fillTriangle(x, tipY, x - 18, tipY - s * 18, x + 18, tipY - s * 18);
  }
}

/** A particle shaped as its sign ("+" raises, "−" lowers), so the direction does not rest on colour. */
export function drawParticle(g: Phaser.GameObjects.Graphics, p: Point, sign: 1 | -1, alpha: number): void {
  g.fillStyle(sign > 0 ? 0xffb347 : 0x6fc3ff, alpha);
  g.fillRect(p.x - 8, p.y - 2.5, 16, 5);
  if (sign > 0) g.fillRect(p.x - 2.5, p.y - 8, 5, 16);
}

/** A wash over the whole stage: the class-wide (or table-wide) verdict. */
export function drawWash(g: Phaser.GameObjects.Graphics, color: number, alpha: number): void {
  if (alpha <= 0) return;
  g.fillStyle(color, alpha);
  g.fillRect(0, 0, STAGE.width, STAGE.height);
}
