/**
 * The student page's words, drawn from the model: who and where, the feedback, the reveal of the student's
 * own key, the connection's state and, when the seat is gone, what happened and the way back. (The phase
 * line ticks with its countdowns: timer.ts writes it.)
 */
import { element } from "../join/dom.ts";
import { withServerParam } from "../join/handover.ts";
import { ENDINGS } from "./endings.ts";
import { type Model, shownKey, shownPopulation, subscribe } from "./model.ts";
import { revealWords } from "./reveal.ts";
import { feedbackWords, type Glyph } from "./words.ts";

const GLYPHS: Record<Glyph, string> = {
  up: "▲",
  down: "▼",
  stay: "=",
  good: "✓",
  bad: "✗",
  neutral: "•",
  none: "–",
};

const STATUS_TEXT = { connecting: "Connecting to your class…", reconnecting: "Reconnecting…" } as const;

export function startView(): void {
  const el = {
    status: element("status", HTMLParagraphElement),
    play: element("play", HTMLElement),
    nickname: element("nickname", HTMLSpanElement),
    code: element("code", HTMLSpanElement),
    glyph: element("glyph", HTMLSpanElement),
    headline: element("headline", HTMLParagraphElement),
    detail: element("detail", HTMLParagraphElement),
    announce: element("announce", HTMLParagraphElement),
    notice: element("notice", HTMLParagraphElement),
    reveal: element("reveal", HTMLElement),
    revealHeadline: element("reveal-headline", HTMLParagraphElement),
    revealDetail: element("reveal-detail", HTMLParagraphElement),
    ended: element("ended", HTMLParagraphElement),
    gone: element("gone", HTMLElement),
    goneTitle: element("gone-title", HTMLHeadingElement),
    goneText: element("gone-text", HTMLParagraphElement),
    goneLink: element("gone-link", HTMLAnchorElement),
  };

  let told = false;
  subscribe((m: Model, before: Model) => {
    const away = m.status === "connecting" || m.status === "reconnecting";
    el.status.textContent = away ? STATUS_TEXT[m.status as keyof typeof STATUS_TEXT] : "";
    el.status.classList.toggle("shown", away);
    el.play.classList.toggle("away", away);

    el.nickname.textContent = m.you?.nickname ?? m.nickname;
    el.code.textContent = m.code ? `class ${m.code}` : "";

    // The exam can arrive after a reconnect's re-sent feedback: the words follow both.
    if (m.feedback !== before.feedback || m.exam !== before.exam) {
      const words = m.feedback ? feedbackWords(m.feedback, m.exam) : null;
      el.glyph.textContent = words ? GLYPHS[words.glyph].repeat(words.strong ? 2 : 1) : "";
      el.glyph.dataset.glyph = words?.glyph ?? "";
      el.headline.textContent = words?.headline ?? "Your feedback shows here after each round.";
      el.headline.classList.toggle("waiting", words === null);
      el.detail.textContent = words?.detail ?? "";
    }
    if (m.announcement !== before.announcement) el.announce.textContent = m.announcement ?? "";
    el.notice.textContent = m.notice ?? "";
    const reveal = revealWords({
      revealed: m.revealed,
      ended: m.phase === "ended",
      key: shownKey(m),
      level: m.level,
      exam: m.exam,
      classScore: m.classScore,
      population: shownPopulation(m),
    });
    el.reveal.hidden = reveal === null;
    el.revealHeadline.textContent = reveal?.headline ?? "";
    el.revealDetail.textContent = reveal?.detail ?? "";
    // Said once when the key comes out; the lines then follow the slider without chattering.
    if (reveal && !told) el.announce.textContent = `${reveal.headline} ${reveal.detail}`;
    told = reveal !== null;
    el.ended.hidden = m.phase !== "ended";

    // A session that ended keeps its last page (the feedback, the key, the thanks) when the room goes.
    const gone = m.ending !== null && m.ending !== "ended";
    el.gone.hidden = !gone;
    el.play.hidden = gone;
    if (gone && m.ending !== null && m.ending !== before.ending) {
      const ending = ENDINGS[m.ending];
      el.goneTitle.textContent = ending.title;
      el.goneText.textContent = ending.text;
      el.goneLink.textContent = ending.link;
      el.goneLink.href = withServerParam(ending.sameClass && m.code ? `/join/${m.code}` : "/");
      el.goneLink.focus();
    }
  });
}
