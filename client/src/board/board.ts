/**
 * The class board: what the projector shows and the teacher's live and replay views reuse. From a
 * ClassPicture it draws the class as a field of neurons and the class answer against the key (one Phaser
 * canvas), the convergence chart of the live class and its twin by scheme (uPlot, with a legend of its own),
 * and the big moment of the last round in words large enough for the back row. It draws whatever picture it
 * is given: the projector hands it the wall's picture (no names, and under a scalar scheme no key), the
 * teacher the full one. `show` may be called on every state patch: each part redraws only when what it draws
 * changed.
 */
import "./board.css";
import Phaser from "phaser";
import { classScore } from "../../../shared/engine/exam.ts";
import type { ClassPicture } from "../../../shared/session/picture.ts";
import { heardUnderOf, wallIsBlind } from "../../../shared/session/wall.ts";
import type { BoardHook } from "../common/testHook.ts";
import { type AnswerModel, answerModel, sameAnswer } from "./answer.ts";
import { BACKGROUND, type BoardFrame, BoardScene, HEIGHT, NAMES_UP_TO, WIDTH } from "./boardScene.ts";
import { type ChartStyle, ErrorChart } from "./chart.ts";
import {
  boardChart,
  type ChartOptions,
  type ChartScale,
  chartKey,
  drawnPoints,
  legendOf,
} from "./chartData.ts";
import { FrameWindow } from "./frameStats.ts";
import { ChartLegend } from "./legend.ts";
import { closedRounds, type Moment, momentOf, roundClosed } from "./moment.ts";
import { createView, fillView, KIND, washOf } from "./neurons.ts";
import {
  CHART_WORDS,
  CRITERION_WORDS,
  type FieldShows,
  fieldKey,
  fieldSummary,
  THEORY_NOTE,
  THEORY_PREFIX,
} from "./words.ts";

export type { ChartScale } from "./chartData.ts";

export interface BoardOptions {
  /** For two boards side by side (replays): smaller words, a shorter chart. */
  readonly compact?: boolean;
  /** The chart's y axis: the class score 0–100 (the default) or the class error on a log scale. */
  readonly chartScale?: ChartScale;
  /**
   * The board fills its parent's height (the projector: the page gives it the screen below its bar) instead of
   * growing with its width.
   */
  readonly fill?: boolean;
}

const CRITERION_INK = "#c8d0da";
const DARK_CHART: ChartStyle = {
  ink: "#e8edf5",
  grid: "rgba(255,255,255,0.16)",
  mark: "#e8edf5",
  criterion: CRITERION_INK,
  height: { wide: 340, narrow: 240 },
  legend: false,
  markBand: true,
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

/** What the field's discs show (see fieldKey): the wall before the reveal shows only what each seat heard. */
function fieldShows(p: ClassPicture): FieldShows {
  if (p.view !== "wall" || !wallIsBlind(p)) return "key";
  if (p.seats.some((s) => Number.isFinite(s.credit))) return "heard";
  return heardUnderOf(p) === "blocked-all" ? "blocked" : "nothing";
}

/** Whether an answer panel shows the key. */
function showsKey(a: AnswerModel): boolean {
  if (a.kind === "strip") return a.targets.length > 0;
  if (a.kind === "grating") return a.target !== null;
  return a.kind === "plane" || a.kind === "bars";
}

function gratingHook(a: AnswerModel): BoardHook["grating"] {
  if (a.kind !== "grating") return null;
  return { angle: a.angle, target: a.target, populations: a.populations };
}

export class ClassBoard {
  private readonly root: HTMLElement;
  private readonly momentBox: HTMLElement;
  private readonly headline: HTMLElement;
  private readonly detail: HTMLElement;
  private readonly live: HTMLElement;
  private readonly canvasBox: HTMLElement;
  private readonly chartTitle: HTMLElement;
  private readonly chart: ErrorChart;
  private readonly legend: ChartLegend;
  private readonly fieldNote: HTMLElement;
  private readonly game: Phaser.Game;
  private readonly scene: BoardScene;
  private readonly work = new FrameWindow(WINDOW);
  private readonly interval = new FrameWindow(WINDOW);
  private stepStart = 0;
  private lastStep: number | null = null;
  private pace: "active" | "idle" = "active";

  private picture: ClassPicture | null = null;
  private moment: Moment | null = null;
  private chartOptions: ChartOptions;
  private chartShown = "";
  private marks: readonly { readonly round: number; readonly label: string }[] = [];
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
    this.chartOptions = { scale: options.chartScale ?? "score", rounds: null };
    const classes = ["board", compact ? "board-compact" : "", options.fill ? "board-fill" : ""];
    this.root = el("section", classes.filter((c) => c !== "").join(" "), parent);
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
    this.chartTitle = el("figcaption", "board-chart-title", chartBox);
    const chartEl = el("div", "board-chart", chartBox);
    this.legend = new ChartLegend(chartBox);
    const base = compact ? COMPACT_CHART : DARK_CHART;
    this.chart = new ErrorChart(chartEl, {
      ...base,
      fill: options.fill === true,
      // The chart's words are as big as the board's own (its CSS sets them for the room).
      fontPx: () => Number.parseFloat(getComputedStyle(chartEl).fontSize) || 14,
    });
    this.fieldNote = el("p", "board-key", this.root);
    this.fieldNote.textContent = fieldKey("key");
    this.renderChartWords();
    this.scene = new BoardScene(
      () => this.frame,
      () => this.setPace("idle"),
      // A compact board's names would be a few pixels tall: the roster beside it names everyone.
      compact ? 0 : NAMES_UP_TO,
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
    this.renderChart();
    const note = fieldKey(fieldShows(picture));
    if (this.fieldNote.textContent !== note) this.fieldNote.textContent = note;
    const moment = momentOf(picture);
    if (moment?.headline !== this.moment?.headline || moment?.detail !== this.moment?.detail) {
      this.moment = moment;
      this.renderMoment();
    }
  }

  /** The chart's y axis: the class score (0–100, the default) or the class error on a log scale. */
  setChartScale(scale: ChartScale): void {
    if (scale === this.chartOptions.scale) return;
    this.chartOptions = { ...this.chartOptions, scale };
    this.renderChartWords();
    this.renderChart();
  }

  /** Fixes the chart's x axis to rounds 1..lastRound (boards side by side share it); null fits the data. */
  setRoundAxis(lastRound: number | null): void {
    const rounds =
      lastRound !== null && Number.isFinite(lastRound) && lastRound >= 1 ? Math.floor(lastRound) : null;
    if (rounds === this.chartOptions.rounds) return;
    this.chartOptions = { ...this.chartOptions, rounds };
    this.renderChart();
  }

  private renderChartWords(): void {
    this.chartTitle.textContent = CHART_WORDS[this.chartOptions.scale].title;
  }

  private renderChart(): void {
    const p = this.picture;
    if (!p) return;
    const key = chartKey(p, this.chartOptions);
    if (key === this.chartShown) return;
    this.chartShown = key;
    const data = boardChart(p, this.chartOptions);
    this.chart.show(data);
    this.marks = (data.marks ?? []).map((m) => ({ round: m.round, label: m.label }));
    // The criterion is named in the legend, not on the plot: beside its line it hid where the curves end.
    const theory = data.lines.some((l) => l.label.startsWith(THEORY_PREFIX));
    const note = data.criterion !== null ? `Grey dotted line: ${CRITERION_WORDS}.` : "";
    this.legend.show(
      legendOf(p),
      [note, theory ? THEORY_NOTE : ""].filter((t) => t !== "").join(" ") || null,
    );
    this.livePoints = drawnPoints(p.chart.errors);
    this.twinPoints = drawnPoints(p.chart.twinErrors);
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
    const view = this.frame.view;
    let directions = 0;
    let lit = 0;
    for (let i = 0; i < view.direction.length; i++) {
      if (view.direction[i] !== 0) directions++;
      if (view.distance[i] > 0) lit++;
    }
    const names =
      view.names.length <= NAMES_UP_TO
        ? view.names.filter((name, i) => name !== "" && view.kind[i] !== KIND.bot)
        : [];
    const canvas = this.game.canvas;
    const shownScale = canvas && canvas.clientWidth > 0 ? canvas.clientWidth / WIDTH : 0;
    const sceneFont = this.scene.smallestFont * shownScale;
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
      legend: p
        ? legendOf(p).map((e) => ({ side: e.side, scheme: e.scheme, rounds: e.rounds, text: e.text }))
        : [],
      marks: this.marks,
      chartScale: this.chartOptions.scale,
      roundAxis: this.chartOptions.rounds,
      names,
      directions,
      lit,
      answer: this.frame.answer.kind,
      keyShown: showsKey(this.frame.answer),
      grating: gratingHook(this.frame.answer),
      fieldNote: this.fieldNote.textContent ?? "",
      minCanvasFontPx:
        Number.isFinite(sceneFont) && sceneFont > 0 ? Math.min(sceneFont, this.chart.minFontPx) : null,
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
