/**
 * What the join, student and figures tests share: joining a class the way a student does (the join page,
 * then the handover to /student), waiting on a page's test hook, and reading the teacher's view of a seat.
 */
import type { BrowserContext, Page } from "playwright-core";
import type { JoinHook, PageHook, StudentHook } from "../../client/src/common/testHook.ts";
import type { Participant } from "../server/harness.ts";
import { hook, screenshot } from "./browser.ts";

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
