/**
 * The projector page (`/class/CODE#key=TOKEN`): keeps the key for the tab and takes it off the address bar
 * (address.ts), joins the class room with it, shows the lobby (code, join URL, QR code, the names as
 * students join) until the teacher starts, then the class board with the round's countdown, the
 * submissions, what happens after the feedback and the comparison in one sentence, and at the end a summary
 * with the key revealed. The server sends the projector only the wall's part of the state (what
 * shared/session/wall.ts lets the wall show: no names once play starts, nothing of the key before the
 * reveal), and the field draws its wall picture. A presenter's clicker (Space, PageDown, →, Enter) moves the
 * class on between rounds. It reconnects on its own after a drop.
 */
import "../common/zodJitless.ts";
import "./projector.css";
import type { ClosingMessage } from "../../../shared/protocol/messages.ts";
import type { ClassPicture } from "../../../shared/session/picture.ts";
import { wallPicture } from "../../../shared/session/wall.ts";
import { ClassBoard } from "../board/board.ts";
import { type ProjectorHook, publish } from "../common/testHook.ts";
import { serverOrigin } from "../join/handover.ts";
import { measureOffset, serverNow } from "../student/clock.ts";
import type { StudentRoom } from "../student/connection.ts";
import { addressWithoutKey, joinUrlFor, readAddress } from "./address.ts";
import { connectProjector, type LinkStatus, type ProjectorRoom } from "./connection.ts";
import { summaryLines } from "./endSummary.ts";
import { JoinOrder, type NamedSeat } from "./joinOrder.ts";
import { keepKey, keptKey } from "./keptKey.ts";
import { AdvanceGuard, isPresenterKey } from "./presenter.ts";
import type { ProjectorState } from "./state.ts";
import { statePicture } from "./statePicture.ts";
import { ProjectorView } from "./view.ts";
import { type WallModel, wallModel } from "./wallModel.ts";
import { ENDED, NO_CODE, NO_KEY, type Problem } from "./words.ts";

const view = new ProjectorView();
const address = readAddress(location.pathname, location.hash, keptKey);
// The class reads the wall, address bar included: once the tab holds the key, the address shows the code only.
if (address.ok && address.fromLink && keepKey(address.code, address.token))
  history.replaceState(history.state, "", addressWithoutKey(location.pathname, location.search));
const order = new JoinOrder();
const guard = new AdvanceGuard();
let board: ClassBoard | null = null;
let room: ProjectorRoom | null = null;
let state: ProjectorState | null = null;
/** The wall's picture of the latest state. */
let wall: ClassPicture | null = null;
let model: WallModel | null = null;
let connected = false;
let ended = false;
let joinUrl: string | null = null;
let error: string | null = null;
let advances = 0;

function snapshot(): ProjectorHook {
  return {
    page: "projector",
    connected,
    code: address.code ?? "",
    joinUrl,
    board: board?.hook ?? null,
    error,
    screen: view.current,
    names: view.shownNames,
    joined: state?.students ?? 0,
    comparison: model?.comparison ?? null,
    next: model?.next ?? null,
    advances,
    summary: model?.end ? summaryLines(model.end) : [],
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

/** The lobby's names from the wall's seats (students only; the server sends names in the lobby only). */
function namedSeats(s: ProjectorState): NamedSeat[] {
  const out: NamedSeat[] = [];
  s.wall?.seats?.forEach((row) => {
    if (typeof row.nickname === "string" && typeof row.seat === "number")
      out.push({ seat: row.seat, nickname: row.nickname, kind: String(row.kind) });
  });
  return out;
}

/** The words around the board, from the latest state; the clock calls it a few times a second. */
function words(): void {
  const s = state;
  if (!s || !wall || view.current === "problem") return;
  model = wallModel(s, wall, serverNow());
  view.show(model.screen);
  view.render(model);
  if (model.screen === "lobby") view.setNames(order.update(namedSeats(s)));
}

function onState(s: ProjectorState): void {
  state = s;
  if (s.phase === "ended") ended = true;
  if (view.current !== "problem") {
    // The wall's part of the state is all the server sends the projector; the field never names anyone.
    wall = wallPicture(statePicture(s, "wall"));
    board?.show(wall);
    words();
  }
  refresh();
}

function onRoom(r: ProjectorRoom): void {
  room = r;
  r.onStateChange((s) => onState(s));
  // A refused `advance` (the room had moved on): the next press may try again.
  r.onMessage("rejected", () => guard.refused());
  // The server is going down without ending the class (a restart, a disk it cannot write): said until it is back.
  r.onMessage("closing", (m: ClosingMessage) => {
    closingNote = m.message;
  });
  r.onMessage("*", () => undefined);
  // Only the request is used, which every room has: the student page's clock serves the projector too.
  void measureOffset(r as unknown as StudentRoom);
}

/** A presenter's "next": opens the first or the next round; never closes an open one. */
function onKey(e: KeyboardEvent): void {
  if (!isPresenterKey(e)) return;
  const s = state;
  if (!s || !room || !connected) return;
  e.preventDefault();
  if (!guard.request(s.phase, s.round)) return;
  room.send("advance", {});
  advances++;
  refresh();
}

const STATUS_TEXT: Record<LinkStatus, string> = {
  connecting: "Connecting to the class…",
  connected: "",
  reconnecting: "Connection lost: reconnecting…",
};

let closingNote: string | null = null;

function onStatus(status: LinkStatus, note?: string): void {
  connected = status === "connected";
  if (connected) closingNote = null;
  view.setStatus(closingNote ?? note ?? STATUS_TEXT[status]);
  refresh();
}

async function loadJoinUrl(code: string): Promise<void> {
  let origin: string | null = null;
  try {
    const res = await fetch(`${serverOrigin()}/api/join-origin`);
    const body: unknown = res.ok ? await res.json() : null;
    const given = typeof body === "object" && body !== null && "joinOrigin" in body ? body.joinOrigin : null;
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
  board = new ClassBoard(view.boardHost, { fill: true });
  void loadJoinUrl(code);
  connectProjector(code, token, {
    onRoom,
    onStatus,
    onProblem: stop,
    onEnded: () => {
      ended = true;
      connected = false;
      room = null;
      // With a board on show, it stays as the final one; a page opened after the end says so instead.
      if (state) {
        view.setStatus("The session has ended.");
        refresh();
      } else stop(ENDED);
    },
    ended: () => ended,
  });
  addEventListener("keydown", onKey);
  setInterval(words, 250);
}
// The board's frame counts and times move on their own: publish them a few times a second.
setInterval(refresh, 250);
// A different key in the link is a different projector: start again with it.
addEventListener("hashchange", () => location.reload());
// Names fit their box again at a new size.
addEventListener("resize", () => {
  view.remeasureNames();
  words();
});
refresh();
