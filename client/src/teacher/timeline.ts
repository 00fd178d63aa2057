/**
 * The replays' one timeline: a slider over the rounds (0 is the start, k is after round k, up to the longer
 * session's last), one play and pause button and one speed, driving every replay open at once, so two
 * sessions side by side are always seen at the same round. Time is the page's; the frames are the panels'.
 */
import { freshId, h, setText } from "./dom.ts";
import { Playback, SPEEDS } from "./playback.ts";

/** The slider's words for a frame: "Start", "After round 3". */
export const frameName = (frame: number): string => (frame === 0 ? "Start" : `After round ${frame}`);

export class Timeline {
  readonly element: HTMLElement;
  private readonly range: HTMLInputElement;
  private readonly position = h("output", { class: "position" });
  private readonly playButton = h(
    "button",
    { type: "button", class: "secondary play", disabled: true },
    "Play",
  );
  private readonly speed: HTMLSelectElement;
  private playback: Playback | null = null;
  private readonly onFrame: (frame: number) => void;

  constructor(onFrame: (frame: number) => void) {
    this.onFrame = onFrame;
    const rangeId = freshId("timeline");
    const speedId = freshId("speed");
    this.range = h("input", {
      id: rangeId,
      type: "range",
      min: 0,
      max: 0,
      step: 1,
      value: 0,
      disabled: true,
      class: "timeline",
    });
    this.speed = h("select", { id: speedId, disabled: true, class: "speed" });
    for (const s of SPEEDS)
      this.speed.append(h("option", { value: s }, `${s}× (${s} round${s === 1 ? "" : "s"} a second)`));
    this.element = h(
      "div",
      { class: "timeline-bar" },
      h(
        "div",
        { class: "timeline-row" },
        h("label", { for: rangeId }, "Timeline"),
        this.range,
        this.position,
      ),
      h("div", { class: "play-row" }, this.playButton, h("label", { for: speedId }, "Speed"), this.speed),
    );
    this.range.addEventListener("input", () => this.playback?.seek(Number(this.range.value)));
    this.playButton.addEventListener("click", () => {
      const p = this.playback;
      if (!p) return;
      if (p.playing) p.pause();
      else p.play();
    });
    this.speed.addEventListener("change", () => this.playback?.setSpeed(Number(this.speed.value)));
  }

  /** Ready to play `frames` frames (the longest replay's); shows the first. */
  load(frames: number): void {
    this.playback?.stop();
    const p = new Playback(frames, () => this.show());
    this.playback = p;
    this.speed.value = String(p.speed);
    this.range.max = String(p.last);
    this.range.disabled = this.speed.disabled = this.playButton.disabled = false;
    this.show();
  }

  private show(): void {
    const p = this.playback;
    if (!p) return;
    const name = frameName(p.frame);
    this.range.value = String(p.frame);
    this.range.setAttribute("aria-valuetext", name);
    setText(this.position, `${name} of ${p.last}`);
    setText(this.playButton, p.playing ? "Pause" : "Play");
    this.onFrame(p.frame);
  }

  get hook(): { frame: number; last: number; playing: boolean } {
    const p = this.playback;
    return { frame: p?.frame ?? 0, last: p?.last ?? 0, playing: p?.playing ?? false };
  }

  get frame(): number {
    return this.playback?.frame ?? 0;
  }

  get playing(): boolean {
    return this.playback?.playing ?? false;
  }

  destroy(): void {
    this.playback?.stop();
  }
}
