/**
 * The class answer against the key inside one area of the board's Phaser scene: a canvas texture redrawn
 * when the answer changes (see answerDraw.ts) and, on a plane of two outputs, the class's cursor as a game
 * object that glides to each new answer, so the room sees the class move toward the key.
 */
import type Phaser from "phaser";
import { type AnswerModel, sameAnswer } from "./answer.ts";
import { drawAnswer, type PlaneGeometry, planePoint } from "./answerDraw.ts";
import type { Area } from "./neuronLayer.ts";

/**
 * Texture pixels per logical pixel. The game's canvas is WIDTH×HEIGHT pixels whatever the screen, so a finer
 * texture would only be scaled down again, and costs four times the upload at each redraw.
 */
const SCALE = 1;
const TRAIL = 60;
const GLIDE_MS = 600;
const CURSOR = 0xf0e442;

let textures = 0;

export class AnswerLayer {
  private readonly scene: Phaser.Scene;
  private readonly area: Area;
  private readonly texture: Phaser.Textures.CanvasTexture;
  private readonly image: Phaser.GameObjects.Image;
  private readonly cursor: Phaser.GameObjects.Image;
  private readonly halo: Phaser.GameObjects.Image;
  private model: AnswerModel = { kind: "none" };
  private trail: [number, number][] = [];
  private trailKey = "";
  /** The smallest font of the last drawing, in logical pixels (Infinity: it drew no text). */
  smallestFont = Number.POSITIVE_INFINITY;

  constructor(scene: Phaser.Scene, area: Area) {
    this.scene = scene;
    this.area = area;
    const key = `answer-${++textures}`;
    const texture = scene.textures.createCanvas(key, area.width * SCALE, area.height * SCALE);
    if (!texture) throw new Error("the board could not make its answer texture");
    this.texture = texture;
    this.image = scene.add
      .image(area.x, area.y, key)
      .setOrigin(0, 0)
      .setScale(1 / SCALE);
    // Made from the neuron layer's textures, which the scene makes first.
    this.halo = scene.add.image(0, 0, "ring").setTint(CURSOR).setScale(0.42).setVisible(false);
    this.cursor = scene.add.image(0, 0, "disc").setTint(CURSOR).setScale(0.22).setVisible(false);
    this.draw();
  }

  show(model: AnswerModel): void {
    if (sameAnswer(model, this.model)) return;
    const before = this.model;
    this.model = model;
    if (model.kind === "plane") {
      // A new key is a new question: its trail starts again.
      const key = model.key.join(",");
      if (key !== this.trailKey) {
        this.trail = [];
        this.trailKey = key;
      }
      const last = this.trail[this.trail.length - 1];
      if (!last || last[0] !== model.answer[0] || last[1] !== model.answer[1])
        this.trail.push([model.answer[0], model.answer[1]]);
      if (this.trail.length > TRAIL) this.trail.shift();
    }
    const geometry = this.draw();
    this.moveCursor(geometry, before.kind === "plane");
  }

  private draw(): PlaneGeometry | null {
    const ctx = this.texture.getContext();
    const drawn = drawAnswer(ctx, this.model, this.trail, this.area.width, this.area.height, SCALE);
    this.texture.refresh();
    this.smallestFont = drawn.smallestFont;
    return drawn.geometry;
  }

  private moveCursor(geometry: PlaneGeometry | null, glide: boolean): void {
    const m = this.model;
    const shown = geometry !== null && m.kind === "plane" && m.answer.every(Number.isFinite);
    this.cursor.setVisible(shown);
    this.halo.setVisible(shown);
    if (!shown || m.kind !== "plane") return;
    const [px, py] = planePoint(geometry, m.answer);
    const x = this.area.x + px;
    const y = this.area.y + py;
    this.scene.tweens.killTweensOf([this.cursor, this.halo]);
    if (glide)
      this.scene.tweens.add({
        targets: [this.cursor, this.halo],
        x,
        y,
        duration: GLIDE_MS,
        ease: "Cubic.Out",
      });
    else {
      this.cursor.setPosition(x, y);
      this.halo.setPosition(x, y);
    }
  }

  destroy(): void {
    this.image.destroy();
    this.cursor.destroy();
    this.halo.destroy();
    this.texture.destroy();
  }
}
