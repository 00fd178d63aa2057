/**
 * The round's countdown: from the server's `closesAt` read on the server's clock (see clock.ts), frozen at
 * `remainingMs` while paused, hidden when no round is open. Redrawn a few times a second.
 */
import { element } from "../join/dom.ts";
import { formatRemaining, serverNow } from "./clock.ts";
import { current } from "./model.ts";

export function startTimer(): void {
  const timer = element("timer", HTMLSpanElement);
  const tick = (): void => {
    const m = current();
    const ms =
      m.phase === "open" && m.closesAt > 0
        ? m.closesAt - serverNow()
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
  tick();
  setInterval(tick, 250);
}
