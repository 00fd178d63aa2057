/**
 * The dashboard's test hook: the showing view gives its part, and the page publishes a fresh copy on every
 * change and a few times a second (the boards' frame counts move on their own).
 */
import { publish, type TeacherHook } from "../common/testHook.ts";

export type HookPart = Partial<Omit<TeacherHook, "page" | "view">>;

const EMPTY: Omit<TeacherHook, "page" | "view"> = {
  sessionId: null,
  connected: false,
  students: 0,
  bots: 0,
  comparison: null,
  boards: [],
  error: null,
  replays: [],
  status: null,
  timeline: null,
};

let view: TeacherHook["view"] = "create";
let source: () => HookPart = () => ({});

/** The showing view and where its part of the hook comes from. */
export function hookView(next: TeacherHook["view"], part: () => HookPart): void {
  view = next;
  source = part;
  changed();
}

/** Publishes the hook now (after anything a test may wait on has changed). */
export function changed(): void {
  const hook: TeacherHook = { page: "teacher", view, ...EMPTY, ...source() };
  // A copy, so the page's live objects never leak into what tests read.
  publish(JSON.parse(JSON.stringify(hook)) as TeacherHook);
}

setInterval(changed, 250);
