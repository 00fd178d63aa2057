/**
 * How a neuron looks, in one place for every drawer of neurons: the board's Phaser layer (neuronLayer.ts)
 * and the demo's canvas field (field.ts) paint the same discs, colours and rings from the same numbers, so
 * a neuron means the same on the projector and in the demo. Plain numbers only: no Phaser, no DOM.
 */
import { TONE } from "./neurons.ts";

/** A disc's colour runs from DIM (at its target) to Okabe–Ito sky blue (too low: go up) or orange (too high). */
export const DIM = [0x2b, 0x36, 0x45] as const;
export const UP = [0x56, 0xb4, 0xe9] as const;
export const DOWN = [0xe6, 0x9f, 0x00] as const;

export const RING_COLOURS: Readonly<Record<number, number>> = {
  [TONE.personal]: 0xffffff,
  [TONE.good]: 0x2fd39a,
  [TONE.notQuite]: 0xe07bb5,
  [TONE.plain]: 0xc8d0da,
};

/** After a round, a ring keeps this share of its strength and fades the rest over FADE_MS. */
export const RING_FLOOR = 0.35;
export const FADE_MS = 450;

/** The ring spans this share of its cell; its circle's radius and its stroke, as shares of that span. */
export const RING_SPAN = 0.96;
export const RING_RADIUS = 0.5 - 6 / 128;
export const RING_STROKE = 10 / 128;

/** A disc's radius in a cell of `cell` pixels at distance `d` (0 at the target … 1 far): size says it too. */
export const discRadius = (cell: number, d: number): number => cell * (0.12 + 0.3 * d);

/** A disc's colour (0xRRGGBB) at distance `t`, for a student that should go up or down. */
export function mix(t: number, up: boolean): number {
  const to = up ? UP : DOWN;
  const c = (k: 0 | 1 | 2): number => Math.round(DIM[k] + (to[k] - DIM[k]) * t);
  return (c(0) << 16) | (c(1) << 8) | c(2);
}

/** 0xRRGGBB as a CSS colour. */
export const css = (rgb: number): string => `#${rgb.toString(16).padStart(6, "0")}`;
