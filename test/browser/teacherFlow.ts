/**
 * What the dashboard tests share: opening the dashboard, waiting on its test hook, the tokens the browser
 * keeps for a session (only there: the page never shows the teacher's), making a session through the
 * new-session form the way a teacher does, and downloading a replay's CSV.
 */
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import type { TeacherHook } from "../../client/src/common/testHook.ts";
import { DESKTOP } from "./browser.ts";
import { waitForHook } from "./studentFlow.ts";

/** The dashboard in a browser context of its own, downloads allowed; the caller closes its context. */
export async function openDashboard(browser: Browser, base: string): Promise<Page> {
  const context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
  const page = await context.newPage();
  // Every confirm() on the dashboard (end, kick, ban) is answered yes, as a teacher would.
  page.on("dialog", (dialog) => void dialog.accept());
  await page.goto(`${base}/teacher`);
  return page;
}

/** Polls the teacher page's hook until `check` holds. */
export const untilTeacher = (
  page: Page,
  check: (h: TeacherHook) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<TeacherHook> =>
  waitForHook<TeacherHook>(page, (h) => h.page === "teacher" && check(h), what, timeoutMs);

export interface Kept {
  readonly teacherToken: string;
  readonly projectorToken: string;
  readonly code: string;
}

/** The tokens this browser keeps for a session. */
export async function keptFor(page: Page, id: string): Promise<Kept> {
  const all = await page.evaluate(() =>
    JSON.parse(localStorage.getItem("groupExam.teacherSessions") ?? "{}"),
  );
  return (all as Record<string, Kept>)[id];
}

export interface FormFields {
  readonly bots: number;
  readonly roundSeconds: number;
  readonly reviewSeconds: number;
  readonly scheme?: string;
}

/**
 * Fills the new-session form (independent exam, at most 5 students, no end at the criterion), creates the
 * session and waits for its live view; returns the session id.
 */
export async function createThroughForm(page: Page, base: string, fields: FormFields): Promise<string> {
  await page.goto(`${base}/teacher#create`);
  await page.locator("#exam").selectOption("independent");
  await page.locator("#create-scheme select").selectOption(fields.scheme ?? "global");
  await page.locator("#bots").fill(String(fields.bots));
  await page.locator("#roundSeconds").fill(String(fields.roundSeconds));
  await page.locator("#reviewSeconds").fill(String(fields.reviewSeconds));
  await page.locator("#maxStudents").fill("5");
  await page.locator("#endAtCriterion").uncheck();
  await page.locator("#create").click();
  await page.waitForURL(/#live\/[\w-]+$/);
  const id = new URL(page.url()).hash.replace("#live/", "");
  await untilTeacher(page, (h) => h.view === "live" && h.connected, "the live view to connect");
  return id;
}

/** Presses the first replay's "Download CSV" and reads the file the browser saved: its name and its lines. */
export async function downloadCsv(page: Page): Promise<{ filename: string; lines: string[] }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator(".replay-panel .export-csv").click(),
  ]);
  const lines = readFileSync(await download.path(), "utf8")
    .trim()
    .split("\n");
  return { filename: download.suggestedFilename(), lines };
}
