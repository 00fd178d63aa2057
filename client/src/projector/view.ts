/**
 * The projector page's HTML around the board: the lobby (a big code, the join URL and its QR code, the
 * students' names as they join), the bar over the board during rounds (round, big countdown, submissions,
 * what happens next, and a corner with the code, URL and a small QR for late joiners), the comparison line,
 * the presenter's key, the end's summary, the connection's status, and the problems that stop the page.
 * Text is written only when it changes.
 */
import { element } from "../join/dom.ts";
import type { EndSummary } from "./endSummary.ts";
import { qrSvg } from "./qr.ts";
import type { WallModel } from "./wallModel.ts";
import { moreNames, type Problem } from "./words.ts";

const put = (el: HTMLElement, text: string): void => {
  if (el.textContent !== text) el.textContent = text;
};

/** Writes `text`, and hides the element when there is none. */
const line = (el: HTMLElement, text: string | null): void => {
  put(el, text ?? "");
  el.hidden = text === null || text === "";
};

export type Screen = "loading" | "lobby" | "round" | "review" | "ended" | "problem";

export class ProjectorView {
  readonly boardHost = element("board-host", HTMLElement);
  private readonly status = element("status", HTMLParagraphElement);
  private readonly problem = element("problem", HTMLElement);
  private readonly problemTitle = element("problem-title", HTMLHeadingElement);
  private readonly problemText = element("problem-text", HTMLParagraphElement);
  private readonly lobby = element("lobby", HTMLElement);
  private readonly lobbyCode = element("lobby-code", HTMLParagraphElement);
  private readonly lobbyUrl = element("lobby-url", HTMLElement);
  private readonly lobbyCount = element("lobby-count", HTMLParagraphElement);
  private readonly lobbyNames = element("lobby-names", HTMLUListElement);
  private readonly lobbyMore = element("lobby-more", HTMLParagraphElement);
  private readonly qr = element("qr", HTMLDivElement);
  private readonly bar = element("bar", HTMLElement);
  private readonly round = element("round", HTMLParagraphElement);
  private readonly clock = element("clock", HTMLParagraphElement);
  private readonly submitted = element("submitted", HTMLParagraphElement);
  private readonly next = element("next", HTMLParagraphElement);
  private readonly cornerCode = element("corner-code", HTMLElement);
  private readonly cornerUrl = element("corner-url", HTMLElement);
  private readonly cornerQr = element("corner-qr", HTMLDivElement);
  private readonly end = element("end", HTMLElement);
  private readonly ended = element("ended", HTMLParagraphElement);
  private readonly endHeadline = element("end-headline", HTMLParagraphElement);
  private readonly endFacts = element("end-facts", HTMLUListElement);
  private readonly endReveal = element("end-reveal", HTMLParagraphElement);
  private readonly comparison = element("comparison", HTMLParagraphElement);
  private readonly hint = element("hint", HTMLParagraphElement);
  private screen: Screen = "loading";
  private names: readonly string[] = [];
  private namesKey = "";
  private facts = "";

  show(screen: Screen): void {
    if (screen === this.screen) return;
    this.screen = screen;
    const board = screen === "round" || screen === "review" || screen === "ended";
    this.problem.hidden = screen !== "problem";
    this.lobby.hidden = screen !== "lobby";
    this.bar.hidden = screen !== "round" && screen !== "review";
    this.end.hidden = screen !== "ended";
    this.boardHost.hidden = !board;
    if (!board) {
      this.comparison.hidden = true;
      this.endReveal.hidden = true;
    }
    document.body.dataset.screen = screen;
  }

  get current(): Screen {
    return this.screen;
  }

  /** The names the lobby shows, newest first. */
  get shownNames(): readonly string[] {
    return this.names;
  }

  showProblem(p: Problem): void {
    put(this.problemTitle, p.title);
    put(this.problemText, p.text);
    this.hint.hidden = true;
    this.show("problem");
  }

  setCode(code: string): void {
    put(this.lobbyCode, code);
    put(this.cornerCode, code);
    this.lobbyCode.setAttribute("aria-label", `Join code: ${[...code].join(" ")}`);
  }

  setJoinUrl(url: string): void {
    // The URL without its scheme reads better from the back of the room; the QR code holds it whole.
    const shown = url.replace(/^https?:\/\//, "");
    put(this.lobbyUrl, shown);
    put(this.cornerUrl, shown);
    this.qr.replaceChildren(qrSvg(url, `QR code that opens ${url}`));
    this.qr.dataset.url = url;
    this.cornerQr.replaceChildren(qrSvg(url, `QR code that opens ${url}`));
  }

  setStatus(text: string): void {
    put(this.status, text);
    this.status.hidden = text === "";
  }

  /** Everything around the board, from the wall's model. */
  render(m: WallModel): void {
    put(this.lobbyCount, m.joined);
    put(this.round, m.title);
    line(this.clock, m.clock);
    line(this.submitted, m.submitted);
    line(this.next, m.next);
    line(this.comparison, this.screen === "round" || this.screen === "review" ? m.comparison : null);
    line(this.hint, this.screen === "problem" ? null : m.hint);
    put(this.ended, m.endReason ?? "");
    this.renderEnd(m.end);
  }

  private renderEnd(s: EndSummary | null): void {
    line(this.endReveal, this.screen === "ended" && s ? s.reveal : null);
    if (!s) return;
    put(this.endHeadline, s.headline);
    const key = JSON.stringify(s.facts);
    if (key === this.facts) return;
    this.facts = key;
    this.endFacts.replaceChildren(
      ...s.facts.map((f) => {
        const li = document.createElement("li");
        const value = document.createElement("span");
        value.className = "fact-value";
        value.textContent = f.value;
        const label = document.createElement("span");
        label.className = "fact-label";
        label.textContent = f.label;
        li.append(value, label);
        return li;
      }),
    );
  }

  /** The next `setNames` measures again (the screen's size changed). */
  remeasureNames(): void {
    this.namesKey = "\u0001";
  }

  /**
   * The lobby's names, newest first, as many as fit in their box; the rest counted ("and 12 more"). Measured
   * after layout, since names differ in length.
   */
  setNames(names: readonly string[]): void {
    const key = names.join("\u0000");
    if (key === this.namesKey) return;
    this.namesKey = key;
    const items = names.map((name) => {
      const li = document.createElement("li");
      li.textContent = name;
      return li;
    });
    this.lobbyNames.replaceChildren(...items);
    let kept = items.length;
    const bottom = this.lobbyNames.getBoundingClientRect().bottom;
    if (!this.lobby.hidden)
      while (kept > 0 && items[kept - 1].getBoundingClientRect().bottom > bottom + 1) items[--kept].remove();
    this.names = names.slice(0, kept);
    line(this.lobbyMore, moreNames(names.length - kept) || null);
  }
}
