/**
 * The chart's scale, the teacher's choice for every board on the dashboard: the class score from 0 to 100
 * (the default, what a class reads at a glance) or the class error on a log scale (where the last steps
 * toward the key still show). Kept in this browser, so the live view and the replays agree.
 */
import type { ChartScale } from "../board/board.ts";
import { h } from "./dom.ts";

export type { ChartScale };

const KEY = "groupExam.chartScale";

export function keptScale(): ChartScale {
  try {
    return localStorage.getItem(KEY) === "log" ? "log" : "score";
  } catch {
    return "score";
  }
}

function keepScale(scale: ChartScale): void {
  try {
    localStorage.setItem(KEY, scale);
  } catch {
    // No storage (a private window): the choice lasts for this view only.
  }
}

/** A labelled switch; `apply` is called with each change (boards start with `keptScale()`). */
export function chartScaleToggle(
  prefix: string,
  apply: (scale: ChartScale) => void,
): { element: HTMLElement } {
  const id = `${prefix}-log-scale`;
  const box = h("input", { type: "checkbox", id, class: "log-scale", "aria-describedby": `${id}-hint` });
  box.checked = keptScale() === "log";
  box.addEventListener("change", () => {
    const scale: ChartScale = box.checked ? "log" : "score";
    keepScale(scale);
    apply(scale);
  });
  return {
    element: h(
      "div",
      { class: "check scale-toggle" },
      box,
      h("label", { for: id }, "Log scale (class error)"),
      h("small", { id: `${id}-hint` }, "Off: the class score, 0 to 100."),
    ),
  };
}
