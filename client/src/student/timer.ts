/**
 * The line at the top of the page and its clocks: the phase in words (in review, "your teacher will start
 * the next round" or the auto-advance countdown from `nextRoundAt`) and the round's countdown from the
 * server's `closesAt`, frozen at `remainingMs` while paused, hidden when no round is open. Both read the
 * server's clock (see clock.ts) and are redrawn a few times a second and on every change of the model.
 */
import { element } from "../join/dom.ts";
import { formatRemaining, serverNow } from "./clock.ts";
import { current, type Model, subscribe } from "./model.ts";
import { phaseWords } from "./words.ts";

/** The phase line's words at server time `now`. */
export function phaseLine(m: Model, now: number): string {
  if (m.status === "connecting") return "Connecting…";
  const msToNext = m.phase === "review" && m.nextRoundAt > 0 ? m.nextRoundAt - now : null;
  return phaseWords(
    m.phase,
    m.round,
    m.you?.seated ?? false,
    m.submitted,
    msToNext,
    m.nextScheme,
    m.pausedBy,
  );
}

export function startTimer(): void {
  const timer = element("timer", HTMLSpanElement);
  const phase = element("phase", HTMLSpanElement);
  const tick = (): void => {
    const m = current();
    const now = serverNow();
    const line = phaseLine(m, now);
    if (phase.textContent !== line) phase.textContent = line;
    const ms =
      m.phase === "open" && m.closesAt > 0
        ? m.closesAt - now
        : m.phase === "paused" && m.remainingMs > 0
          ? m.remainingMs
          : null;
    timer.hidden = ms === null || m.status !== "connected";
    if (ms === null) return;
    const text = formatRemaining(ms);
    if (timer.textContent !== text) timer.textContent = text;
    // The last ten seconds look urgent (a heavier outline, not only a colour).
    timer.classList.toggle("urgent", m.phase === "open" && ms <= 10_000);
  };
  subscribe(tick);
  setInterval(tick, 250);
}
