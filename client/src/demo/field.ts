/**
 * A class drawn as a field of neurons on a canvas of its own, one beside each of the demo's bot classes.
 * The class worker rasterises the neurons (fieldPixels.ts, in the board's look) into two layers, discs and
 * rings, at the size this field asks for; the field puts each layer on a canvas in one call when the
 * model's `version` moves, at most PAINTS_PER_S times a second, and a frame only stacks the two layers,
 * and only while the rings' strength changes, so a field at rest draws nothing. (A WebGL game per field
 * redrew every frame: in a browser without a GPU each such frame is rendered in software and read back,
 * which held a 2,000-neuron demo to a few frames a second.)
 *
 * Rings flash when a round closes and fade to a floor. When rounds come faster than a ring fades they hold
 * at a steady strength instead, so a class playing hundreds of rounds a second does not flicker.
 */
import { FADE_MS, RING_FLOOR } from "../board/neuronLook.ts";
import type { FieldPicture } from "./protocol.ts";

/** What the field draws; `version` moves whenever the picture has. */
export interface FieldModel {
  readonly version: number;
  /** The field drawn at the size last asked for (or an older size, scaled, until the new one comes). */
  picture(): FieldPicture | null;
}

const BACKGROUND = "#0f1722";
/** The worker sends about fifteen pictures a second; this only guards against a burst of them. */
const PAINTS_PER_S = 30;
/** A ring's strength while rounds stream in faster than it fades. */
const STREAMING = 0.7;
/** At most this many device pixels per field: a 4K screen need not rasterise 8 million for 2,000 dots. */
const MAX_PIXELS = 600_000;

interface Layer {
  readonly canvas: HTMLCanvasElement;
  readonly ctx: CanvasRenderingContext2D;
}

function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("this browser has no 2D canvas");
  return ctx;
}

function layer(): Layer {
  const canvas = document.createElement("canvas");
  return { canvas, ctx: context(canvas) };
}

/** Puts one of a picture's layers on its canvas, resized to the picture. */
function putLayer(l: Layer, data: Uint8ClampedArray<ArrayBuffer>, width: number, height: number): void {
  if (l.canvas.width !== width || l.canvas.height !== height) {
    l.canvas.width = width;
    l.canvas.height = height;
  }
  l.ctx.putImageData(new ImageData(data, width, height), 0, 0);
}

export class Field {
  /** Frames drawn (the test hook's proof that the canvas is alive). */
  frames = 0;
  private readonly parent: HTMLElement;
  private readonly source: () => FieldModel | null;
  private readonly onSize: (width: number, height: number) => void;
  private readonly canvas = document.createElement("canvas");
  private readonly ctx = context(this.canvas);
  private readonly discs = layer();
  private readonly rings = layer();
  private readonly resize: ResizeObserver;
  private model: FieldModel | null = null;
  private version = -1;
  private paintedAt = Number.NEGATIVE_INFINITY;
  /** The rings' strength until `holdUntil`, from which they fade to the floor over FADE_MS. */
  private peak = RING_FLOOR;
  private holdUntil = Number.NEGATIVE_INFINITY;
  /** The rings' strength in the frame on screen, or NaN when the layers changed since. */
  private drawnFade = Number.NaN;
  private frame = 0;

  /** `onSize` hears the field's size in device pixels whenever it changes: the pictures should match it. */
  constructor(
    parent: HTMLElement,
    source: () => FieldModel | null,
    onSize: (width: number, height: number) => void,
  ) {
    this.parent = parent;
    this.source = source;
    this.onSize = onSize;
    this.canvas.setAttribute("aria-hidden", "true");
    this.canvas.style.width = "100%";
    this.canvas.style.height = "100%";
    parent.append(this.canvas);
    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(parent);
    this.fit();
    this.frame = requestAnimationFrame((t) => this.tick(t));
  }

  /** Matches the canvas to its box in device pixels (up to MAX_PIXELS) and asks for pictures that size. */
  private fit(): void {
    const w = Math.max(1, this.parent.clientWidth);
    const h = Math.max(1, this.parent.clientHeight);
    const px = Math.min(window.devicePixelRatio || 1, Math.sqrt(MAX_PIXELS / (w * h)));
    const width = Math.max(1, Math.round(w * px));
    const height = Math.max(1, Math.round(h * px));
    if (width === this.canvas.width && height === this.canvas.height) return;
    this.canvas.width = width;
    this.canvas.height = height;
    this.drawnFade = Number.NaN;
    this.onSize(width, height);
  }

  private tick(now: number): void {
    this.frame = requestAnimationFrame((t) => this.tick(t));
    const model = this.source();
    if (model !== this.model) {
      this.model = model;
      this.version = -1;
      this.peak = RING_FLOOR;
      this.holdUntil = Number.NEGATIVE_INFINITY;
      this.paintedAt = Number.NEGATIVE_INFINITY;
      if (!model) this.paint(null);
    }
    if (model && model.version !== this.version) {
      const fresh = this.version === -1;
      if (fresh || now - this.paintedAt >= 1000 / PAINTS_PER_S) {
        if (!fresh) this.flash(now);
        this.version = model.version;
        this.paint(model.picture());
      }
    }
    const age = Math.max(0, now - this.holdUntil);
    const fade = RING_FLOOR + (this.peak - RING_FLOOR) * Math.max(0, 1 - age / FADE_MS);
    if (fade !== this.drawnFade) this.draw(fade);
  }

  /** A round closed: rings come up full, or hold steady when rounds come faster than they fade. */
  private flash(now: number): void {
    const streaming = now - this.paintedAt < FADE_MS;
    this.peak = streaming ? STREAMING : 1;
    this.holdUntil = streaming ? now + FADE_MS : now;
    this.paintedAt = now;
  }

  /** Puts the picture's two layers on their canvases (nothing for no picture). */
  private paint(picture: FieldPicture | null): void {
    if (picture) {
      putLayer(this.discs, picture.discs, picture.width, picture.height);
      putLayer(this.rings, picture.rings, picture.width, picture.height);
    } else
      for (const l of [this.discs, this.rings]) {
        l.canvas.width = 1;
        l.canvas.height = 1;
      }
    this.drawnFade = Number.NaN;
  }

  /** Stacks the layers: the background, the discs, the rings at `fade` of their strength. */
  private draw(fade: number): void {
    const { ctx, canvas } = this;
    ctx.globalAlpha = 1;
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    // A picture drawn for an older size is stretched until the worker's next one comes.
    const { width, height } = canvas;
    ctx.drawImage(this.discs.canvas, 0, 0, width, height);
    ctx.globalAlpha = fade;
    ctx.drawImage(this.rings.canvas, 0, 0, width, height);
    ctx.globalAlpha = 1;
    this.drawnFade = fade;
    this.frames++;
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.resize.disconnect();
    this.canvas.remove();
  }
}
