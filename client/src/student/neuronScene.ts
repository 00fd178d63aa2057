/**
 * The student's neuron in Phaser 4. The scene keeps no game objects beyond one Graphics it redraws every
 * frame from a few numbers (level, the feedback on show, its start time), so it can be told things before
 * or after it has booted and always shows the latest.
 */
import Phaser from "phaser";
import type { StudentFeedback } from "../../../shared/engine/feedback.ts";
import { dendriteAt, drawArrow, drawBody, drawParticle, drawSoma, drawWash, STAGE } from "./neuronDraw.ts";
import { LOT_FROM, STAY_BELOW } from "./words.ts";

const TRAVEL_MS = 1400;
const WASH = { good: 0xffb347, bad: 0x5b6b8c, neutral: 0x8fa3c7 } as const;

interface Shown {
  readonly feedback: StudentFeedback;
  readonly since: number;
}

export class NeuronScene extends Phaser.Scene {
  private g: Phaser.GameObjects.Graphics | null = null;
  private level = 0.5;
  private shown: Shown | null = null;
  private frames = 0;
  private readonly onFrames: (frames: number) => void;

  constructor(onFrames: (frames: number) => void) {
    super("neuron");
    this.onFrames = onFrames;
  }

  setLevel(level: number): void {
    this.level = level;
  }

  showFeedback(feedback: StudentFeedback): void {
    this.shown = { feedback, since: this.time?.now ?? 0 };
  }

  create(): void {
    this.g = this.add.graphics();
    // Feedback that arrived before the scene booted starts its animation now.
    if (this.shown) this.shown = { ...this.shown, since: this.time.now };
  }

  override update(time: number): void {
    const g = this.g;
    if (!g) return;
    g.clear();
    const age = this.shown ? time - this.shown.since : 0;
    const f = this.shown?.feedback;
    if (f && (f.kind === "global" || f.kind === "team")) this.wash(g, f.improved, age, f.kind === "team");
    const signal = f?.kind === "vector" ? f.signal : 0;
    const climbing = f?.kind === "vector" && Math.abs(signal) >= STAY_BELOW;
    drawBody(g, climbing ? 0.6 + 0.2 * Math.sin(time / 200) : f?.kind === "none" ? -1 : 0.15);
    const flash = climbing ? this.particles(g, signal, age) : 0;
    drawSoma(g, this.level, 0.5 + 0.5 * Math.sin(time / 600), flash);
    if (f?.kind === "vector") {
      const size = Math.abs(signal);
      drawArrow(g, size < STAY_BELOW ? 0 : signal > 0 ? 1 : -1, size >= LOT_FROM ? 2 : 1);
    }
    this.frames++;
    // The test hook wants proof the canvas is alive, not a message per frame.
    if (this.frames % 10 === 0) this.onFrames(this.frames);
  }

  private wash(g: Phaser.GameObjects.Graphics, improved: boolean | null, age: number, team: boolean): void {
    const color = improved === null ? WASH.neutral : improved ? WASH.good : WASH.bad;
    // A bright sweep that settles into a faint tint, which stays while the feedback is on show.
    const settle = team ? 0.1 : 0.16;
    const alpha = age < 300 ? (0.45 * age) / 300 : settle + (0.45 - settle) * Math.exp(-(age - 300) / 500);
    drawWash(g, color, alpha);
  }

  /**
   * A steady stream of signal particles up the dendrite: the bigger the signal, the denser the stream.
   * Returns how brightly the soma flashes as particles arrive.
   */
  private particles(g: Phaser.GameObjects.Graphics, signal: number, age: number): number {
    const size = Math.min(1, Math.abs(signal) / 0.4);
    const gap = 600 - 480 * size;
    const sign = signal > 0 ? 1 : -1;
    let flash = 0;
    const newest = Math.floor(age / gap);
    for (let i = newest; i >= 0 && (age - i * gap) / TRAVEL_MS < 1.25; i--) {
      const t = (age - i * gap) / TRAVEL_MS;
      if (t >= 1) {
        flash = Math.max(flash, 1 - (t - 1) * 4);
        continue;
      }
      const eased = t * t * (3 - 2 * t);
      drawParticle(g, dendriteAt(eased), sign, Math.min(1, t * 5));
    }
    return flash;
  }
}

/** Boots Phaser into `parent`, scaled to fit it; the canvas is decoration, the words are in the page. */
export function startNeuron(parent: HTMLElement, onFrames: (frames: number) => void): NeuronScene {
  const scene = new NeuronScene(onFrames);
  new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    transparent: true,
    banner: false,
    audio: { noAudio: true },
    input: { keyboard: false, mouse: false, touch: false, gamepad: false },
    scale: {
      mode: Phaser.Scale.FIT,
      autoCenter: Phaser.Scale.CENTER_BOTH,
      width: STAGE.width,
      height: STAGE.height,
    },
    scene,
  });
  return scene;
}
