/** One replay, or two side by side with compact boards, each with its own timeline. */
import { h } from "./dom.ts";
import type { HookPart } from "./hook.ts";
import { ReplayPanel } from "./replayPanel.ts";

export function openReplay(
  container: HTMLElement,
  ids: readonly string[],
  onChange: () => void,
): { hook(): HookPart; close(): void } {
  const side = ids.length > 1;
  const panels = ids.map((id) => new ReplayPanel(id, side, onChange));
  container.replaceChildren(...panels.map((p) => p.element));
  container.classList.toggle("side-by-side", side);
  if (!side)
    container.append(h("p", { class: "hint" }, h("a", { href: "#replays" }, "Back to the sessions")));
  return {
    hook: () => ({
      sessionId: ids[0] ?? null,
      boards: panels.map((p) => p.boardHook),
      replays: panels.map((p) => p.hook),
      comparison: panels[0]?.comparisonText ?? null,
      error: panels.map((p) => p.hook.error).find((e) => e !== null) ?? null,
    }),
    close() {
      for (const p of panels) p.destroy();
    },
  };
}
