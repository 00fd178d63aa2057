/**
 * The projector page (`/class/CODE#key=TOKEN`): joins the class room with the projector's key, shows the
 * lobby (code, join URL, QR code) until the teacher starts, then the class board with the round, its clock
 * and the submissions, and the final board when the session ends. It reconnects on its own after a drop.
 */
import "./projector.css";
import { ClassBoard } from "../board/board.ts";
import { type ProjectorHook, publish } from "../common/testHook.ts";
import { serverOrigin } from "../join/handover.ts";
import { measureOffset, serverNow } from "../student/clock.ts";
import type { StudentRoom } from "../student/connection.ts";
import { joinUrlFor, readAddress } from "./address.ts";
import { connectProjector, type LinkStatus, type ProjectorRoom } from "./connection.ts";
import type { ProjectorState } from "./state.ts";
import { statePicture } from "./statePicture.ts";
import { ProjectorView } from "./view.ts";
import {
  ENDED,
  endLine,
  joinedLine,
  NO_CODE,
  NO_KEY,
  type Problem,
  roundLine,
  submittedLine,
} from "./words.ts";

const view = new ProjectorView();
const address = readAddress(location.pathname, location.hash);
let board: ClassBoard | null = null;
let state: ProjectorState | null = null;
let connected = false;
let ended = false;
let joinUrl: string | null = null;
let error: string | null = null;

function snapshot(): ProjectorHook {
  return {
    page: "projector",
    connected,
    code: address.code ?? "",
    joinUrl,
    board: board?.hook ?? null,
    error,
  };
}

const refresh = (): void => publish(snapshot());

function stop(problem: Problem): void {
  error = `${problem.title}. ${problem.text}`;
  connected = false;
  view.setStatus("");
  view.showProblem(problem);
  refresh();
}

function remaining(s: ProjectorState): number | null {
  if (s.phase === "open" && s.closesAt > 0) return s.closesAt - serverNow();
  if (s.phase === "paused" && s.remainingMs > 0) return s.remainingMs;
  return null;
}

/** The words around the board, from the latest state; the clock calls it a few times a second. */
function words(): void {
  const s = state;
  if (!s) return;
  view.setJoined(joinedLine(s.students));
  view.setRound(
    roundLine({
      phase: s.phase,
      round: s.round,
      remainingMs: remaining(s),
      submitted: s.submitted,
      seated: s.seated,
      bots: s.bots,
    }),
    s.phase === "open" || s.phase === "paused" ? submittedLine(s) : "",
    s.phase === "ended" ? endLine(s.endReason) : "",
  );
}

function onState(s: ProjectorState): void {
  state = s;
  if (s.phase === "ended") ended = true;
  board?.show(statePicture(s));
  if (view.current !== "problem") view.show(s.phase === "lobby" ? "lobby" : "board");
  words();
  refresh();
}

function onRoom(room: ProjectorRoom): void {
  room.onStateChange((s) => onState(s));
  // Only the request is used, which every room has: the student page's clock serves the projector too.
  void measureOffset(room as unknown as StudentRoom);
}

const STATUS_TEXT: Record<LinkStatus, string> = {
  connecting: "Connecting to the class…",
  connected: "",
  reconnecting: "Connection lost: reconnecting…",
};

function onStatus(status: LinkStatus, note?: string): void {
  connected = status === "connected";
  view.setStatus(note ?? STATUS_TEXT[status]);
  refresh();
}

async function loadJoinUrl(code: string): Promise<void> {
  let origin: string | null = null;
  try {
    const res = await fetch(`${serverOrigin()}/api/join-origin`);
    const body: unknown = res.ok ? await res.json() : null;
    const given = (body as { joinOrigin?: unknown } | null)?.joinOrigin;
    origin = typeof given === "string" ? given : null;
  } catch {
    // No answer: students join where this page came from.
  }
  joinUrl = joinUrlFor(origin, location.origin, code);
  view.setJoinUrl(joinUrl);
  refresh();
}

if (!address.ok) {
  if (address.code) view.setCode(address.code);
  stop(address.problem === "no-key" ? NO_KEY : NO_CODE);
} else {
  const { code, token } = address;
  view.setCode(code);
  view.setStatus("Connecting to the class…");
  board = new ClassBoard(view.boardHost);
  void loadJoinUrl(code);
  connectProjector(code, token, {
    onRoom,
    onStatus,
    onProblem: stop,
    onEnded: () => {
      ended = true;
      connected = false;
      // With a board on show, it stays as the final one; a page opened after the end says so instead.
      if (state) {
        view.setStatus("The session has ended.");
        refresh();
      } else stop(ENDED);
    },
    ended: () => ended,
  });
  setInterval(words, 250);
}
// The board's frame counts and times move on their own: publish them a few times a second.
setInterval(refresh, 250);
// A different key in the link is a different projector: start again with it.
addEventListener("hashchange", () => location.reload());
refresh();
