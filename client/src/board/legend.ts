/**
 * The chart's legend in HTML, so it is as large as the room needs and read by screen readers: one row per
 * class, its line style drawn beside its name, then each scheme it played in that scheme's colour, with the
 * rounds it played it ("“Good job, everyone”, rounds 1–3"). (The criterion is named on the chart itself.)
 * Rewritten only when its words change.
 */
import type { LegendEntry } from "./chartData.ts";
import type { Side } from "./words.ts";

const SVG = "http://www.w3.org/2000/svg";

/** A short stretch of line in the entry's colour and dash, as the chart draws it. */
function swatch(colour: string, dash: readonly number[] | null, width = 4): SVGSVGElement {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 48 12");
  svg.setAttribute("class", "board-swatch");
  svg.setAttribute("aria-hidden", "true");
  const line = document.createElementNS(SVG, "line");
  line.setAttribute("x1", "2");
  line.setAttribute("x2", "46");
  line.setAttribute("y1", "6");
  line.setAttribute("y2", "6");
  line.setAttribute("stroke", colour);
  line.setAttribute("stroke-width", String(width));
  if (dash) line.setAttribute("stroke-dasharray", dash.map((d) => d * 0.6).join(" "));
  svg.append(line);
  return svg;
}

function span(className: string, text: string): HTMLSpanElement {
  const s = document.createElement("span");
  s.className = className;
  s.textContent = text;
  return s;
}

export class ChartLegend {
  readonly element: HTMLUListElement;
  private shown = "";

  constructor(parent: HTMLElement) {
    this.element = document.createElement("ul");
    this.element.className = "board-legend";
    parent.append(this.element);
  }

  /** `note`: one more row in plain words (the theory's dotted lines on the log scale), or null. */
  show(entries: readonly LegendEntry[], note: string | null = null): void {
    const key = JSON.stringify([entries.map((e) => [e.text, e.colour, e.dash]), note]);
    if (key === this.shown) return;
    this.shown = key;
    const rows: HTMLLIElement[] = [];
    for (const side of ["live", "twin"] as Side[]) {
      const mine = entries.filter((e) => e.side === side);
      if (mine.length === 0) continue;
      const row = document.createElement("li");
      row.className = "board-legend-class";
      row.dataset.side = side;
      const name = span(
        "board-legend-name",
        `${mine[0].className}${side === "live" ? ", solid" : ", dashed"}:`,
      );
      row.append(name);
      for (const e of mine) {
        const item = span("board-legend-item", "");
        item.dataset.scheme = e.scheme;
        item.append(swatch(e.colour, e.dash), span("board-legend-text", e.item));
        row.append(item);
      }
      rows.push(row);
    }
    if (note) {
      const row = document.createElement("li");
      row.className = "board-legend-class";
      row.append(span("board-legend-text", note));
      rows.push(row);
    }
    this.element.replaceChildren(...rows);
  }
}
