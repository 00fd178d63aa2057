/**
 * The projector page's HTML around the board: the lobby (a big code, the join URL and its QR code, how
 * many have joined), the bar over the board during rounds (round, clock, submissions, and a corner with the
 * code, URL and a small QR for late joiners), the connection's status, and the problems that stop the page.
 * Text is written only when it changes.
 */
import { element } from "../join/dom.ts";
import { qrSvg } from "./qr.ts";
import type { Problem } from "./words.ts";

const put = (el: HTMLElement, text: string): void => {
  if (el.textContent !== text) el.textContent = text;
};

export type Screen = "loading" | "lobby" | "board" | "problem";

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
  private readonly qr = element("qr", HTMLDivElement);
  private readonly bar = element("bar", HTMLElement);
  private readonly round = element("round", HTMLSpanElement);
  private readonly submitted = element("submitted", HTMLSpanElement);
  private readonly ended = element("ended", HTMLParagraphElement);
  private readonly cornerCode = element("corner-code", HTMLElement);
  private readonly cornerUrl = element("corner-url", HTMLElement);
  private readonly cornerQr = element("corner-qr", HTMLDivElement);
  private screen: Screen = "loading";

  show(screen: Screen): void {
    if (screen === this.screen) return;
    this.screen = screen;
    this.problem.hidden = screen !== "problem";
    this.lobby.hidden = screen !== "lobby";
    this.bar.hidden = screen !== "board";
    this.boardHost.hidden = screen !== "board";
    document.body.dataset.screen = screen;
  }

  get current(): Screen {
    return this.screen;
  }

  showProblem(p: Problem): void {
    put(this.problemTitle, p.title);
    put(this.problemText, p.text);
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

  setJoined(text: string): void {
    put(this.lobbyCount, text);
  }

  setRound(roundText: string, submittedText: string, endText: string): void {
    put(this.round, roundText);
    put(this.submitted, submittedText);
    put(this.ended, endText);
    this.ended.hidden = endText === "";
  }
}
