/**
 * The roster: an HTML table of the students (and the stand-ins playing their seats) with what the teacher
 * needs to see in words, and a kick and a ban for each. Bots are one line, not thousands of rows. Rows are
 * kept by seat and only the cells that changed are touched, since the state changes many times a round.
 */
import { h, setText } from "./dom.ts";
import { isLeaving, type RosterRow } from "./liveState.ts";

export interface RosterActions {
  kick(seat: number, nickname: string): void;
  ban(seat: number, nickname: string): void;
}

interface Row {
  readonly tr: HTMLTableRowElement;
  readonly cells: HTMLTableCellElement[];
  readonly kick: HTMLButtonElement;
  readonly ban: HTMLButtonElement;
  nickname: string;
  leaving: boolean;
}

/** The words of one row, in column order. */
export function rowWords(row: RosterRow, phase: string): string[] {
  const kind = isLeaving(row)
    ? "left: the seat is freed when the next round opens"
    : row.kind === "stand-in"
      ? "stand-in: a bot plays while the student is away"
      : "student";
  const round = !row.seated
    ? "—"
    : phase === "open" || phase === "paused"
      ? row.submitted
        ? "submitted"
        : "not yet"
      : row.submitted
        ? "submitted"
        : "—";
  return [
    String(row.seat + 1),
    row.nickname,
    row.connected ? "connected" : "away",
    row.seated ? "in play" : "next round",
    round,
    Number.isFinite(row.level) ? row.level.toFixed(2) : "—",
    kind,
  ];
}

const HEADINGS = ["Seat", "Nickname", "Connection", "Seat in play", "This round", "Level", "Kind"];

export class Roster {
  readonly element: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private readonly summary: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly scroll: HTMLElement;
  private readonly rows = new Map<number, Row>();
  private readonly actions: RosterActions;
  private disabled = false;

  constructor(actions: RosterActions) {
    this.actions = actions;
    this.body = h("tbody");
    this.summary = h("p", { class: "roster-summary", id: "roster-summary" });
    this.empty = h("p", { class: "hint" }, "No students yet: they join with the code.");
    const table = h(
      "table",
      { class: "roster", id: "roster", "aria-describedby": "roster-summary" },
      h("caption", { class: "visually-hidden" }, "Students in the class"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ...HEADINGS.map((t) => h("th", { scope: "col" }, t)),
          h("th", { scope: "col" }, "Actions"),
        ),
      ),
      this.body,
    );
    // A wide table scrolls inside its own box on a phone, not the whole page.
    this.scroll = h(
      "div",
      { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "Roster", hidden: true },
      table,
    );
    this.element = h(
      "section",
      { class: "roster-section", "aria-labelledby": "roster-title" },
      h("h3", { id: "roster-title" }, "The class"),
      this.summary,
      this.empty,
      this.scroll,
    );
  }

  update(humans: readonly RosterRow[], bots: number, phase: string, disabled: boolean): void {
    const seen = new Set<number>();
    for (const human of humans) {
      seen.add(human.seat);
      const row = this.rows.get(human.seat) ?? this.add(human.seat);
      row.nickname = human.nickname;
      rowWords(human, phase).forEach((text, i) => {
        setText(row.cells[i], text);
      });
      row.tr.classList.toggle("away", !human.connected);
      row.leaving = isLeaving(human);
      row.kick.disabled = row.ban.disabled = disabled || row.leaving;
      row.kick.setAttribute("aria-label", `Kick ${human.nickname}`);
      row.ban.setAttribute("aria-label", `Ban ${human.nickname}`);
    }
    for (const [seat, row] of this.rows)
      if (!seen.has(seat)) {
        row.tr.remove();
        this.rows.delete(seat);
      }
    // Rows in seat order: a new row is placed, the rest stay where they are.
    const ordered = [...this.rows.keys()].sort((a, b) => a - b);
    ordered.forEach((seat, i) => {
      const tr = this.rows.get(seat)?.tr;
      if (tr && this.body.children[i] !== tr) this.body.insertBefore(tr, this.body.children[i] ?? null);
    });
    this.disabled = disabled;
    const students = humans.filter((r) => !isLeaving(r));
    const connected = students.filter((r) => r.connected).length;
    const standIns = students.filter((r) => r.kind === "stand-in").length;
    setText(
      this.summary,
      `${students.length} student${students.length === 1 ? "" : "s"} (${connected} connected${standIns ? `, ${standIns} played by stand-ins` : ""}) and ${bots.toLocaleString("en")} bot${bots === 1 ? "" : "s"}.`,
    );
    this.empty.hidden = humans.length > 0;
    this.scroll.hidden = humans.length === 0;
  }

  private add(seat: number): Row {
    const cells = HEADINGS.map(
      (_, i) => (i === 1 ? h("th", { scope: "row" }) : h("td")) as HTMLTableCellElement,
    );
    const kick = h("button", { type: "button", class: "small secondary" }, "Kick");
    const ban = h("button", { type: "button", class: "small danger" }, "Ban");
    kick.disabled = ban.disabled = this.disabled;
    const row: Row = {
      tr: h("tr", { "data-seat": seat }, ...cells, h("td", { class: "actions" }, kick, ban)),
      cells,
      kick,
      ban,
      nickname: "",
      leaving: false,
    };
    kick.addEventListener("click", () => this.actions.kick(seat, row.nickname));
    ban.addEventListener("click", () => this.actions.ban(seat, row.nickname));
    this.rows.set(seat, row);
    this.body.append(row.tr);
    return row;
  }
}
