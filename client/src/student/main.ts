/**
 * The student page (`/student`): takes the seat the join page handed over, keeps it through refreshes and
 * network drops, and turns the room's messages into the model that the neuron, the words and the level
 * control draw from.
 */
import "../common/zodJitless.ts";
import type {
  ClosingMessage,
  FeedbackMessage,
  RejectedMessage,
  YouMessage,
} from "../../../shared/protocol/messages.ts";
import { element } from "../join/dom.ts";
import { forgetSeat } from "../join/handover.ts";
import { measureOffset } from "./clock.ts";
import { connect, type StudentRoom } from "./connection.ts";
import { levelControl } from "./levelControl.ts";
import { current, type Ending, subscribe, update } from "./model.ts";
import { startNeuron } from "./neuronScene.ts";
import { phaseOf, schemeOf } from "./publicState.ts";
import { startTimer } from "./timer.ts";
import { startView } from "./view.ts";
import { announcement } from "./words.ts";

let room: StudentRoom | null = null;

function end(ending: Ending): void {
  room = null;
  // A seat that is gone cannot be reconnected to: the join page must not offer to go back to it.
  if (ending !== "no-seat") forgetSeat();
  update({ status: "gone", ending });
}

function onYou(you: YouMessage): void {
  const m = current();
  // The server's level is taken on a new round or a (re)connect, never mid-drag within a round.
  const fresh = m.you === null || you.round !== m.you.round;
  update({ you, submitted: you.submitted, ...(fresh ? { level: you.level } : {}) });
}

function onFeedback(message: FeedbackMessage): void {
  // A reconnect re-sends the last round's feedback: show each round's once.
  if (current().feedback?.round === message.round) return;
  update({ feedback: message, announcement: announcement(message, current().exam) });
}

function attach(r: StudentRoom): void {
  room = r;
  r.onMessage("you", onYou);
  r.onMessage("feedback", onFeedback);
  r.onMessage("rejected", (m: RejectedMessage) => update({ notice: m.message }));
  r.onMessage("removed", (m: { reason?: string }) =>
    end(m.reason === "banned" ? "banned" : m.reason === "elsewhere" ? "elsewhere" : "kicked"),
  );
  // A restart or a disk that cannot be written: the page says so while it finds its way back.
  r.onMessage("closing", (m: ClosingMessage) => update({ notice: m.message }));
  r.onStateChange((state) => {
    const phase = phaseOf(state);
    const m = current();
    const newRound = phase === "open" && state.round !== m.round;
    // An ended session has no seat to go back to: the join page must not offer one (this page keeps its end).
    if (phase === "ended" && m.phase !== "ended") forgetSeat();
    const scores = state.scores;
    update({
      phase,
      round: state.round,
      closesAt: state.closesAt,
      remainingMs: state.remainingMs,
      nextRoundAt: state.nextRoundAt ?? 0,
      nextScheme: schemeOf(state.nextScheme),
      pausedBy: state.pausedBy ?? "",
      revealed: state.revealed ?? false,
      exam: state.exam ?? "",
      classScore: scores && scores.length > 0 ? (scores.at(scores.length - 1) ?? null) : null,
      ...(newRound ? { submitted: false, notice: null } : {}),
    });
  });
}

startView();
startTimer();
// The seat first: the reconnect's round trip then overlaps Phaser's start instead of waiting behind it.
connect({
  onRoom: (r, seat) => {
    update({ code: seat.code, nickname: seat.nickname });
    attach(r);
  },
  onStatus: (status) => {
    // Back in: whatever the server said on its way down is no longer news.
    if (current().ending === null) update(status === "connected" ? { status, notice: null } : { status });
    if (status === "connected" && room) void measureOffset(room);
  },
  onGone: (why) => {
    if (current().ending !== null) return;
    end(current().phase === "ended" && why === "closed" ? "ended" : why);
  },
});
const scene = startNeuron(element("neuron", HTMLDivElement), (frames) => update({ frames }));
levelControl(
  {
    slider: element("level", HTMLInputElement),
    value: element("level-value", HTMLOutputElement),
    track: element("track", HTMLDivElement),
    key: element("key", HTMLDivElement),
    submit: element("submit", HTMLButtonElement),
  },
  (type, message) => room?.send(type, message),
);

subscribe((m, before) => {
  scene.setLevel(m.level);
  // The signal stays on show through the next round: that is when the student acts on it.
  if (m.feedback !== before.feedback && m.feedback) scene.showFeedback(m.feedback.feedback);
});
