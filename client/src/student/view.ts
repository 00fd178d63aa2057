/**
 * The student page's words, drawn from the model: who and where, the phase, the feedback, the
 * connection's state and, when the seat is gone, what happened and the way back.
 */
import { element } from "../join/dom.ts";
import { withServerParam } from "../join/handover.ts";
import { ENDINGS } from "./endings.ts";
import { type Model, subscribe } from "./model.ts";
import { feedbackWords, type Glyph, phaseWords } from "./words.ts";

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
    phase: element("phase", HTMLSpanElement),
    glyph: element("glyph", HTMLSpanElement),
    headline: element("headline", HTMLParagraphElement),
    detail: element("detail", HTMLParagraphElement),
    announce: element("announce", HTMLParagraphElement),
    notice: element("notice", HTMLParagraphElement),
    control: element("control", HTMLElement),
    ended: element("ended", HTMLParagraphElement),
    gone: element("gone", HTMLElement),
    goneTitle: element("gone-title", HTMLHeadingElement),
    goneText: element("gone-text", HTMLParagraphElement),
    goneLink: element("gone-link", HTMLAnchorElement),
  };

  subscribe((m: Model, before: Model) => {
    const away = m.status === "connecting" || m.status === "reconnecting";
    el.status.textContent = away ? STATUS_TEXT[m.status as keyof typeof STATUS_TEXT] : "";
    el.status.classList.toggle("shown", away);
    el.play.classList.toggle("away", away);

    el.nickname.textContent = m.you?.nickname ?? m.nickname;
    el.code.textContent = m.code ? `class ${m.code}` : "";
    el.phase.textContent =
      m.status === "connecting"
        ? "Connecting…"
        : phaseWords(m.phase, m.round, m.you?.seated ?? false, m.submitted);

    if (m.feedback !== before.feedback) {
      const words = m.feedback ? feedbackWords(m.feedback) : null;
      el.glyph.textContent = words ? GLYPHS[words.glyph].repeat(words.strong ? 2 : 1) : "";
      el.glyph.dataset.glyph = words?.glyph ?? "";
      el.headline.textContent = words?.headline ?? "Your feedback shows here after each round.";
      el.headline.classList.toggle("waiting", words === null);
      el.detail.textContent = words?.detail ?? "";
    }
    if (m.announcement !== before.announcement) el.announce.textContent = m.announcement ?? "";
    el.notice.textContent = m.notice ?? "";
    // Once the session has ended there is nothing to move: the last feedback stays, the control goes.
    el.control.hidden = m.phase === "ended";
    el.ended.hidden = m.phase !== "ended";

    el.gone.hidden = m.ending === null;
    el.play.hidden = m.ending !== null;
    if (m.ending !== null && m.ending !== before.ending) {
      const ending = ENDINGS[m.ending];
      el.goneTitle.textContent = ending.title;
      el.goneText.textContent = ending.text;
      el.goneLink.textContent = ending.link;
      el.goneLink.href = withServerParam(ending.sameClass && m.code ? `/join/${m.code}` : "/");
      el.goneLink.focus();
    }
  });
}
