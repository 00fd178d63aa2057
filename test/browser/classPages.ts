/**
 * A class's three screens in real Chromium, as the restart and cluster tests open them: a session made
 * through the API (one student's seat, six bots, long rounds), the teacher's dashboard with the session kept
 * in its browser as the new-session form keeps it, a phone that joins by the code, and the wall from its
 * projector link. Every page error is collected. The teacher's SDK room comes back through `server`.
 */
import type { Room } from "@colyseus/sdk";
import type { Browser, Page } from "playwright-core";
import type { ProjectorHook, StudentHook } from "../../client/src/common/testHook.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import { type Created, type Reachable, waitFor } from "../server/harness.ts";
import { type ClassView, comeBack } from "../server/serverProcess.ts";
import { joinInBrowser, waitForHook } from "./studentFlow.ts";
import { untilTeacher } from "./teacherFlow.ts";

export interface ClassPages {
  readonly created: Created;
  readonly desk: Page;
  readonly phone: Page;
  readonly wall: Page;
  /** The phone's seat when it joined. */
  readonly seat: number;
  readonly errors: string[];
  /** The teacher's SDK room, again through the lookup (after a restart or a move). */
  teacherBack(): Promise<Room<unknown, ClassView>>;
}

export async function openClassPages(browser: Browser, server: () => Reachable): Promise<ClassPages> {
  const res = await fetch(`${server().http}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      exam: "independent",
      scheme: { name: "global" },
      maxStudents: 4,
      bots: 6,
      roundSeconds: 600,
      endAtCriterion: false,
    }),
  });
  const created: Created = await res.json();
  const teacherOptions = { role: "teacher", protocol: PROTOCOL_VERSION, token: created.teacherToken };
  const teacherBack = async () => {
    const room = await comeBack(server, created.code, teacherOptions, "the teacher");
    room.onMessage("*", () => undefined);
    return room;
  };
  const base = server().http;
  const desk = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await desk.goto(`${base}/teacher`);
  await desk.evaluate(
    (kept) => localStorage.setItem("groupExam.teacherSessions", kept),
    JSON.stringify({
      [created.id]: {
        teacherToken: created.teacherToken,
        projectorToken: created.projectorToken,
        code: created.code,
        createdAt: Date.now(),
      },
    }),
  );
  await desk.goto(`${base}/teacher#live/${created.id}`);
  await untilTeacher(desk, (h) => h.connected, "the dashboard to connect");
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  const wall = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  const errors: string[] = [];
  for (const page of [phone, wall, desk]) page.on("pageerror", (e) => errors.push(String(e)));
  const seated: StudentHook = await joinInBrowser(phone, base, created.code, "Robin");
  await wall.goto(`${base}/class/${created.code}#key=${encodeURIComponent(created.projectorToken)}`);
  await waitForHook<ProjectorHook>(wall, (h) => h.page === "projector" && h.joined === 1, "the wall's lobby");
  return { created, desk, phone, wall, seat: seated.seat, errors, teacherBack };
}

/**
 * After a restart or a move: the teacher comes back to the class the restart paused, resumes it, and the
 * phone's submission closes round 1 (its only student). Resolves to the teacher's new room.
 */
export async function resumeAndSubmit(
  teacherBack: () => Promise<Room<unknown, ClassView>>,
  phone: Page,
): Promise<Room<unknown, ClassView>> {
  const teacher = await teacherBack();
  await waitFor(
    () => teacher.state.pausedBy === "restart" && teacher.state.connected === 1,
    "the class back",
  );
  teacher.send("resume", {});
  await waitForHook<StudentHook>(phone, (h) => h.phase === "open", "the round open again on the phone");
  await phone.locator("#submit").click();
  await waitFor(() => teacher.state.phase === "review", "round 1 to close on the only student's submit");
  return teacher;
}
