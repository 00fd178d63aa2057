/**
 * The class board: what the projector shows and the teacher's live and replay views reuse. From a
 * ClassPicture it draws the class as a field of neurons and the class answer against the key (one Phaser
 * canvas), the convergence chart of the live class and its twin (uPlot), and the big moment of the last
 * round in words large enough for the back row. `show` may be called on every state patch: each part
 * redraws only when what it draws changed.
 */
import "./board.css";
import Phaser from "phaser";
import { classScore } from "../../../shared/engine/exam.ts";
import type { ClassPicture } from "../../../shared/session/picture.ts";
import type { BoardHook } from "../common/testHook.ts";
import { answerModel, sameAnswer } from "./answer.ts";
import { BACKGROUND, type BoardFrame, BoardScene, HEIGHT, WIDTH } from "./boardScene.ts";
import { type ChartStyle, ErrorChart } from "./chart.ts";
import { boardChart, chartKey, drawnPoints } from "./chartData.ts";
import { FrameWindow } from "./frameStats.ts";
import { closedRounds, type Moment, momentOf, roundClosed } from "./moment.ts";
import { createView, fillView, washOf } from "./neurons.ts";
import { fieldSummary } from "./words.ts";

export interface BoardOptions {
  /** For two boards side by side (replays): smaller words, a shorter chart. */
  readonly compact?: boolean;
}

const DARK_CHART: ChartStyle = {
  ink: "#e8edf5",
  grid: "rgba(255,255,255,0.12)",
  mark: "#e8edf5",
  criterion: "#a9b4c8",
  height: { wide: 340, narrow: 240 },
};
const COMPACT_CHART: ChartStyle = { ...DARK_CHART, height: { wide: 240, narrow: 200 } };
/** Frame samples kept: a few seconds at 60 frames a second. */
const WINDOW = 240;
/** Frames a second while something moves, and while the picture stands still. */
const ACTIVE_FPS = 60;
const IDLE_FPS = 4;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  parent: HTMLElement,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  parent.append(e);
  return e;
}

export class ClassBoard {
  private readonly root: HTMLElement;
  private readonly momentBox: HTMLElement;
  private readonly headline: HTMLElement;
  private readonly detail: HTMLElement;
  private readonly live: HTMLElement;
  private readonly canvasBox: HTMLElement;
  private readonly chart: ErrorChart;
  private readonly game: Phaser.Game;
  private readonly scene: BoardScene;
  private readonly work = new FrameWindow(WINDOW);
  private readonly interval = new FrameWindow(WINDOW);
  private stepStart = 0;
  private lastStep: number | null = null;
  private pace: "active" | "idle" = "active";

  private picture: ClassPicture | null = null;
  private moment: Moment | null = null;
  private chartShown = "";
  private livePoints = 0;
  private twinPoints = 0;
  /** What the scene draws from, changed in place by `show`; versions tell the scene what moved. */
  private readonly frame: { -readonly [K in keyof BoardFrame]: BoardFrame[K] } = {
    view: createView(0),
    layoutVersion: 0,
    paintVersion: 0,
    flashVersion: 0,
    wash: null,
    answer: { kind: "none" },
    answerVersion: 0,
  };
  private destroyed = false;

  constructor(parent: HTMLElement, options: BoardOptions = {}) {
    const compact = options.compact === true;
    this.root = el("section", compact ? "board board-compact" : "board", parent);
    this.root.setAttribute("aria-label", "Class board");
    this.momentBox = el("div", "board-moment", this.root);
    this.headline = el("p", "board-headline", this.momentBox);
    this.detail = el("p", "board-detail", this.momentBox);
    // One polite announcement per round: the headline and its score, read together.
    this.live = el("p", "board-live visually-hidden", this.root);
    this.live.setAttribute("aria-live", "polite");
    this.live.setAttribute("aria-atomic", "true");
    const stage = el("div", "board-stage", this.root);
    this.canvasBox = el("div", "board-canvas", stage);
    this.canvasBox.setAttribute("role", "img");
    this.canvasBox.setAttribute(
      "aria-label",
      "The class as a field of neurons, and its answer against the key",
    );
    const chartBox = el("figure", "board-chart-box", stage);
    const chartEl = el("div", "board-chart", chartBox);
    const caption = el("figcaption", "board-chart-note", chartBox);
    caption.textContent =
      "Class error after each round (log scale). Solid: the class and its twin class of bots; dashed: what the theory predicts; dotted: 95 % of the way to the key; a vertical line: the feedback changed.";
    this.chart = new ErrorChart(chartEl, compact ? COMPACT_CHART : DARK_CHART);
    const key = el("p", "board-key", this.root);
    key.textContent =
      "Each disc is a student (a square around it) or a bot: bigger and brighter is farther from the key; blue with an up arrow should go up, orange with a down arrow should come down. Rings: the last round's feedback, each student's own for personal signals, one wash for everyone's “Good job”.";
    this.scene = new BoardScene(
      () => this.frame,
      () => this.setPace("idle"),
    );
    this.game = new Phaser.Game({
      type: Phaser.AUTO,
      parent: this.canvasBox,
      width: WIDTH,
      height: HEIGHT,
      backgroundColor: BACKGROUND,
      banner: false,
      audio: { noAudio: true },
      fps: { limit: ACTIVE_FPS },
      // The board only shows: the page around it owns the keyboard and the pointer.
      input: { keyboard: false, mouse: false, touch: false, gamepad: false },
      scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_HORIZONTALLY },
      scene: this.scene,
    });
    this.game.events.on(Phaser.Core.Events.PRE_STEP, () => {
      const now = performance.now();
      // Intervals count only between frames at full rate: an idle board waits on purpose.
      if (this.lastStep !== null && this.pace === "active") this.interval.push(now - this.lastStep);
      this.lastStep = this.pace === "active" ? now : null;
      this.stepStart = now;
    });
    this.game.events.on(Phaser.Core.Events.POST_RENDER, () => {
      this.work.push(performance.now() - this.stepStart);
    });
    // A hidden tab pauses the loop: the gap is no frame interval.
    this.game.events.on(Phaser.Core.Events.HIDDEN, () => {
      this.lastStep = null;
    });
    this.renderMoment();
  }

  /**
   * Full rate while something changes, a few frames a second otherwise. Phaser restarts its loop to
   * change the rate, which must not happen inside one of its own frames (two loops would run): so later.
   */
  private setPace(pace: "active" | "idle"): void {
    if (pace === this.pace) return;
    this.pace = pace;
    setTimeout(() => {
      if (this.pace === pace && !this.destroyed)
        this.game.loop.setFPSLimit(pace === "active" ? ACTIVE_FPS : IDLE_FPS);
    }, 0);
  }

  /** Cheap to call on every state patch; redraws what changed. */
  show(picture: ClassPicture): void {
    const before = this.picture;
    this.picture = picture;
    const f = this.frame;
    const versions = f.layoutVersion + f.paintVersion + f.flashVersion + f.answerVersion;
    const seats = picture.seats;
    if (seats.length !== f.view.distance.length) {
      f.view = createView(seats.length);
      f.layoutVersion++;
    }
    if (fillView(f.view, seats, picture.creditUnit)) {
      f.paintVersion++;
      const summary = fieldSummary(seats);
      if (this.canvasBox.getAttribute("aria-label") !== summary)
        this.canvasBox.setAttribute("aria-label", summary);
    }
    f.wash = washOf(seats);
    if (roundClosed(before, picture)) f.flashVersion++;
    const answer = answerModel(picture);
    if (!sameAnswer(answer, f.answer)) {
      f.answer = answer;
      f.answerVersion++;
    }
    if (f.layoutVersion + f.paintVersion + f.flashVersion + f.answerVersion !== versions)
      this.setPace("active");
    const key = chartKey(picture);
    if (key !== this.chartShown) {
      this.chartShown = key;
      this.chart.show(boardChart(picture));
      this.livePoints = drawnPoints(picture.chart.errors);
      this.twinPoints = drawnPoints(picture.chart.twinErrors);
    }
    const moment = momentOf(picture);
    if (moment?.headline !== this.moment?.headline || moment?.detail !== this.moment?.detail) {
      this.moment = moment;
      this.renderMoment();
    }
  }

  private renderMoment(): void {
    const m = this.moment;
    this.momentBox.dataset.tone = m ? m.tone : "none";
    this.headline.textContent = m ? m.headline : "Waiting for the first round";
    this.detail.textContent = m ? m.detail : "The class's feedback shows here after each round.";
    this.live.textContent = m ? `${m.headline}. ${m.detail}.` : "";
  }

  get hook(): BoardHook {
    const p = this.picture;
    const errors = p?.chart.errors ?? [];
    const n = closedRounds(p);
    return {
      round: p?.round ?? 0,
      phase: p?.phase ?? "lobby",
      neurons: p?.seats.length ?? 0,
      livePoints: this.livePoints,
      twinPoints: this.twinPoints,
      score: n > 0 && Number.isFinite(errors[n - 1]) ? classScore(errors[n - 1]) : null,
      moment: this.moment?.headline ?? null,
      frames: this.scene.frames,
      frameMs: this.work.stats(),
      frameIntervalMs: this.interval.stats(),
    };
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.chart.destroy();
    this.game.destroy(true);
    this.root.remove();
  }
}
