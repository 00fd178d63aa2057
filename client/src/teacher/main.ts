/**
 * The teacher's dashboard (`/teacher`): create a session, run it live, and replay and export past ones.
 * Each place is a hash route, so a reload keeps the view; only one view is open at a time, and leaving it
 * closes its connection and its boards.
 */
import "../common/zodJitless.ts";
import { element } from "../join/dom.ts";
import { startCreateForm } from "./createForm.ts";
import { changed, hookView } from "./hook.ts";
import { openLive } from "./liveView.ts";
import { openReplays } from "./replaysList.ts";
import { openReplay } from "./replayView.ts";
import { parseRoute, type Route, routeHash } from "./routes.ts";

const VIEWS = {
  create: element("view-create", HTMLElement),
  live: element("view-live", HTMLElement),
  replays: element("view-replays", HTMLElement),
  replay: element("view-replay", HTMLElement),
} as const;
const NAV: Partial<Record<Route["view"], HTMLElement>> = {
  create: element("nav-create", HTMLAnchorElement),
  replays: element("nav-replays", HTMLAnchorElement),
};

let close: () => void = () => undefined;

function show(route: Route): void {
  close();
  close = () => undefined;
  for (const [name, section] of Object.entries(VIEWS)) section.hidden = name !== route.view;
  for (const [name, link] of Object.entries(NAV)) {
    if (name === route.view) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  switch (route.view) {
    case "create":
      hookView("create", () => ({}));
      break;
    case "live": {
      const live = openLive(VIEWS.live, route.id, changed);
      close = live.close;
      hookView("live", live.hook);
      break;
    }
    case "replays": {
      const list = openReplays(element("replays-list", HTMLDivElement), changed);
      close = list.close;
      hookView("replays", () => ({}));
      break;
    }
    case "replay": {
      const replay = openReplay(element("replay-panels", HTMLDivElement), route.ids, changed);
      close = replay.close;
      hookView("replay", replay.hook);
      break;
    }
  }
  document.title = `Group Exam: ${{ create: "new session", live: "live session", replays: "sessions", replay: "replay" }[route.view]}`;
}

startCreateForm((id) => {
  location.hash = routeHash({ view: "live", id });
});
window.addEventListener("hashchange", () => show(parseRoute(location.hash)));
show(parseRoute(location.hash));
