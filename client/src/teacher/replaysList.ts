/**
 * The sessions this browser holds keys for, newest first: date, class size, schemes, rounds, last score
 * and status, read from the server with each session's teacher token; a live one opens in the live view,
 * any one as a replay, and two ticked ones side by side.
 */

import { schemeLabel } from "../../../shared/protocol/schemeWords.ts";
import { type Detail, sessionDetail } from "./api.ts";
import { h, setText } from "./dom.ts";
import { routeHash } from "./routes.ts";
import { keptSessions } from "./store.ts";
import { dateText, STATUS_WORDS, scoreText } from "./words.ts";

const HEADINGS = ["Compare", "Created", "Code", "Class", "Schemes", "Rounds", "Last score", "Status", "Open"];

function classSize(d: Detail): string {
  const students = `${d.students} student${d.students === 1 ? "" : "s"}`;
  return d.config.bots > 0 ? `${students} + ${d.config.bots.toLocaleString("en")} bots` : students;
}

function schemesOf(d: Detail): string {
  const names = [...new Set(d.results.map((r) => schemeLabel(r.scheme)))];
  return names.length ? names.join(", then ") : schemeLabel(d.config.scheme);
}

export function openReplays(container: HTMLElement, onChange: () => void): { close(): void } {
  let closed = false;
  const sessions = [...keptSessions()].sort((a, b) => b[1].createdAt - a[1].createdAt);
  if (sessions.length === 0) {
    container.replaceChildren(
      h(
        "p",
        { class: "hint", id: "no-sessions" },
        "This browser holds no sessions yet. ",
        h("a", { href: "#create" }, "Create one"),
        ".",
      ),
    );
    onChange();
    return { close: () => undefined };
  }
  const ticked = new Set<string>();
  const compare = h(
    "button",
    { type: "button", class: "primary", id: "compare", disabled: true },
    "Replay the two ticked side by side",
  );
  const compareHint = h(
    "p",
    { class: "hint", id: "compare-hint", "aria-live": "polite" },
    "Tick two sessions to compare them.",
  );
  const body = h("tbody");
  const updateCompare = (): void => {
    compare.disabled = ticked.size !== 2;
    setText(
      compareHint,
      ticked.size === 2
        ? "Ready: two sessions ticked."
        : `Tick two sessions to compare them (${ticked.size} ticked).`,
    );
  };
  compare.addEventListener("click", () => {
    if (ticked.size === 2) location.hash = routeHash({ view: "replay", ids: [...ticked] });
  });

  for (const [id, kept] of sessions) {
    const box = h("input", {
      type: "checkbox",
      id: `pick-${id}`,
      "aria-label": `Compare the session of ${dateText(kept.createdAt)}, code ${kept.code}`,
    });
    box.addEventListener("change", () => {
      if (box.checked) ticked.add(id);
      else ticked.delete(id);
      updateCompare();
    });
    const cells = HEADINGS.slice(2, 8).map(() => h("td", {}, "…"));
    const open = h(
      "td",
      { class: "actions" },
      h("a", { href: routeHash({ view: "replay", ids: [id] }), class: "replay-link" }, "Replay"),
    );
    const row = h(
      "tr",
      { "data-session": id },
      h("td", {}, box),
      h("th", { scope: "row" }, dateText(kept.createdAt)),
      ...cells,
      open,
    );
    setText(cells[0], kept.code);
    body.append(row);
    void sessionDetail(id, kept.teacherToken).then((detail) => {
      if (closed) return;
      if (!detail.ok) {
        setText(cells[5], detail.status === 404 ? "not on this server" : "could not be read");
        row.classList.add("missing");
        onChange();
        return;
      }
      const d = detail.value;
      setText(cells[1], classSize(d));
      setText(cells[2], schemesOf(d));
      setText(cells[3], String(d.rounds));
      setText(cells[4], scoreText(d.lastScore));
      setText(cells[5], STATUS_WORDS[d.status]);
      if (d.status === "live")
        open.prepend(h("a", { href: routeHash({ view: "live", id }), class: "live-link" }, "Live view"), " ");
      onChange();
    });
  }
  container.replaceChildren(
    h(
      "div",
      { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "Sessions" },
      h(
        "table",
        { class: "sessions", id: "sessions" },
        h("caption", { class: "visually-hidden" }, "Sessions this browser holds keys for"),
        h("thead", {}, h("tr", {}, ...HEADINGS.map((t) => h("th", { scope: "col" }, t)))),
        body,
      ),
    ),
    h("div", { class: "compare-row" }, compare, compareHint),
  );
  onChange();
  return {
    close() {
      closed = true;
    },
  };
}
