/**
 * The live view of one session: the teacher's connection to its room, the same class board as the
 * projector (drawn from the room's state by the projector's own adapter), the phase, round and countdown,
 * the comparison with the twin class in words, the controls and the roster. Refusals from the room are
 * said in a status line that screen readers announce.
 */
import type { RejectedMessage } from "../../../shared/protocol/messages.ts";
import { botSeats, MAX_SEATS } from "../../../shared/protocol/session.ts";
import { compareClasses } from "../../../shared/session/comparison.ts";
import { ClassBoard } from "../board/board.ts";
import { statePicture } from "../projector/statePicture.ts";
import { formatRemaining } from "../student/clock.ts";
import { sessionDetail } from "./api.ts";
import { Controls, type Send } from "./controls.ts";
import { h, setText } from "./dom.ts";
import type { HookPart } from "./hook.ts";
import { connectTeacher, type LinkStatus, serverNow, type TeacherRoom } from "./liveConnection.ts";
import { evenChart, isLeaving, lastScores, rosterOf, schemeFrom, type TeacherState } from "./liveState.ts";
import { Roster } from "./roster.ts";
import { shareBlock } from "./shareLinks.ts";
import { keptSession } from "./store.ts";
import { END_WORDS, phaseWords, scoreText } from "./words.ts";

export interface LiveView {
  hook(): HookPart;
  close(): void;
}

const LINK_WORDS: Record<LinkStatus["kind"], string> = {
  connecting: "Connecting to the room…",
  connected: "Connected.",
  reconnecting: "Connection lost: reconnecting…",
  ended: "This session has ended and its room has closed.",
  failed: "Cannot connect.",
};

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
  let timer = 0;
  let pending = false;
  let closed = false;
  let schemeShown = false;

  const linkLine = h("p", { class: "link-status", id: "link-status", role: "status" }, LINK_WORDS.connecting);
  const said = h("p", { class: "said", id: "live-said", role: "status", "aria-live": "polite" });
  const say = (text: string): void => {
    said.textContent = text;
  };
  const send: Send = (type, message) => {
    if (!room) {
      say("Not connected: that did not reach the room.");
      return;
    }
    room.send(type, message);
  };

  const roundLine = h(
    "p",
    { class: "round-line" },
    h("span", { id: "live-round" }, "Round 0"),
    " · ",
    h("span", { id: "live-phase" }, "Connecting…"),
  );
  const timerEl = h("span", {
    id: "live-timer",
    class: "timer",
    role: "timer",
    "aria-label": "Time left in the round",
  });
  roundLine.append(timerEl);
  const scoreLine = h("p", { class: "score-line", id: "live-score" });
  const comparisonEl = h("p", { class: "comparison", id: "live-comparison", "aria-live": "polite" });
  const endedEl = h("p", { class: "ended-note", id: "live-ended", hidden: true });
  const boardBox = h("div", { class: "board-box" });
  const controls = new Controls(send, say, MAX_SEATS);
  const roster = new Roster({
    kick: (seat, nickname) => {
      if (confirm(`Kick ${nickname}? The seat is freed; they can join again.`)) {
        send("kick", { seat });
        say(`Kicking ${nickname}…`);
      }
    },
    ban: (seat, nickname) => {
      if (
        confirm(`Ban ${nickname}? This browser of theirs cannot join this session again, under any name.`)
      ) {
        send("ban", { seat });
        say(`Banning ${nickname}…`);
      }
    },
  });

  container.replaceChildren(
    h("h2", { id: "live-title" }, "Session ", h("span", { class: "code", id: "live-code" }, kept.code)),
    linkLine,
    shareBlock(kept),
    h(
      "div",
      { class: "live-grid" },
      h("div", { class: "live-main" }, roundLine, scoreLine, boardBox, comparisonEl, endedEl),
      h("div", { class: "live-side" }, said, controls.element),
    ),
    roster.element,
  );
  const board = new ClassBoard(boardBox);

  void sessionDetail(id, kept.teacherToken).then((detail) => {
    if (detail.ok) controls.setMaxBots(botSeats(detail.value.config));
  });

  function render(): void {
    pending = false;
    const s = state;
    if (!s || closed) return;
    const usable = link.kind === "connected";
    setText(roundLine.children[0], `Round ${s.round}`);
    setText(roundLine.children[1], phaseWords(s.phase));
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
    controls.update(s, usable);
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
        compareClasses(chart, { live, twin: twinScheme, over: s.phase === "ended" })?.sentence ?? null;
      setText(
        comparisonEl,
        comparison ?? "The comparison with the twin class shows here after the first round.",
      );
    }
    endedEl.hidden = s.phase !== "ended";
    if (s.phase === "ended") {
      const why = END_WORDS[s.endReason] ?? "The session has ended.";
      endedEl.replaceChildren(`${why} `, h("a", { href: `#replay/${id}` }, "Open its replay"), ".");
    }
    tick();
    onChange();
  }

  const schedule = (): void => {
    if (pending || closed) return;
    pending = true;
    // A hidden tab gets no animation frames; the roster and controls still keep up.
    if (document.hidden) setTimeout(render, 100);
    else requestAnimationFrame(render);
  };

  function tick(): void {
    const s = state;
    const ms = !s
      ? null
      : s.phase === "open" && s.closesAt > 0
        ? s.closesAt - serverNow()
        : s.phase === "paused" && s.remainingMs > 0
          ? s.remainingMs
          : null;
    timerEl.hidden = ms === null;
    if (ms !== null) setText(timerEl, ` · ${formatRemaining(ms)} left`);
  }
  timer = window.setInterval(tick, 250);

  const connection = connectTeacher(kept, {
    onRoom(r) {
      room = r;
      r.onStateChange((s) => {
        state = s;
        schedule();
      });
      r.onMessage("rejected", (m: RejectedMessage) => {
        say(typeof m?.message === "string" ? m.message : "The room refused that.");
        onChange();
      });
      // Anything else the room says is not for this page.
      r.onMessage("*", () => undefined);
    },
    onStatus(status) {
      link = status;
      if (status.kind !== "connected") room = status.kind === "reconnecting" ? room : null;
      error = status.kind === "failed" ? status.message : null;
      setText(
        linkLine,
        status.kind === "failed" ? `${LINK_WORDS.failed} ${status.message}` : LINK_WORDS[status.kind],
      );
      if (status.kind === "ended") {
        endedEl.hidden = false;
        endedEl.replaceChildren(
          "The session has ended. ",
          h("a", { href: `#replay/${id}` }, "Open its replay"),
          ".",
        );
      }
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
    }),
    close() {
      closed = true;
      connection.stop();
      window.clearInterval(timer);
      board.destroy();
    },
  };
}
