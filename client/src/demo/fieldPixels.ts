/**
 * A field of neurons rasterised in one pass over plain pixel buffers: each neuron writes its disc into one
 * layer and its ring into another, with edges smoothed by the share of a pixel they cover, and the page
 * puts each layer on its canvas in one call (see field.ts). At 2,000 neurons that is a few hundred thousand pixel writes, a
 * millisecond or two, where 4,000 canvas arcs took tens (and a WebGL scene redrew itself every frame).
 * Pure typed arrays, no DOM: it runs in the class worker, and it is tested as plain data. Pixels are 0xAABBGGRR words, as an ImageData's
 * bytes read on a little-endian machine (every machine that runs a browser today).
 */
import { discRadius, mix, RING_COLOURS, RING_RADIUS, RING_SPAN, RING_STROKE } from "../board/neuronLook.ts";
import { gridFor, type NeuronView } from "../board/neurons.ts";

/** The parts of a neuron view a field draws (its classes are all bots: no frames, no names). */
export type FieldNeurons = Pick<NeuronView, "distance" | "direction" | "ring" | "tone">;

export interface FieldLayout {
  readonly width: number;
  readonly height: number;
  readonly cell: number;
  /** Centre of neuron i at [2i, 2i + 1], in pixels. */
  readonly positions: Float32Array;
}

/** `count` neurons on a grid as square as a `width` × `height` pixel area allows (the board's grid). */
export function layoutField(count: number, width: number, height: number): FieldLayout {
  const grid = gridFor(count, width, height);
  const positions = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    positions[2 * i] = grid.x0 + (i % grid.cols) * grid.cell;
    positions[2 * i + 1] = grid.y0 + Math.floor(i / grid.cols) * grid.cell;
  }
  return { width, height, cell: grid.cell, positions };
}

/** A view with room for `students` neurons. */
export function createFieldNeurons(students: number): FieldNeurons {
  return {
    distance: new Float32Array(students),
    direction: new Int8Array(students),
    ring: new Float32Array(students),
    tone: new Uint8Array(students),
  };
}

/** 0xRRGGBB and an alpha 0…255 as an 0xAABBGGRR pixel. */
const pixel = (rgb: number, alpha: number): number =>
  ((alpha << 24) | ((rgb & 0xff) << 16) | (rgb & 0xff00) | ((rgb >> 16) & 0xff)) >>> 0;

/** Writes `value` where it is more opaque than what is there (neighbours' smoothed edges may meet). */
function put(layer: Uint32Array, k: number, value: number): void {
  if (value >>> 24 > layer[k] >>> 24) layer[k] = value;
}

/**
 * Draws `view` laid out by `layout` into `discs` and `rings` (width × height pixels each, cleared first).
 * The rings layer holds each ring at its own strength; the page fades the whole layer as rounds close.
 */
export function rasterize(
  layout: FieldLayout,
  view: FieldNeurons,
  discs: Uint32Array,
  rings: Uint32Array,
): void {
  const { width, height, cell, positions } = layout;
  discs.fill(0);
  rings.fill(0);
  const n = Math.min(view.distance.length, positions.length / 2);
  const span = cell * RING_SPAN;
  const ringR = span * RING_RADIUS;
  const halfStroke = (span * RING_STROKE) / 2;
  const reach = cell / 2 + 1;
  for (let i = 0; i < n; i++) {
    const cx = positions[2 * i];
    const cy = positions[2 * i + 1];
    const d = Math.min(1, Math.max(0, view.distance[i]));
    const r = discRadius(cell, d);
    const disc = mix(d, view.direction[i] > 0);
    const strength = Math.min(1, Math.max(0, view.ring[i]));
    const ringRgb = RING_COLOURS[view.tone[i]] ?? 0xffffff;
    const x0 = Math.max(0, Math.floor(cx - reach));
    const x1 = Math.min(width - 1, Math.ceil(cx + reach));
    const y0 = Math.max(0, Math.floor(cy - reach));
    const y1 = Math.min(height - 1, Math.ceil(cy + reach));
    for (let y = y0; y <= y1; y++) {
      const dy = y + 0.5 - cy;
      const row = y * width;
      for (let x = x0; x <= x1; x++) {
        const dx = x + 0.5 - cx;
        const dist = Math.sqrt(dx * dx + dy * dy);
        const inDisc = r + 0.5 - dist;
        if (inDisc > 0) put(discs, row + x, pixel(disc, Math.round(Math.min(1, inDisc) * 255)));
        if (strength > 0) {
          const onRing = halfStroke + 0.5 - Math.abs(dist - ringR);
          if (onRing > 0)
            put(rings, row + x, pixel(ringRgb, Math.round(Math.min(1, onRing) * strength * 255)));
        }
      }
    }
  }
}
