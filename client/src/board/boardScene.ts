/**
 * The board's one Phaser scene: the class as a field of neurons on the left, the class answer against the
 * key on the right. It pulls from the board's frame model every frame and does work only when a version
 * moved: a new layout (seats came or went), a repaint (credits, feedback, who sits where), a flash (a round
 * closed), a new answer (redrawn at most every ANSWER_EVERY_MS while levels stream in). Once nothing has
 * moved for BUSY_MS it tells the board, which slows the loop down until the next change: a projector shows
 * the same picture for most of a round, and redrawing it sixty times a second only heats the laptop.
 */
import Phaser from "phaser";
import type { AnswerModel } from "./answer.ts";
import { AnswerLayer } from "./answerLayer.ts";
import { INK } from "./canvasText.ts";
import { type Area, makeNeuronTextures, NeuronLayer } from "./neuronLayer.ts";
import type { NeuronView } from "./neurons.ts";

export interface BoardFrame {
  readonly view: NeuronView;
  readonly layoutVersion: number;
  readonly paintVersion: number;
  readonly flashVersion: number;
  readonly wash: number | null;
  readonly answer: AnswerModel;
  readonly answerVersion: number;
}

/**
 * The scene's logical size. The canvas is scaled to fit its box, so this sets how big the words come out: on
 * a projector the box is about this wide, and TITLE_PX and the answer's TEXT_PX stay above 24 CSS pixels.
 */
export const WIDTH = 1024;
export const HEIGHT = 576;
export const BACKGROUND = 0x0f1722;
export const TITLE_PX = 30;
const TITLE_H = 50;
const FIELD: Area = { x: 8, y: TITLE_H, width: 612, height: HEIGHT - TITLE_H - 8 };
const ANSWER: Area = { x: 632, y: TITLE_H, width: 384, height: HEIGHT - TITLE_H - 8 };
const ANSWER_EVERY_MS = 100;
const ANSWER_TITLE = "Answer against the key";
/** How long after the last change the scene keeps drawing at full rate (the flash and glide last less). */
const BUSY_MS = 1200;
/** Students' nicknames show under their neurons up to this many seats (when the picture has them). */
export const NAMES_UP_TO = 40;

export class BoardScene extends Phaser.Scene {
  frames = 0;
  private readonly source: () => BoardFrame;
  private readonly onIdle: () => void;
  private busyUntil = 0;
  private neurons: NeuronLayer | null = null;
  private answers: AnswerLayer | null = null;
  private seen = { layout: -1, paint: -1, flash: -1, answer: -1 };
  private answerAt = Number.NEGATIVE_INFINITY;
  private answerTitle: Phaser.GameObjects.Text | null = null;

  private readonly namesUpTo: number;

  /** `namesUpTo`: nicknames under students' neurons up to this many seats (0: never). */
  constructor(source: () => BoardFrame, onIdle: () => void, namesUpTo = NAMES_UP_TO) {
    super("board");
    this.source = source;
    this.onIdle = onIdle;
    this.namesUpTo = namesUpTo;
  }

  /** The smallest text the scene has drawn, in logical pixels (before the canvas is scaled to its box). */
  get smallestFont(): number {
    return Math.min(TITLE_PX, this.answers?.smallestFont ?? Number.POSITIVE_INFINITY);
  }

  create(): void {
    makeNeuronTextures(this);
    const title = { fontFamily: "system-ui, sans-serif", fontSize: `${TITLE_PX}px`, color: INK };
    this.add.text(FIELD.x + 4, 8, "The class: one neuron each", title);
    this.answerTitle = this.add.text(ANSWER.x + 4, 8, ANSWER_TITLE, title);
    this.neurons = new NeuronLayer(this, { arrows: true, namesUpTo: this.namesUpTo });
    this.answers = new AnswerLayer(this, ANSWER);
  }

  override update(time: number): void {
    const neurons = this.neurons;
    const answers = this.answers;
    if (!neurons || !answers) return;
    this.frames++;
    const f = this.source();
    if (
      f.layoutVersion !== this.seen.layout ||
      f.paintVersion !== this.seen.paint ||
      f.flashVersion !== this.seen.flash ||
      f.answerVersion !== this.seen.answer
    )
      this.busyUntil = time + BUSY_MS;
    else if (time > this.busyUntil) this.onIdle();
    if (f.layoutVersion !== this.seen.layout) {
      this.seen.layout = f.layoutVersion;
      neurons.layout(f.view.distance.length, FIELD);
      this.seen.paint = -1;
    }
    if (f.flashVersion !== this.seen.flash) {
      // The first frame's version is no close: the rings come up at rest.
      if (this.seen.flash !== -1) neurons.flash(time);
      this.seen.flash = f.flashVersion;
    }
    if (f.paintVersion !== this.seen.paint) {
      this.seen.paint = f.paintVersion;
      neurons.paint(f.view);
    }
    neurons.setWash(f.wash);
    neurons.update(time);
    if (f.answerVersion !== this.seen.answer && time - this.answerAt >= ANSWER_EVERY_MS) {
      this.seen.answer = f.answerVersion;
      this.answerAt = time;
      answers.show(f.answer);
      this.answerTitle?.setText(f.answer.kind === "grating" ? "The grating" : ANSWER_TITLE);
    }
  }
}
