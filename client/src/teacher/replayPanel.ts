/**
 * One session's replay: its log fetched with the teacher's token and folded by the shared session core into
 * one class picture per moment (every round checked against its stored checksum), shown on the same board
 * as the projector, with a timeline, play and pause, a speed, the frame's class score and the comparison
 * as it stood then, and the session's exports.
 */
import { classScore } from "../../../shared/engine/exam.ts";
import { schemeLabel } from "../../../shared/protocol/schemeWords.ts";
import { compareClasses } from "../../../shared/session/comparison.ts";
import type { ClassPicture } from "../../../shared/session/picture.ts";
import { replayFrames } from "../../../shared/session/replayFrames.ts";
import { ReplayMismatch } from "../../../shared/session/session.ts";
import { ClassBoard } from "../board/board.ts";
import type { BoardHook, ReplayHook } from "../common/testHook.ts";
import { exportFile, sessionDetail, sessionEvents } from "./api.ts";
import { freshId, h, setText } from "./dom.ts";
import { saveBlob } from "./download.ts";
import { Playback, SPEEDS } from "./playback.ts";
import { keptSession } from "./store.ts";
import { dateText, scoreText } from "./words.ts";

/** The class score in a frame (the last closed round's), or null before the first round. */
export function frameScore(frame: ClassPicture): { live: number | null; twin: number | null } {
  const { errors, twinErrors } = frame.chart;
  const n = errors.length;
  return n === 0
    ? { live: null, twin: null }
    : { live: classScore(errors[n - 1]), twin: classScore(twinErrors[n - 1]) };
}

const frameName = (frame: ClassPicture, index: number): string =>
  index === 0 ? "Start" : `After round ${frame.round}`;

export class ReplayPanel {
  readonly element: HTMLElement;
  private readonly id: string;
  private readonly onChange: () => void;
  private readonly status = h("p", { class: "replay-status", role: "status" }, "Loading the session…");
  private readonly title: HTMLElement;
  private readonly boardBox = h("div", { class: "board-box" });
  private readonly range: HTMLInputElement;
  private readonly position = h("output", { class: "position" });
  private readonly playButton = h("button", { type: "button", class: "secondary play" }, "Play");
  private readonly speed: HTMLSelectElement;
  private readonly score = h("p", { class: "score-line" });
  private readonly comparison = h("p", { class: "comparison" });
  private readonly exports: HTMLElement;
  private readonly board: ClassBoard;
  private frames: ClassPicture[] = [];
  private playback: Playback | null = null;
  private error: string | null = null;
  private ended = false;
  private destroyed = false;

  constructor(id: string, compact: boolean, onChange: () => void) {
    this.id = id;
    this.onChange = onChange;
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
    this.speed = h("select", { id: speedId, disabled: true });
    for (const s of SPEEDS) {
      const option = h("option", { value: s }, `${s}× (${s} round${s === 1 ? "" : "s"} a second)`);
      this.speed.append(option);
    }
    this.title = h("h3", { class: "replay-title" }, `Session ${id}`);
    const csv = h("button", { type: "button", class: "secondary export-csv" }, "Download CSV");
    const json = h("button", { type: "button", class: "secondary export-json" }, "Download JSON");
    csv.addEventListener("click", () => void this.download("csv"));
    json.addEventListener("click", () => void this.download("json"));
    this.exports = h("div", { class: "exports" }, csv, json);
    this.element = h(
      "article",
      { class: "replay-panel", "data-session": id },
      this.title,
      this.status,
      this.score,
      this.boardBox,
      h(
        "div",
        { class: "timeline-row" },
        h("label", { for: rangeId }, "Timeline"),
        this.range,
        this.position,
      ),
      h("div", { class: "play-row" }, this.playButton, h("label", { for: speedId }, "Speed"), this.speed),
      this.comparison,
      this.exports,
    );
    this.board = new ClassBoard(this.boardBox, { compact });
    this.range.addEventListener("input", () => this.playback?.seek(Number(this.range.value)));
    this.playButton.addEventListener("click", () => {
      const p = this.playback;
      if (!p) return;
      if (p.playing) p.pause();
      else p.play();
    });
    this.speed.addEventListener("change", () => this.playback?.setSpeed(Number(this.speed.value)));
    void this.load();
  }

  private fail(message: string): void {
    this.error = message;
    this.status.textContent = message;
    this.status.classList.add("error");
    this.onChange();
  }

  private async load(): Promise<void> {
    const kept = keptSession(this.id);
    if (!kept) return this.fail("This browser holds no key for this session.");
    const [detail, events] = await Promise.all([
      sessionDetail(this.id, kept.teacherToken),
      sessionEvents(this.id, kept.teacherToken),
    ]);
    if (this.destroyed) return;
    if (detail.ok) {
      const d = detail.value;
      const schemes = [...new Set(d.results.map((r) => schemeLabel(r.scheme)))];
      setText(
        this.title,
        `${dateText(d.createdAt)} · code ${d.code} · ${schemes.length ? schemes.join(" then ") : schemeLabel(d.config.scheme)}`,
      );
      this.ended = d.status !== "live";
    }
    if (!events.ok) return this.fail(events.error);
    try {
      this.frames = replayFrames(events.value.map((e) => e.event));
    } catch (e) {
      if (e instanceof ReplayMismatch)
        return this.fail(
          `This log does not replay: round ${e.round} comes out different from the round that was played (${e.message}).`,
        );
      return this.fail(`This log could not be replayed: ${e instanceof Error ? e.message : String(e)}.`);
    }
    const rounds = this.frames.length - 1;
    this.status.textContent = `${rounds} round${rounds === 1 ? "" : "s"}, every one replayed and checked against the log.`;
    this.playback = new Playback(this.frames.length, () => this.showFrame());
    this.speed.value = String(this.playback.speed);
    this.range.max = String(this.playback.last);
    this.range.disabled = this.speed.disabled = false;
    this.showFrame();
  }

  private showFrame(): void {
    const p = this.playback;
    if (!p || this.destroyed) return;
    const frame = this.frames[p.frame];
    this.board.show(frame);
    const name = frameName(frame, p.frame);
    this.range.value = String(p.frame);
    this.range.setAttribute("aria-valuetext", name);
    setText(this.position, `${name} of ${this.frames.length - 1}`);
    setText(this.playButton, p.playing ? "Pause" : "Play");
    const score = frameScore(frame);
    setText(
      this.score,
      score.live === null
        ? "Before the first round."
        : `Class score ${scoreText(score.live)} · twin class ${scoreText(score.twin)}`,
    );
    const compared = compareClasses(frame.chart, {
      live: frame.scheme,
      twin: frame.twinScheme,
      over: this.ended && p.frame === p.last,
    });
    setText(this.comparison, compared?.sentence ?? "");
    this.onChange();
  }

  private async download(kind: "csv" | "json"): Promise<void> {
    const kept = keptSession(this.id);
    if (!kept) return this.fail("This browser holds no key for this session.");
    const file = await exportFile(this.id, kept.teacherToken, kind);
    if (!file.ok) {
      this.status.textContent = file.error;
      return;
    }
    saveBlob(file.value.blob, file.value.fileName);
  }

  get boardHook(): BoardHook {
    return this.board.hook;
  }

  get comparisonText(): string | null {
    return this.comparison.textContent || null;
  }

  get hook(): ReplayHook {
    const p = this.playback;
    const frame = p ? this.frames[p.frame] : null;
    return {
      sessionId: this.id,
      frame: p?.frame ?? 0,
      frames: this.frames.length,
      round: frame?.round ?? 0,
      score: frame ? frameScore(frame).live : null,
      playing: p?.playing ?? false,
      error: this.error,
    };
  }

  destroy(): void {
    this.destroyed = true;
    this.playback?.stop();
    this.board.destroy();
  }
}
