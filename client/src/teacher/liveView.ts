/**
 * The live view of one session, laid out to fit a 1366×768 laptop without scrolling: on the left the
 * status line (the room's true state, from the state alone), the scores, the projector's board (compact)
 * and the comparison with the twin class in words; on the right the pacing (the big Next round button and
 * its keys, auto-advance with its countdown, the reveal), the line for the last action's result or refusal,
 * the settings and the roster. The page reads the room's state and sends intents; it never plays the game.
 */
import type { ClosingMessage, RejectedMessage } from "../../../shared/protocol/messages.ts";
import { botSeats, MAX_SEATS } from "../../../shared/protocol/session.ts";
import { compareClasses } from "../../../shared/session/comparison.ts";
import { ClassBoard } from "../board/board.ts";
import { statePicture } from "../projector/statePicture.ts";
import { sessionDetail } from "./api.ts";
import { BlockButtons } from "./blockButtons.ts";
import { chartScaleToggle, keptScale } from "./chartScale.ts";
import { Controls, type Send } from "./controls.ts";
import { h, setText } from "./dom.ts";
import type { HookPart } from "./hook.ts";
import { connectTeacher, type LinkStatus, serverNow, type TeacherRoom } from "./liveConnection.ts";
import { evenChart, isLeaving, lastScores, rosterOf, schemeFrom, type TeacherState } from "./liveState.ts";
import { Pacing } from "./pacing.ts";
import { Roster } from "./roster.ts";
import { shareBlock } from "./shareLinks.ts";
import { liveStatus, type Status, type StatusInput } from "./status.ts";
import { keptSession } from "./store.ts";
import { scoreText } from "./words.ts";

export interface LiveView {
  hook(): HookPart;
  close(): void;
}

/** The status line while the connection, not the room, is what there is to say. */
function linkWords(link: LinkStatus): string {
  switch (link.kind) {
    case "connecting":
    case "connected":
      return "Connecting to the room…";
    case "reconnecting":
      return "Connection lost · reconnecting…";
    case "ended":
      return "The session has ended and its room has closed";
    case "failed":
      return `Cannot connect: ${link.message}`;
  }
}

/** The state's fields the status line reads, with the defaults of a state still arriving. */
const statusInput = (s: TeacherState): StatusInput => ({
  phase: s.phase,
  round: s.round,
  closesAt: s.closesAt,
  remainingMs: s.remainingMs,
  autoAdvance: s.autoAdvance === true,
  nextRoundAt: s.nextRoundAt ?? 0,
  revealed: s.revealed === true,
  endReason: s.endReason,
  pausedBy: s.pausedBy ?? "",
  students: s.students,
  connected: s.connected,
  seated: s.seated,
  submitted: s.submitted,
});

export function openLive(container: HTMLElement, id: string, onChange: () => void): LiveView {
  const kept = keptSession(id);
  if (!kept) {
    container.replaceChildren(
      h("h2", { id: "live-title" }, "Live session"),
      h(
        "p",
        { class: "error", role: "alert" },
        "This browser holds no key for that session: only the browser that created a session can run it.",
      ),
      h("p", {}, h("a", { href: "#create" }, "Create a new session")),
    );
    return { hook: () => ({ sessionId: id, error: "no key for this session" }), close: () => undefined };
  }

  let room: TeacherRoom | null = null;
  let state: TeacherState | null = null;
  let link: LinkStatus = { kind: "connecting" };
  let comparison: string | null = null;
  let comparedAt = "";
  let error: string | null = null;
  let humans = 0;
  let status: Status | null = null;
  let lastRound = 0;
  let pending = false;
  let closed = false;
  let schemeShown = false;

  // The room's state, said for the eye and announced politely when it changes (not on every second).
  const statusHead = h("strong", { class: "status-head", id: "live-status-head" }, linkWords(link));
  const statusDetail = h("span", { class: "status-detail", id: "live-status-detail" });
  const statusBox = h(
    "div",
    { class: "status", id: "live-status", "data-phase": "unknown" },
    statusHead,
    statusDetail,
  );
  const announce = h("p", { class: "visually-hidden", role: "status", id: "live-announce" });
  // The last action's result or the room's refusal: quieter, and never mistaken for the room's state.
  const said = h("p", { class: "said", id: "live-said", role: "status", "aria-live": "polite" });
  // The time tells one press from the next, and an old line from a new one.
  const say = (text: string): void => {
    const at = new Date().toLocaleTimeString("en-GB", {
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    said.textContent = `${text} (${at})`;
  };
  const send: Send = (type, message) => {
    if (!room) {
      say("Not connected: that did not reach the room.");
      return;
    }
    room.send(type, message);
  };

  const scoreLine = h("p", { class: "score-line", id: "live-score" }, "No round has closed yet.");
  const comparisonEl = h(
    "p",
    { class: "comparison", id: "live-comparison", "aria-live": "polite" },
    "The comparison with the twin class shows here after the first rounds.",
  );
  const endedEl = h("p", { class: "ended-note", id: "live-ended", hidden: true });
  const boardBox = h("div", { class: "board-box dash-board" });
  const pacing = new Pacing(send, say);
  const controls = new Controls(send, say, MAX_SEATS);
  // The mouse experiment's block buttons, mounted once the state says the session is a grating one.
  const blockBox = h("div", { class: "block-box", hidden: true });
  let blocks: BlockButtons | null = null;
  const roster = new Roster({
    kick: (seat, nickname) => {
      if (confirm(`Kick ${nickname}? The seat is freed; they can join again.`)) {
        send("kick", { seat });
        say(`You kicked ${nickname}.`);
      }
    },
    ban: (seat, nickname) => {
      if (
        confirm(`Ban ${nickname}? This browser of theirs cannot join this session again, under any name.`)
      ) {
        send("ban", { seat });
        say(`You banned ${nickname}.`);
      }
    },
  });

  const board = new ClassBoard(boardBox, { compact: true, chartScale: keptScale() });
  const scale = chartScaleToggle("live", (s) => board.setChartScale(s));

  container.replaceChildren(
    h(
      "div",
      { class: "live-head" },
      h("h2", { id: "live-title" }, "Session ", h("span", { class: "code", id: "live-code" }, kept.code)),
      shareBlock(kept),
    ),
    h(
      "div",
      { class: "live-grid" },
      h(
        "div",
        { class: "live-main" },
        statusBox,
        announce,
        h("div", { class: "score-row" }, scoreLine, scale.element),
        // The comparison above the board: the board takes what height is left, the sentence never scrolls away.
        comparisonEl,
        endedEl,
        boardBox,
      ),
      h("div", { class: "live-side" }, pacing.element, said, blockBox, controls.element, roster.element),
    ),
  );

  void sessionDetail(id, kept.teacherToken).then((detail) => {
    if (detail.ok) controls.setMaxBots(botSeats(detail.value.config));
  });

  /** The status line: the link while there is no room to read, else the room's state at the server's time. */
  function showStatus(): void {
    const s = state;
    const next = link.kind !== "connected" || !s ? null : liveStatus(statusInput(s), serverNow());
    setText(statusHead, next?.headline ?? linkWords(link));
    setText(statusDetail, next?.detail ?? "");
    statusBox.dataset.phase = next?.phase ?? (link.kind === "ended" ? "ended" : "unknown");
    // Announced when the state's meaning changes, not as the seconds count down.
    if (next && (next.phase !== status?.phase || s?.round !== lastRound)) setText(announce, next.headline);
    lastRound = s?.round ?? 0;
    status = next;
  }

  function render(): void {
    pending = false;
    const s = state;
    if (!s || closed) return;
    const usable = link.kind === "connected";
    const score = lastScores(s);
    setText(
      scoreLine,
      score.live === null
        ? "No round has closed yet."
        : `Class score ${scoreText(score.live)} · twin class ${scoreText(score.twin)}`,
    );
    const picture = statePicture(s);
    board.show(picture);
    if (!schemeShown) schemeShown = controls.showScheme(s);
    pacing.update(s, usable, serverNow());
    controls.update(s, usable);
    if (!blocks && s.exam === "grating") {
      blocks = new BlockButtons(send, say);
      blockBox.replaceChildren(blocks.element);
      blockBox.hidden = false;
    }
    blocks?.update(s, usable);
    const { humans: rows, bots } = rosterOf(s);
    humans = rows.filter((r) => !isLeaving(r)).length;
    roster.update(rows, bots, s.phase, !usable || s.phase === "ended");

    const chart = evenChart(picture.chart);
    const live = schemeFrom(s.scheme);
    const twinScheme = schemeFrom(s.twinScheme);
    const key = `${chart.errors.length}|${s.scheme}|${s.twinScheme}|${s.phase === "ended"}`;
    if (key !== comparedAt && live && twinScheme) {
      comparedAt = key;
      comparison =
        compareClasses(chart, { live, twin: twinScheme, over: s.phase === "ended", exam: picture.exam })
          ?.sentence ?? null;
      setText(
        comparisonEl,
        comparison ?? "The comparison with the twin class shows here after the first rounds.",
      );
    }
    endedEl.hidden = s.phase !== "ended";
    if (s.phase === "ended")
      endedEl.replaceChildren(h("a", { href: `#replay/${id}` }, "Open its replay and exports"), ".");
    showStatus();
    onChange();
  }

  const schedule = (): void => {
    if (pending || closed) return;
    pending = true;
    // A hidden tab gets no animation frames; the roster and controls still keep up.
    if (document.hidden) setTimeout(render, 100);
    else requestAnimationFrame(render);
  };

  // The countdowns move between patches.
  const timer = window.setInterval(() => {
    showStatus();
    if (state) pacing.tick(state, serverNow());
  }, 250);

  const connection = connectTeacher(kept, {
    onRoom(r) {
      room = r;
      r.onStateChange((s) => {
        state = s;
        schedule();
      });
      r.onMessage("rejected", (m: RejectedMessage) => {
        say(typeof m?.message === "string" ? `The room refused: ${m.message}` : "The room refused that.");
        onChange();
      });
      r.onMessage("closing", (m: ClosingMessage) => {
        say(m.message);
        onChange();
      });
      // Anything else the room says is not for this page.
      r.onMessage("*", () => undefined);
    },
    onStatus(next) {
      link = next;
      if (next.kind !== "connected") room = next.kind === "reconnecting" ? room : null;
      error = next.kind === "failed" ? next.message : null;
      if (next.kind === "ended") {
        endedEl.hidden = false;
        endedEl.replaceChildren(h("a", { href: `#replay/${id}` }, "Open its replay and exports"), ".");
      }
      showStatus();
      schedule();
      onChange();
    },
  });

  return {
    hook: () => ({
      sessionId: id,
      connected: link.kind === "connected",
      students: humans,
      bots: state?.bots ?? 0,
      comparison,
      boards: [board.hook],
      error,
      status: status ? { phase: status.phase, headline: status.headline } : null,
    }),
    close() {
      closed = true;
      connection.stop();
      window.clearInterval(timer);
      pacing.destroy();
      board.destroy();
    },
  };
}
