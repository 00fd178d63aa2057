/**
 * What the join, student and figures tests share: joining a class the way a student does (the join page,
 * then the handover to /student), waiting on a page's test hook, reading the teacher's view of a seat, and
 * for the student page's tests a class in the lobby with its rounds played by the teacher's SDK client.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { JoinHook, PageHook, StudentHook } from "../../client/src/common/testHook.ts";
import type { SessionConfigInput } from "../../shared/protocol/session.ts";
import { createSession, joinStaff, type Participant, type TestServer, waitFor } from "../server/harness.ts";
import { DESKTOP, hook, launchBrowser, screenshot } from "./browser.ts";

/** Polls the page's hook until `check` holds; throws with `what` and the last hook seen otherwise. */
export async function waitForHook<T extends PageHook>(
  page: Page,
  check: (h: T) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const start = Date.now();
  let last: T | undefined;
  for (;;) {
    // A navigation between two reads throws "execution context was destroyed": that is a read to retry.
    last = await hook<T>(page).catch(() => undefined);
    if (last && check(last)) return last;
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out waiting for ${what}; the hook last said ${JSON.stringify(last)}`);
    await page.waitForTimeout(25);
  }
}

export const isStudent = (h: PageHook): h is StudentHook => h.page === "student";

/** The student page, connected and in its seat. */
export const waitSeated = (page: Page, what = "the student page to be seated"): Promise<StudentHook> =>
  waitForHook<StudentHook>(page, (h) => isStudent(h) && h.connected && h.seat >= 0, what);

/** The join page with its error line saying something. */
export const waitJoinError = (page: Page): Promise<JoinHook> =>
  waitForHook<JoinHook>(page, (h) => h.page === "join" && h.error !== null, "a join error");

/** Opens /join/CODE, types the nickname, presses Join, and waits until /student has the seat. */
export async function joinInBrowser(
  page: Page,
  base: string,
  code: string,
  nickname: string,
): Promise<StudentHook> {
  await page.goto(`${base}/join/${code}`);
  return joinHere(page, nickname);
}

/** On a join page whose code is filled in: types the nickname, presses Join, waits for the seat on /student. */
export async function joinHere(page: Page, nickname: string): Promise<StudentHook> {
  await page.locator("#nickname").fill(nickname);
  await page.locator("#join").click();
  await page.waitForURL(/\/student$/);
  return waitSeated(page, `${nickname} to be seated`);
}

/** One seat's row as the teacher's SDK client sees it (the staff-only roster), or undefined. */
export interface SeatRow {
  readonly seat: number;
  readonly nickname: string;
  readonly kind: string;
  readonly connected: boolean;
  readonly submitted: boolean;
  readonly seated: boolean;
  readonly level: number;
  readonly feedback: string;
}

export function seatRow(teacher: Participant, seat: number): SeatRow | undefined {
  return teacher.room.state.staff?.roster.get(String(seat)) as SeatRow | undefined;
}

export function humanRows(teacher: Participant): SeatRow[] {
  const roster = teacher.room.state.staff?.roster;
  if (!roster) return [];
  return [...roster.values()].filter((r: SeatRow) => r.kind === "human") as SeatRow[];
}

/** For expect.poll: its default second is too short for a loaded CI machine driving several browsers. */
export const WAIT = { timeout: 10_000, interval: 50 } as const;

/**
 * What every open page showed when a test failed (address, hook, error and status lines, a screenshot
 * named after the test), so a failure on a loaded CI machine says where each browser was.
 */
export async function describePages(contexts: readonly BrowserContext[], test: string): Promise<string> {
  const lines = [`pages open when "${test}" failed:`];
  const slug = test.replace(/[^a-z0-9]+/gi, "-").slice(0, 60);
  let n = 0;
  for (const context of contexts)
    for (const page of context.pages()) {
      const seen = await page
        .evaluate(() => ({
          hook: window.__groupExam ?? null,
          error: document.getElementById("error")?.textContent ?? null,
          status: document.getElementById("status")?.textContent ?? null,
        }))
        .catch((e: unknown) => `unreadable: ${String(e)}`);
      const shot = await screenshot(page, `failed-${slug}-${n++}`).catch(() => "no screenshot");
      lines.push(`  ${page.url()} ${JSON.stringify(seen)} ${shot}`);
    }
  return lines.join("\n");
}

/** A seat's own key (its target on the `independent` exam) as the teacher's roster holds it; null where none. */
export function seatKey(teacher: Participant, seat: number): number | null {
  const row: { readonly target?: unknown } | undefined = teacher.room.state.staff?.roster.get(String(seat));
  const target = row?.target;
  return typeof target === "number" && target >= 0 ? target : null;
}

/** A session with a teacher (a real SDK client) and students joined through the join page, one browser each. */
export interface StudentClass {
  readonly teacher: Participant;
  readonly pages: Page[];
  readonly seats: number[];
}

export type ClassOf = (
  config: Partial<SessionConfigInput>,
  names: readonly string[],
  viewport?: { readonly width: number; readonly height: number },
  touch?: boolean,
) => Promise<StudentClass>;

/**
 * For a test file of the student page: launches Chromium, closes each test's browsers and teacher when it
 * ends (a page left drawing its neuron slows every test after it; a failed test first says where each page
 * was), and returns `classOf`, which makes a session in the lobby and joins `names` to it. Sessions are
 * independent, global and teacher-paced unless `config` says otherwise: after a round the class stays on its
 * feedback until the teacher sends `advance` (see `openRound`).
 */
export function useStudentClasses(server: () => TestServer): ClassOf {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const teachers: Participant[] = [];
  const closeAll = async (): Promise<void> => {
    for (const t of teachers.splice(0)) await t.room.leave().catch(() => {});
    for (const c of contexts.splice(0)) await c.close();
  };
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") console.error(await describePages(contexts, task.name));
    await closeAll();
  });
  afterAll(async () => {
    await closeAll();
    await browser?.close();
  });
  return async (config, names, viewport = DESKTOP, touch = false) => {
    if (!browser) throw new Error("the browser is not launched yet");
    const created = await createSession(server(), {
      exam: "independent",
      scheme: { name: "global" },
      maxStudents: 10,
      roundSeconds: 600,
      // autoAdvance is off: the round stays in review until the teacher advances, the feedback read at leisure.
      reviewSeconds: 120,
      endAtCriterion: false,
      seed: 7,
      ...config,
    });
    const teacher = await joinStaff(server(), created);
    teachers.push(teacher);
    const pages: Page[] = [];
    const seats: number[] = [];
    for (const name of names) {
      const context = await browser.newContext({ viewport, hasTouch: touch, isMobile: touch });
      // A stuck action fails within the test's minute, naming itself.
      context.setDefaultTimeout(20_000);
      contexts.push(context);
      const page = await context.newPage();
      seats.push((await joinInBrowser(page, server().http, created.code, name)).seat);
      pages.push(page);
    }
    return { teacher, pages, seats };
  };
}

/** The teacher opens the next round (from the lobby or a review); every page sees it open and playable. */
export async function openRound(c: StudentClass, round: number): Promise<void> {
  c.teacher.room.send(round === 1 ? "start" : "advance", {});
  await waitFor(
    () => c.teacher.room.state.phase === "open" && c.teacher.room.state.round === round,
    `round ${round} to open`,
  );
  for (const page of c.pages) {
    await waitForHook<StudentHook>(page, (h) => h.phase === "open" && h.round === round, `round ${round}`);
    await expect.poll(() => page.locator("#level").isEnabled(), WAIT).toBe(true);
  }
}

/** Moves student k's slider as a pointer would (one input event) and waits for the server to hold the level. */
export async function setLevel(c: StudentClass, k: number, level: number): Promise<void> {
  await c.pages[k].locator("#level").fill(String(level));
  await waitFor(() => seatRow(c.teacher, c.seats[k])?.level === level, `seat ${c.seats[k]} at ${level}`);
}

/** Every student presses Submit; the round closes on the last one. */
export async function submitAll(c: StudentClass, round: number): Promise<void> {
  for (const page of c.pages) await page.locator("#submit").click();
  await waitFor(
    () => c.teacher.room.state.phase === "review" && c.teacher.room.state.round === round,
    `round ${round} to close`,
  );
}

/** The words the screen reader heard for `round`'s feedback, once the page has them. */
export const announced = (page: Page, round: number): Promise<string> =>
  waitForHook<StudentHook>(
    page,
    (h) => h.announcement?.startsWith(`Round ${round}:`) ?? false,
    `round ${round}'s announcement`,
  ).then(async () => (await page.locator("#announce").textContent()) ?? "");

/** The sizes people hold: a small phone, a tall phone, and a phone held sideways. */
export const SIZES = [
  { width: 360, height: 640 },
  { width: 390, height: 844 },
  { width: 844, height: 390 },
] as const;

/** Each id is visible and its whole box inside the viewport, and the page does not scroll either way. */
export async function expectAllInView(page: Page, ids: readonly string[], where: string): Promise<void> {
  const viewport = page.viewportSize();
  if (!viewport) throw new Error("no viewport");
  for (const id of ids) {
    const el = page.locator(`#${id}`);
    expect(await el.isVisible(), `${where}: #${id} is visible`).toBe(true);
    const box = await el.boundingBox();
    if (!box) throw new Error(`${where}: #${id} has no box`);
    expect(box.x, `${where}: #${id} left`).toBeGreaterThanOrEqual(0);
    expect(box.y, `${where}: #${id} top`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${where}: #${id} right`).toBeLessThanOrEqual(viewport.width);
    expect(box.y + box.height, `${where}: #${id} bottom`).toBeLessThanOrEqual(viewport.height);
  }
  const page_ = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    scrollHeight: document.documentElement.scrollHeight,
    width: document.documentElement.clientWidth,
    height: document.documentElement.clientHeight,
  }));
  expect(page_.scrollWidth, `${where}: no sideways scroll`).toBeLessThanOrEqual(page_.width);
  expect(page_.scrollHeight, `${where}: no scroll down`).toBeLessThanOrEqual(page_.height);
}
