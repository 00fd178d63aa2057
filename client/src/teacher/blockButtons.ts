/**
 * The mouse experiment's switch on the dashboard: on a grating session only, four buttons that block the
 * neurons' dendritic signals (everyone's, the push population's, the pull population's) or unblock them,
 * so the teacher can stop the class's learning with one click and watch it resume. Each button sends the
 * ordinary `scheme` message (from the next round), so the log records exactly whose signals were blocked.
 *
 * The pure part (which config a button sends, which button the state's scheme is) is `blockView` and
 * `blockConfig`, unit-tested; `BlockButtons` only draws them and sends.
 */
import type { Blocking } from "../../../shared/engine/mouse.ts";
import { schemeLabel } from "../../../shared/protocol/schemeWords.ts";
import type { SchemeConfig } from "../../../shared/protocol/session.ts";
import type { PopulationPicture } from "../../../shared/session/populations.ts";
import { parsePopulations } from "../../../shared/session/populations.ts";
import type { Send } from "./controls.ts";
import { h, setText } from "./dom.ts";
import { schemeFrom, type TeacherState } from "./liveState.ts";

/** The buttons in the order they are shown: the one that lets the class learn first. */
export const BLOCK_CHOICES: readonly Blocking[] = ["none", "everyone", "push", "pull"];

export const BLOCK_LABELS: Record<Blocking, string> = {
  none: "Unblock every signal",
  everyone: "Block every signal",
  push: "Block the push population",
  pull: "Block the pull population",
};

/** What the line for the last action says after a click (the switch applies from the next round). */
export const BLOCK_SAID: Record<Blocking, string> = {
  none: "You unblocked every signal from the next round: each neuron hears its personal signal.",
  everyone: "You blocked every signal from the next round: no neuron is told anything.",
  push: "You blocked the push population's signals from the next round: the pull population learns alone.",
  pull: "You blocked the pull population's signals from the next round: the push population learns alone.",
};

/** How each choice reads after "Now:" or "From the next round:". */
const STATE_WORDS: Record<Blocking, string> = {
  none: "every signal heard",
  everyone: "every signal blocked",
  push: "the push population's signals blocked",
  pull: "the pull population's signals blocked",
};

/**
 * The scheme config a button sends. A population's share is informational (the engine blocks by
 * population); it is that population's share of the seats in play when the state says, else one half.
 */
export function blockConfig(choice: Blocking, populations: readonly PopulationPicture[] = []): SchemeConfig {
  if (choice === "none") return { name: "vectorized" };
  if (choice === "everyone") return { name: "blocked", blockedFraction: 1 };
  const total = populations.reduce((n, p) => n + p.seated, 0);
  const mine = populations.find((p) => p.population === choice)?.seated ?? 0;
  return { name: "blocked", blockedFraction: total > 0 ? mine / total : 0.5, population: choice };
}

/** Which button a scheme is, or null for a scheme none of them sends (the teacher chose it in Settings). */
export function blockingOf(scheme: SchemeConfig | null): Blocking | null {
  if (!scheme) return null;
  if (scheme.name === "vectorized") return "none";
  if (scheme.name !== "blocked") return null;
  if (scheme.population) return scheme.population;
  return scheme.blockedFraction === 1 ? "everyone" : null;
}

export interface BlockButtonView {
  readonly choice: Blocking;
  readonly label: string;
  /** The class hears this now. */
  readonly now: boolean;
  /** The class will hear this from the next round (the teacher has switched to it). */
  readonly next: boolean;
  /** What the next round will use: the one the teacher's last click (or the session) chose. */
  readonly pressed: boolean;
}

export interface BlockView {
  readonly buttons: readonly BlockButtonView[];
  /** "Now: another scheme, global.", or "" when a button is the scheme now (its mark says so). */
  readonly nowLine: string;
  /** "From the next round: every signal heard.", or "" when the next round keeps the scheme. */
  readonly nextLine: string;
}

/** What the fieldset shows for the scheme now and the one switched to for the next round (if any). */
export function blockView(now: SchemeConfig | null, next: SchemeConfig | null): BlockView {
  const nowChoice = blockingOf(now);
  const nextChoice = next ? blockingOf(next) : null;
  const coming = next ? nextChoice : nowChoice;
  const words = (s: SchemeConfig, choice: Blocking | null): string =>
    choice ? STATE_WORDS[choice] : `another scheme, ${schemeLabel(s)}`;
  return {
    buttons: BLOCK_CHOICES.map((choice) => ({
      choice,
      label: BLOCK_LABELS[choice],
      now: choice === nowChoice,
      next: next !== null && choice === nextChoice && choice !== nowChoice,
      pressed: choice === coming,
    })),
    // A button's "in force" already says the scheme now; the line is for a scheme no button sends.
    nowLine: now && !nowChoice ? `Now: ${words(now, nowChoice)}.` : "",
    nextLine:
      next && (nextChoice === null || nextChoice !== nowChoice)
        ? `From the next round: ${words(next, nextChoice)}.`
        : "",
  };
}

/** The fieldset "The neurons' signals", kept in line with the state by `update`. */
export class BlockButtons {
  readonly element: HTMLElement;
  private readonly buttons = new Map<Blocking, { button: HTMLButtonElement; mark: HTMLElement }>();
  private readonly nowLine = h("p", { class: "block-now", id: "block-now" });
  private readonly nextLine = h("p", { class: "block-next", id: "block-next" });
  private populations: PopulationPicture[] = [];

  constructor(send: Send, say: (text: string) => void) {
    const row = h("div", { class: "block-buttons" });
    for (const choice of BLOCK_CHOICES) {
      const mark = h("span", { class: "block-mark" });
      const button = h(
        "button",
        { type: "button", class: "secondary", id: `block-${choice}`, "aria-pressed": "false" },
        h("span", {}, BLOCK_LABELS[choice]),
        // A space, so the button's name reads "Block every signal in force" (flex drops it from the layout).
        " ",
        mark,
      );
      button.addEventListener("click", () => {
        send("scheme", { scheme: blockConfig(choice, this.populations) });
        say(BLOCK_SAID[choice]);
      });
      this.buttons.set(choice, { button, mark });
      row.append(button);
    }
    this.element = h(
      "fieldset",
      { class: "block-signals", id: "block-signals" },
      h("legend", {}, "The neurons' signals"),
      row,
      this.nowLine,
      this.nextLine,
    );
  }

  update(state: TeacherState, usable: boolean): void {
    this.populations = parsePopulations(state.populations);
    const view = blockView(schemeFrom(state.scheme), schemeFrom(state.nextScheme));
    const off = !usable || state.phase === "ended";
    for (const b of view.buttons) {
      const el = this.buttons.get(b.choice);
      if (!el) continue;
      el.button.disabled = off;
      el.button.setAttribute("aria-pressed", String(b.pressed));
      // The mark is a word, not a colour: the teacher at the back of the room reads which is on.
      setText(el.mark, b.now ? "in force" : b.next ? "next round" : "");
    }
    setText(this.nowLine, view.nowLine);
    setText(this.nextLine, view.nextLine);
  }
}
