/**
 * A class as a field of neurons inside one area of a Phaser scene: one image per student (up to 2,000, all
 * from a few generated textures so they batch), a ring image around it for the last round's feedback, and,
 * for people, a square frame (and their nickname in small classes) so students stand apart from bots. A disc
 * grows and brightens with the student's distance from its target, so the picture does not rest on colour
 * alone; with `arrows` it also carries a chevron for the way to move. Rings flash when a round closes and
 * fade to a floor; a scalar round also washes the whole area in its tone. The look itself (colours, sizes,
 * the fade) is neuronLook.ts, shared with the demo's canvas field.
 */
import Phaser from "phaser";
import {
  discRadius,
  FADE_MS,
  mix,
  RING_COLOURS,
  RING_FLOOR,
  RING_RADIUS,
  RING_SPAN,
  RING_STROKE,
} from "./neuronLook.ts";
import { gridFor, KIND, type NeuronView } from "./neurons.ts";

export interface Area {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface LayerOptions {
  /** Chevrons on the discs for up and down (the board), or plain discs (the demo). */
  readonly arrows: boolean;
  /** Nicknames under students' neurons when the class has at most this many seats (0: never). */
  readonly namesUpTo: number;
}

const TEXTURE = 128;
/** The wash over the area: its peak when a round closes, and what stays until the next. */
const WASH_PEAK = 0.3;
const WASH_FLOOR = 0.07;
const WASH_FADE_MS = 900;

/** The layer's textures, made once per scene from a Graphics that is then thrown away. */
export function makeNeuronTextures(scene: Phaser.Scene): void {
  const g = scene.add.graphics();
  const c = TEXTURE / 2;
  const r = TEXTURE / 2 - 2;
  g.fillStyle(0xffffff, 1).fillCircle(c, c, r);
  g.generateTexture("disc", TEXTURE, TEXTURE);
  // Chevrons cut in black: a tint multiplies colours, so they stay dark on any disc.
  for (const [key, sign] of [
    ["disc-up", -1],
    ["disc-down", 1],
  ] as const) {
    g.clear();
    g.fillStyle(0xffffff, 1).fillCircle(c, c, r);
    g.fillStyle(0x000000, 0.8).fillTriangle(c - 34, c - 16 * sign, c + 34, c - 16 * sign, c, c + 26 * sign);
    g.generateTexture(key, TEXTURE, TEXTURE);
  }
  g.clear();
  g.lineStyle(TEXTURE * RING_STROKE, 0xffffff, 1).strokeCircle(c, c, TEXTURE * RING_RADIUS);
  g.generateTexture("ring", TEXTURE, TEXTURE);
  g.clear();
  g.lineStyle(8, 0xffffff, 1).strokeRoundedRect(4, 4, TEXTURE - 8, TEXTURE - 8, 18);
  g.generateTexture("frame", TEXTURE, TEXTURE);
  g.destroy();
}

export class NeuronLayer {
  private readonly scene: Phaser.Scene;
  private readonly options: LayerOptions;
  private readonly layers: {
    wash: Phaser.GameObjects.Layer;
    discs: Phaser.GameObjects.Layer;
    rings: Phaser.GameObjects.Layer;
    frames: Phaser.GameObjects.Layer;
  };
  private wash: Phaser.GameObjects.Rectangle | null = null;
  private discs: Phaser.GameObjects.Image[] = [];
  private rings: Phaser.GameObjects.Image[] = [];
  private frames: (Phaser.GameObjects.Image | null)[] = [];
  private labels: (Phaser.GameObjects.Text | null)[] = [];
  private cell = 0;
  private positions: Float32Array = new Float32Array(0);
  private ringStrength: Float32Array = new Float32Array(0);
  private flashedAt = Number.NEGATIVE_INFINITY;
  private washTone: number | null = null;
  /** Whether the rings are still fading (after that their alpha stays put and needs no writes). */
  private fading = false;

  constructor(scene: Phaser.Scene, options: LayerOptions) {
    this.scene = scene;
    this.options = options;
    this.layers = {
      wash: scene.add.layer(),
      discs: scene.add.layer(),
      rings: scene.add.layer(),
      frames: scene.add.layer(),
    };
  }

  /** Places `count` neurons in `area`; images are kept and moved, so a join does not rebuild 2,000. */
  layout(count: number, area: Area): void {
    while (this.discs.length > count) {
      this.discs.pop()?.destroy();
      this.rings.pop()?.destroy();
      this.frames.pop()?.destroy();
      this.labels.pop()?.destroy();
    }
    while (this.discs.length < count) {
      // Made off the scene's list and put straight on a layer: adding then moving 2,000 costs n² removals.
      const disc = new Phaser.GameObjects.Image(this.scene, 0, 0, "disc").setScale(0);
      const ring = new Phaser.GameObjects.Image(this.scene, 0, 0, "ring").setAlpha(0);
      this.layers.discs.add(disc);
      this.layers.rings.add(ring);
      this.discs.push(disc);
      this.rings.push(ring);
      this.frames.push(null);
      this.labels.push(null);
    }
    if (!this.wash) {
      this.wash = new Phaser.GameObjects.Rectangle(this.scene, 0, 0, 1, 1, 0xffffff)
        .setOrigin(0, 0)
        .setAlpha(0);
      this.layers.wash.add(this.wash);
    }
    this.wash.setPosition(area.x, area.y).setSize(area.width, area.height);
    const grid = gridFor(count, area.width, area.height);
    this.cell = grid.cell;
    this.positions = new Float32Array(count * 2);
    this.ringStrength = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      const x = area.x + grid.x0 + (i % grid.cols) * grid.cell;
      const y = area.y + grid.y0 + Math.floor(i / grid.cols) * grid.cell;
      this.positions[2 * i] = x;
      this.positions[2 * i + 1] = y;
      this.discs[i].setPosition(x, y).setScale(0);
      this.rings[i]
        .setPosition(x, y)
        .setScale((grid.cell * RING_SPAN) / TEXTURE)
        .setAlpha(0);
      this.frames[i]?.destroy();
      this.frames[i] = null;
      this.labels[i]?.destroy();
      this.labels[i] = null;
    }
  }

  /** Sizes, colours and rings from `view` (as long as the layout's count). */
  paint(view: NeuronView): void {
    const { distance, direction, ring, tone, kind, names } = view;
    const n = this.discs.length;
    const named = n <= this.options.namesUpTo;
    for (let i = 0; i < n; i++) {
      const d = distance[i];
      const radius = discRadius(this.cell, d);
      const disc = this.discs[i];
      disc.setScale((2 * radius) / TEXTURE).setTint(mix(d, direction[i] > 0));
      if (this.options.arrows) {
        const key = direction[i] > 0 ? "disc-up" : direction[i] < 0 ? "disc-down" : "disc";
        if (disc.texture.key !== key) disc.setTexture(key);
      }
      this.rings[i].setTint(RING_COLOURS[tone[i]] ?? 0xffffff);
      this.ringStrength[i] = ring[i];
      this.person(i, kind[i], named ? names[i] : "");
    }
    this.fadeRings(this.scene.time.now, true);
  }

  /** A square frame for a student (faint for a stand-in bot), and the nickname under it when asked. */
  private person(i: number, k: number, name: string): void {
    const x = this.positions[2 * i];
    const y = this.positions[2 * i + 1];
    if (k === KIND.bot) {
      this.frames[i]?.destroy();
      this.frames[i] = null;
    } else {
      let frame = this.frames[i];
      if (!frame) {
        frame = new Phaser.GameObjects.Image(this.scene, x, y, "frame")
          .setScale((this.cell * 0.9) / TEXTURE)
          .setTint(0xf4f7fb);
        this.layers.frames.add(frame);
        this.frames[i] = frame;
      }
      frame.setAlpha(k === KIND.standIn ? 0.35 : 0.9);
    }
    const text = k === KIND.bot ? "" : name.length > 12 ? `${name.slice(0, 11)}…` : name;
    let label = this.labels[i];
    if (!text) {
      label?.destroy();
      this.labels[i] = null;
      return;
    }
    if (!label) {
      label = this.scene.make
        .text(
          {
            x,
            y: y + this.cell * 0.47,
            text: "",
            style: {
              fontFamily: "system-ui, sans-serif",
              fontSize: `${Math.max(10, Math.min(22, Math.round(this.cell * 0.16)))}px`,
              color: "#eef2f8",
              backgroundColor: "rgba(15,23,34,0.7)",
            },
          },
          false,
        )
        .setOrigin(0.5, 1);
      this.layers.frames.add(label);
      this.labels[i] = label;
    }
    if (label.text !== text) label.setText(text);
  }

  /** The shared wash's tone (a TONE), or null for none. */
  setWash(tone: number | null): void {
    if (tone === this.washTone) return;
    this.washTone = tone;
    if (this.wash && tone !== null) this.wash.setFillStyle(RING_COLOURS[tone] ?? 0xffffff);
  }

  /** A round has closed: rings and wash flash from full strength. */
  flash(time: number): void {
    this.flashedAt = time;
    this.fading = true;
  }

  update(time: number): void {
    if (this.fading) this.fadeRings(time, false);
    this.fadeWash(time);
  }

  private fadeRings(time: number, always: boolean): void {
    const age = time - this.flashedAt;
    const fade = RING_FLOOR + (1 - RING_FLOOR) * Math.max(0, 1 - age / FADE_MS);
    if (!always && !this.fading) return;
    for (let i = 0; i < this.rings.length; i++) this.rings[i].setAlpha(this.ringStrength[i] * fade);
    // One more write at the floor, then the rings stay put until the next flash.
    if (age > FADE_MS) this.fading = false;
  }

  private fadeWash(time: number): void {
    if (!this.wash) return;
    if (this.washTone === null) {
      this.wash.setAlpha(0);
      return;
    }
    const age = time - this.flashedAt;
    this.wash.setAlpha(WASH_FLOOR + (WASH_PEAK - WASH_FLOOR) * Math.max(0, 1 - age / WASH_FADE_MS));
  }

  destroy(): void {
    for (const l of Object.values(this.layers)) l.destroy();
  }
}
