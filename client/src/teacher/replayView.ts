/**
 * One replay, or two side by side: one timeline, one play button and one speed for all of them, the boards
 * on the same round axis (the longer session's), each board colouring by scheme so the same scheme has the
 * same colour on both sides, one comparison and one set of exports per side. A single replay keeps its
 * timeline under its board. Every board here is the compact one: the dashboard is not the wall.
 */
import { chartScaleToggle } from "./chartScale.ts";
import { h } from "./dom.ts";
import type { HookPart } from "./hook.ts";
import { ReplayPanel } from "./replayPanel.ts";
import { Timeline } from "./timeline.ts";

export function openReplay(
  container: HTMLElement,
  ids: readonly string[],
  onChange: () => void,
): { hook(): HookPart; close(): void } {
  const side = ids.length > 1;
  const timeline = new Timeline((frame) => {
    for (const p of panels) p.showAt(frame);
  });
  let panels: ReplayPanel[] = [];
  const ready = (): void => {
    if (panels.length !== ids.length || !panels.every((p) => p.loaded)) return;
    const rounds = Math.max(0, ...panels.map((p) => p.rounds));
    for (const p of panels) p.setRoundAxis(rounds);
    timeline.load(rounds + 1);
  };
  panels = ids.map(
    (id) =>
      new ReplayPanel(id, {
        onChange,
        onLoaded: ready,
        playing: () => timeline.playing,
      }),
  );
  const scale = chartScaleToggle("replay", (s) => {
    for (const p of panels) p.setChartScale(s);
  });
  const grid = h(
    "div",
    { class: side ? "replay-grid side-by-side" : "replay-grid" },
    ...panels.map((p) => p.element),
  );
  const bar = h("div", { class: side ? "replay-bar shared" : "replay-bar" }, timeline.element, scale.element);
  if (side) container.replaceChildren(bar, grid);
  else {
    panels[0]?.timelineSlot.replaceChildren(bar);
    container.replaceChildren(
      grid,
      h("p", { class: "hint" }, h("a", { href: "#replays" }, "Back to the sessions")),
    );
  }
  return {
    hook: () => ({
      sessionId: ids[0] ?? null,
      boards: panels.map((p) => p.boardHook),
      replays: panels.map((p) => p.hook),
      comparison: panels[0]?.comparisonText ?? null,
      error: panels.map((p) => p.hook.error).find((e) => e !== null) ?? null,
      timeline: timeline.hook,
    }),
    close() {
      timeline.destroy();
      for (const p of panels) p.destroy();
    },
  };
}
