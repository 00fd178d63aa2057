/**
 * A class drawn as a field of neurons: one Phaser game and canvas per class, one disc per student (up to
 * 2,000) and a ring around it for the feedback of the last round. A disc grows and brightens with the
 * student's distance from its target, so the picture does not rest on colour alone; the ring flashes when a
 * round closes and fades, a personal ring sized by the student's own signal, a shared scalar as one wash.
 */
import Phaser from "phaser";
import { createView, type NeuronView, TONE } from "./neurons.ts";

/** What the scene draws; `version` changes whenever a round has closed. */
export interface FieldModel {
  readonly students: number;
  readonly version: number;
  read(view: NeuronView): void;
}

const WIDTH = 960;
const HEIGHT = 600;
const TEXTURE = 128;
const BACKGROUND = 0x0f1722;
const DIM = [0x2b, 0x36, 0x45] as const;
/** Okabe–Ito sky blue (too low: go up) and orange (too high: go down). */
const UP = [0x56, 0xb4, 0xe9] as const;
const DOWN = [0xe6, 0x9f, 0x00] as const;
const RING_COLOURS: Record<number, number> = {
  [TONE.personal]: 0xffffff,
  [TONE.good]: 0x2fd39a,
  [TONE.notQuite]: 0xe07bb5,
  [TONE.plain]: 0xc8d0da,
};
/** After a round, a ring keeps this share of its strength and fades the rest over FADE_MS. */
const RING_FLOOR = 0.35;
const FADE_MS = 450;

function mix(t: number, up: boolean): number {
  const to = up ? UP : DOWN;
  const c = (k: 0 | 1 | 2): number => Math.round(DIM[k] + (to[k] - DIM[k]) * t);
  return (c(0) << 16) | (c(1) << 8) | c(2);
}

class FieldScene extends Phaser.Scene {
  frames = 0;
  private readonly source: () => FieldModel | null;
  private model: FieldModel | null = null;
  private version = -1;
  private view: NeuronView = createView(0);
  private discs: Phaser.GameObjects.Image[] = [];
  private rings: Phaser.GameObjects.Image[] = [];
  private cell = 0;
  private flashedAt = 0;

  constructor(source: () => FieldModel | null) {
    super("field");
    this.source = source;
  }

  create(): void {
    const g = this.add.graphics();
    g.fillStyle(0xffffff, 1).fillCircle(TEXTURE / 2, TEXTURE / 2, TEXTURE / 2 - 2);
    g.generateTexture("disc", TEXTURE, TEXTURE);
    g.clear();
    g.lineStyle(10, 0xffffff, 1).strokeCircle(TEXTURE / 2, TEXTURE / 2, TEXTURE / 2 - 6);
    g.generateTexture("ring", TEXTURE, TEXTURE);
    g.destroy();
  }

  override update(time: number): void {
    this.frames++;
    const model = this.source();
    if (model !== this.model) {
      this.model = model;
      this.version = -1;
      this.layout(model ? model.students : 0);
    }
    if (model && model.version !== this.version) {
      this.version = model.version;
      model.read(this.view);
      this.paint();
      this.flashedAt = time;
    }
    const fade = RING_FLOOR + (1 - RING_FLOOR) * Math.max(0, 1 - (time - this.flashedAt) / FADE_MS);
    for (let i = 0; i < this.rings.length; i++) this.rings[i].setAlpha(this.view.ring[i] * fade);
  }

  /** A grid as square as the canvas allows, centred. */
  private layout(students: number): void {
    for (const o of [...this.discs, ...this.rings]) o.destroy();
    this.discs = [];
    this.rings = [];
    this.view = createView(students);
    if (students === 0) return;
    const cols = Math.ceil(Math.sqrt((students * WIDTH) / HEIGHT));
    const rows = Math.ceil(students / cols);
    this.cell = Math.min(WIDTH / cols, HEIGHT / rows);
    const x0 = (WIDTH - cols * this.cell) / 2 + this.cell / 2;
    const y0 = (HEIGHT - rows * this.cell) / 2 + this.cell / 2;
    for (let i = 0; i < students; i++) {
      const x = x0 + (i % cols) * this.cell;
      const y = y0 + Math.floor(i / cols) * this.cell;
      this.discs.push(this.add.image(x, y, "disc").setScale(0));
      this.rings.push(
        this.add
          .image(x, y, "ring")
          .setScale((this.cell * 0.96) / TEXTURE)
          .setAlpha(0),
      );
    }
  }

  private paint(): void {
    const { distance, direction, tone } = this.view;
    for (let i = 0; i < this.discs.length; i++) {
      const d = distance[i];
      const radius = this.cell * (0.12 + 0.3 * d);
      this.discs[i].setScale((2 * radius) / TEXTURE).setTint(mix(d, direction[i] > 0));
      this.rings[i].setTint(RING_COLOURS[tone[i]] ?? 0xffffff);
    }
  }
}

export class Field {
  private readonly game: Phaser.Game;
  private readonly scene: FieldScene;

  constructor(parent: HTMLElement, source: () => FieldModel | null) {
    this.scene = new FieldScene(source);
    this.game = new Phaser.Game({
      type: Phaser.AUTO,
      parent,
      width: WIDTH,
      height: HEIGHT,
      backgroundColor: BACKGROUND,
      banner: false,
      audio: { noAudio: true },
      // The page's form owns the keyboard; the canvas only shows.
      input: { keyboard: false, mouse: false, touch: false, gamepad: false },
      scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_HORIZONTALLY },
      scene: this.scene,
    });
  }

  /** Frames the scene has drawn (the test hook's proof that the canvas is alive). */
  get frames(): number {
    return this.scene.frames;
  }

  destroy(): void {
    this.game.destroy(true);
  }
}
