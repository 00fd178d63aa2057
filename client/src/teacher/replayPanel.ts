/**
 * One session's replay: its log fetched with the teacher's token and folded by the shared session core into
 * one class picture per moment (every round checked against its stored checksum), shown on the same board
 * as the projector, with the frame's class score, the comparison as it stood then, and the session's
 * exports (per round, per student and round, the whole log as JSON). Which frame shows is the timeline's
 * (timeline.ts): one for the view, so two replays side by side are always at the same round.
 */
import { classScore } from "../../../shared/engine/exam.ts";
import { schemeLabel } from "../../../shared/protocol/schemeWords.ts";
import { compareClasses } from "../../../shared/session/comparison.ts";
import type { ClassPicture } from "../../../shared/session/picture.ts";
import { replayFrames } from "../../../shared/session/replayFrames.ts";
import { ReplayMismatch } from "../../../shared/session/session.ts";
import { wallPicture } from "../../../shared/session/wall.ts";
import { ClassBoard } from "../board/board.ts";
import type { BoardHook, ReplayHook } from "../common/testHook.ts";
import { type ExportKind, exportFile, sessionDetail, sessionEvents } from "./api.ts";
import { type ChartScale, keptScale } from "./chartScale.ts";
import { freshId, h, setText } from "./dom.ts";
import { saveBlob } from "./download.ts";
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

const EXPORTS: readonly { kind: ExportKind; label: string; className: string }[] = [
  { kind: "csv", label: "Rounds (CSV)", className: "export-csv" },
  { kind: "students", label: "Students, round by round (CSV)", className: "export-students" },
  { kind: "json", label: "Everything (JSON)", className: "export-json" },
];

export class ReplayPanel {
  readonly element: HTMLElement;
  /** Where a single replay puts the timeline: under its board. */
  readonly timelineSlot = h("div", { class: "timeline-slot" });
  private readonly id: string;
  private readonly onChange: () => void;
  private readonly onLoaded: () => void;
  private readonly playing: () => boolean;
  private readonly status = h("p", { class: "replay-status", role: "status" }, "Loading the session…");
  private readonly title: HTMLElement;
  private readonly boardBox = h("div", { class: "board-box dash-board" });
  private readonly position = h("p", { class: "panel-position" });
  private readonly score = h("p", { class: "score-line" });
  private readonly comparison = h("p", { class: "comparison" });
  private readonly exports: HTMLElement;
  private readonly board: ClassBoard;
  /**
   * Whether the board shows the moment as the wall showed it (no names, no key before the reveal): a replay
   * projected after class must not show who was far from the key. Off: the teacher's own full picture.
   */
  private readonly asWall = h("input", { type: "checkbox", id: freshId("as-wall"), class: "as-wall" });
  private frames: ClassPicture[] = [];
  private shown = 0;
  private error: string | null = null;
  private ended = false;
  private destroyed = false;

  constructor(id: string, options: { onChange: () => void; onLoaded: () => void; playing: () => boolean }) {
    this.id = id;
    this.onChange = options.onChange;
    this.onLoaded = options.onLoaded;
    this.playing = options.playing;
    this.title = h("h3", { class: "replay-title" }, `Session ${id}`);
    const buttons = EXPORTS.map(({ kind, label, className }) => {
      const b = h("button", { type: "button", class: `secondary small ${className}` }, label);
      b.addEventListener("click", () => void this.download(kind));
      return b;
    });
    this.exports = h(
      "div",
      { class: "exports" },
      h("span", { class: "exports-label" }, "Download:"),
      ...buttons,
    );
    this.element = h(
      "article",
      { class: "replay-panel", "data-session": id },
      h("div", { class: "panel-head" }, this.title, this.status),
      h("div", { class: "panel-line" }, this.position, this.score),
      // As on the live view: the sentence above the board, so it is read before anything scrolls.
      this.comparison,
      this.boardBox,
      this.timelineSlot,
      h(
        "div",
        { class: "check as-wall-row" },
        this.asWall,
        h(
          "label",
          { for: this.asWall.id },
          "As the wall showed it: no names, no key before the reveal (for projecting)",
        ),
      ),
      this.exports,
    );
    this.asWall.checked = true;
    this.asWall.addEventListener("change", () => this.showAt(this.shown));
    this.board = new ClassBoard(this.boardBox, { compact: true, chartScale: keptScale() });
    void this.load();
  }

  private fail(message: string): void {
    this.error = message;
    this.status.textContent = message;
    this.status.classList.add("error");
    this.onChange();
    this.onLoaded();
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
    const rounds = this.rounds;
    this.status.textContent = `${rounds} round${rounds === 1 ? "" : "s"}, every one replayed and checked against the log.`;
    this.showAt(0);
    this.onLoaded();
  }

  /** Closed rounds in the session (its frames are the start and one after each). */
  get rounds(): number {
    return Math.max(0, this.frames.length - 1);
  }

  get loaded(): boolean {
    return this.frames.length > 0 || this.error !== null;
  }

  /** Shows the timeline's frame, or this session's last one when it ended earlier than the other's. */
  showAt(at: number): void {
    if (this.destroyed || this.frames.length === 0) return;
    const index = Math.min(Math.max(0, at), this.frames.length - 1);
    this.shown = index;
    const frame = this.frames[index];
    this.board.show(this.asWall.checked ? wallPicture(frame) : frame);
    setText(
      this.position,
      at > this.rounds
        ? `Over after round ${this.rounds}`
        : index === 0
          ? "Start"
          : `After round ${frame.round}`,
    );
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
      over: this.ended && index === this.rounds,
      exam: frame.exam,
    });
    setText(this.comparison, compared?.sentence ?? "");
    this.onChange();
  }

  /** Both boards of a comparison draw the same rounds across. */
  setRoundAxis(lastRound: number | null): void {
    this.board.setRoundAxis(lastRound);
  }

  setChartScale(scale: ChartScale): void {
    this.board.setChartScale(scale);
  }

  private async download(kind: ExportKind): Promise<void> {
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
    const frame = this.frames[this.shown] ?? null;
    return {
      sessionId: this.id,
      frame: this.shown,
      frames: this.frames.length,
      round: frame?.round ?? 0,
      score: frame ? frameScore(frame).live : null,
      playing: this.playing(),
      error: this.error,
    };
  }

  destroy(): void {
    this.destroyed = true;
    this.board.destroy();
  }
}
