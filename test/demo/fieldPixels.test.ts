/**
 * The field's rasteriser on plain pixel buffers: a neuron's disc in its colour at its centre, its ring at
 * the ring's radius as strong as its feedback, nothing outside its cell, and a grid that keeps every
 * neuron inside the picture.
 */
import { describe, expect, it } from "vitest";
import { mix, RING_COLOURS } from "../../client/src/board/neuronLook.ts";
import { TONE } from "../../client/src/board/neurons.ts";
import { createFieldNeurons, layoutField, rasterize } from "../../client/src/demo/fieldPixels.ts";

const rgbOf = (px: number): number => ((px & 0xff) << 16) | (px & 0xff00) | ((px >>> 16) & 0xff);
const alphaOf = (px: number): number => px >>> 24;

function one(distance: number, direction: -1 | 1, ring: number, tone: number) {
  const layout = layoutField(1, 100, 100);
  const view = createFieldNeurons(1);
  view.distance[0] = distance;
  view.direction[0] = direction;
  view.ring[0] = ring;
  view.tone[0] = tone;
  const discs = new Uint32Array(100 * 100);
  const rings = new Uint32Array(100 * 100);
  rasterize(layout, view, discs, rings);
  return { layout, discs, rings, at: (x: number, y: number) => y * 100 + x };
}

describe("the field's rasteriser", () => {
  it("draws a disc in the neuron's colour, opaque at its centre, and nothing in the cell's corner", () => {
    const { discs, rings, at } = one(1, 1, 0, TONE.personal);
    expect(rgbOf(discs[at(50, 50)])).toBe(mix(1, true));
    expect(alphaOf(discs[at(50, 50)])).toBe(255);
    expect(discs[at(1, 1)]).toBe(0);
    expect(rings.every((p) => p === 0)).toBe(true);
  });

  it("grows the disc with the distance from the key and colours it by the way to go", () => {
    const near = one(0, -1, 0, TONE.personal);
    const far = one(1, -1, 0, TONE.personal);
    const lit = (d: Uint32Array) => d.filter((p) => alphaOf(p) > 127).length;
    expect(lit(far.discs)).toBeGreaterThan(4 * lit(near.discs));
    expect(rgbOf(far.discs[far.at(50, 50)])).toBe(mix(1, false));
  });

  it("rings the neuron at the ring's radius, in its tone, as strong as its feedback", () => {
    const strong = one(0, 1, 1, TONE.good);
    const weak = one(0, 1, 0.5, TONE.good);
    // The ring's radius is 0.96 × (0.5 − 6/128) of the cell: about 43.5 px in a 100 px cell.
    const onRing = strong.at(50 + 43, 50);
    expect(rgbOf(strong.rings[onRing])).toBe(RING_COLOURS[TONE.good]);
    expect(alphaOf(strong.rings[onRing])).toBeGreaterThan(200);
    expect(alphaOf(weak.rings[onRing])).toBeCloseTo(alphaOf(strong.rings[onRing]) / 2, -1);
    expect(strong.rings[strong.at(50, 50)]).toBe(0);
  });

  it("lays out 2,000 neurons inside the picture, one per cell", () => {
    const layout = layoutField(2000, 480, 300);
    expect(layout.cell).toBeGreaterThan(7);
    let lowest = Number.POSITIVE_INFINITY;
    let right = 0;
    let bottom = 0;
    for (let i = 0; i < 2000; i++) {
      const x = layout.positions[2 * i];
      const y = layout.positions[2 * i + 1];
      lowest = Math.min(lowest, x - layout.cell / 2, y - layout.cell / 2);
      right = Math.max(right, x + layout.cell / 2);
      bottom = Math.max(bottom, y + layout.cell / 2);
    }
    // Positions are float32: a thousandth of a pixel either way.
    expect(lowest).toBeGreaterThan(-1e-3);
    expect(right).toBeLessThan(480 + 1e-3);
    expect(bottom).toBeLessThan(300 + 1e-3);
  });
});
