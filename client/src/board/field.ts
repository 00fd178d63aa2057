/**
 * A class drawn as a field of neurons on a canvas of its own: one Phaser game holding one NeuronLayer that
 * fills it. The demo puts one beside each of its bot classes; it pulls what to draw from `source` every frame
 * and repaints when the model's `version` changes (a round has closed), flashing the rings.
 */
import Phaser from "phaser";
import { makeNeuronTextures, NeuronLayer } from "./neuronLayer.ts";
import { createView, type NeuronView } from "./neurons.ts";

/** What the scene draws; `version` changes whenever a round has closed. */
export interface FieldModel {
  readonly students: number;
  readonly version: number;
  read(view: NeuronView): void;
}

const WIDTH = 960;
const HEIGHT = 600;
const BACKGROUND = 0x0f1722;

class FieldScene extends Phaser.Scene {
  frames = 0;
  private readonly source: () => FieldModel | null;
  private model: FieldModel | null = null;
  private version = -1;
  private view: NeuronView = createView(0);
  private layer: NeuronLayer | null = null;

  constructor(source: () => FieldModel | null) {
    super("field");
    this.source = source;
  }

  create(): void {
    makeNeuronTextures(this);
    this.layer = new NeuronLayer(this, { arrows: false, namesUpTo: 0 });
  }

  override update(time: number): void {
    const layer = this.layer;
    if (!layer) return;
    this.frames++;
    const model = this.source();
    if (model !== this.model) {
      this.model = model;
      this.version = -1;
      const students = model ? model.students : 0;
      this.view = createView(students);
      layer.layout(students, { x: 0, y: 0, width: WIDTH, height: HEIGHT });
    }
    if (model && model.version !== this.version) {
      this.version = model.version;
      model.read(this.view);
      layer.flash(time);
      layer.paint(this.view);
    }
    layer.update(time);
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
