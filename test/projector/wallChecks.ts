/**
 * What the projector's browser tests check on the page, apart from the tests themselves: every visible text
 * node's computed font size and contrast against the background it sits on (as a script run in the page,
 * plain JavaScript so no bundler helper leaks into it), and the legend a session's event log calls for, per
 * class the rounds of each scheme, worked out from the log alone.
 */
import type { LoggedEvent } from "../../shared/session/events.ts";

export interface TextSeen {
  readonly text: string;
  /** Computed font size in CSS px. */
  readonly size: number;
  /** WCAG contrast ratio of its colour against the first opaque background behind it. */
  readonly contrast: number;
  /** Whether it lies inside the viewport. */
  readonly inView: boolean;
  readonly where: string;
}

/** Run in the page with `page.evaluate(VISIBLE_TEXT)`: a TextSeen for every text a person can see. */
export const VISIBLE_TEXT = `(() => {
  const parse = (c) => {
    const m = (c.match(/[\\d.]+/g) || ["0", "0", "0", "0"]).map(Number);
    return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 };
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.a >= 0.99) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = (node.textContent || "").trim();
    if (!text) continue;
    const el = node.parentElement;
    if (!el || el.closest("script, style, .visually-hidden")) continue;
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1);
    if (rects.length === 0) continue;
    const style = getComputedStyle(el);
    const fg = parse(style.color);
    const bg = background(el);
    const a = lum(fg);
    const b = lum(bg);
    const inView = rects.every((r) => r.top >= -1 && r.left >= -1 && r.bottom <= innerHeight + 1 && r.right <= innerWidth + 1);
    out.push({
      text: text.slice(0, 80),
      size: parseFloat(style.fontSize),
      contrast: Math.round(((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)) * 100) / 100,
      inView,
      where: el.id ? "#" + el.id : el.className ? "." + String(el.className).split(" ")[0] : el.tagName,
    });
  }
  return out;
})()`;

export interface LegendFromLog {
  readonly side: "live" | "twin";
  readonly scheme: string;
  readonly rounds: [number, number][];
}

/** Per class, each scheme in the order it was first played, with the runs of rounds played under it. */
export function legendFromLog(log: readonly LoggedEvent[]): LegendFromLog[] {
  const rounds: { round: number; live: string; twin: string }[] = [];
  for (const { event } of log)
    if (event.type === "closed")
      rounds.push({ round: event.round, live: event.record.scheme.name, twin: event.record.twinScheme.name });
  rounds.sort((a, b) => a.round - b.round);
  const out: LegendFromLog[] = [];
  for (const side of ["live", "twin"] as const) {
    const mine: LegendFromLog[] = [];
    for (const r of rounds) {
      const scheme = r[side];
      let entry = mine.find((e) => e.scheme === scheme);
      if (!entry) {
        entry = { side, scheme, rounds: [] };
        mine.push(entry);
      }
      const last = entry.rounds[entry.rounds.length - 1];
      if (last && last[1] === r.round - 1) last[1] = r.round;
      else entry.rounds.push([r.round, r.round]);
    }
    out.push(...mine);
  }
  return out;
}

/** The rounds (from 1) in which the live class played a scheme other than the round before. */
export function switchesFromLog(log: readonly LoggedEvent[]): number[] {
  const schemes = new Map<number, string>();
  for (const { event } of log)
    if (event.type === "closed") schemes.set(event.round, event.record.scheme.name);
  const out: number[] = [];
  for (const [round, scheme] of schemes) {
    const before = schemes.get(round - 1);
    if (before !== undefined && before !== scheme) out.push(round);
  }
  return out.sort((a, b) => a - b);
}
