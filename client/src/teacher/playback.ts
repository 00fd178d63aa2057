/**
 * A replay's timeline: which frame shows, whether it plays and how fast. The clock is the page's; the
 * frames advance at `speed` rounds a second and stop at the last one.
 */

export const SPEEDS = [0.5, 1, 2, 4, 8, 16] as const;
export const DEFAULT_SPEED = 2;

export class Playback {
  frame = 0;
  speed: number = DEFAULT_SPEED;
  private frames: number;
  private timer = 0;
  private readonly onFrame: () => void;

  constructor(frames: number, onFrame: () => void) {
    this.frames = frames;
    this.onFrame = onFrame;
  }

  get playing(): boolean {
    return this.timer !== 0;
  }

  get last(): number {
    return Math.max(0, this.frames - 1);
  }

  seek(frame: number): void {
    const next = Math.min(this.last, Math.max(0, Math.round(frame)));
    if (next === this.frame) return;
    this.frame = next;
    this.onFrame();
  }

  play(): void {
    if (this.playing) return;
    // Play from the start again once the end has been reached.
    if (this.frame >= this.last) this.frame = 0;
    this.arm();
    this.onFrame();
  }

  pause(): void {
    if (!this.playing) return;
    window.clearInterval(this.timer);
    this.timer = 0;
    this.onFrame();
  }

  setSpeed(speed: number): void {
    this.speed = speed;
    if (this.playing) {
      window.clearInterval(this.timer);
      this.arm();
    }
  }

  private arm(): void {
    this.timer = window.setInterval(() => {
      if (this.frame >= this.last) {
        this.pause();
        return;
      }
      this.frame++;
      this.onFrame();
      if (this.frame >= this.last) this.pause();
    }, 1000 / this.speed);
  }

  stop(): void {
    window.clearInterval(this.timer);
    this.timer = 0;
  }
}
