/**
 * What the dashboard tests share: opening the dashboard, waiting on its test hook, the tokens the browser
 * keeps for a session (only there: the page never shows the teacher's), making a session through the
 * new-session form the way a teacher does, downloading a replay's exports and reading them as CSV, and
 * checking that what matters lies inside the viewport of a laptop.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import type { TeacherHook } from "../../client/src/common/testHook.ts";
import { ARTIFACTS, DESKTOP } from "./browser.ts";
import { waitForHook } from "./studentFlow.ts";

/** The laptop the issue was measured on, and a large monitor. */
export const LAPTOP = { width: 1366, height: 768 } as const;
export const WIDE = { width: 1920, height: 1080 } as const;

/** The dashboard in a browser context of its own, downloads allowed; the caller closes its context. */
export async function openDashboard(
  browser: Browser,
  base: string,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<Page> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  // Every confirm() on the dashboard (end, kick, ban, reveal) is answered yes, as a teacher would.
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
  /** The seconds before the next round opens by itself (used only with `autoAdvance`). */
  readonly reviewSeconds: number;
  /** Rounds open by themselves; off by default, as on the form: the class waits for the teacher. */
  readonly autoAdvance?: boolean;
  readonly scheme?: string;
}

/**
 * Fills the new-session form (independent exam, at most 5 students, no end at the criterion), creates the
 * session and waits for its live view; returns the session id. Rounds wait for the teacher after each close
 * unless `autoAdvance` is set.
 */
export async function createThroughForm(page: Page, base: string, fields: FormFields): Promise<string> {
  await page.goto(`${base}/teacher#create`);
  await page.locator("#exam").selectOption("independent");
  await page.locator("#create-scheme select").selectOption(fields.scheme ?? "global");
  await page.locator("#bots").fill(String(fields.bots));
  await page.locator("#roundSeconds").fill(String(fields.roundSeconds));
  await page.locator("#reviewSeconds").fill(String(fields.reviewSeconds));
  await page.locator("#autoAdvance").setChecked(fields.autoAdvance === true);
  await page.locator("#maxStudents").fill("5");
  await page.locator("#endAtCriterion").uncheck();
  await page.locator("#create").click();
  await page.waitForURL(/#live\/[\w-]+$/);
  const id = new URL(page.url()).hash.replace("#live/", "");
  await untilTeacher(page, (h) => h.view === "live" && h.connected, "the live view to connect");
  return id;
}

/** The replay's exports: per round, and per student and round. */
export type CsvExport = "rounds" | "students";

/**
 * Presses the first replay's download button for `which` and reads the file the browser saved: its name and
 * its lines.
 */
export async function downloadCsv(
  page: Page,
  which: CsvExport = "rounds",
): Promise<{ filename: string; lines: string[] }> {
  const button = page
    .locator(`.replay-panel .${which === "rounds" ? "export-csv" : "export-students"}`)
    .first();
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  // The file opens with UTF-8's byte-order mark (for spreadsheets) and ends its lines with CR LF.
  const lines = readFileSync(await download.path(), "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/);
  return { filename: download.suggestedFilename(), lines };
}

/** One CSV line's cells (RFC 4180 quoting: "a, b" and "say ""hi""" are one cell each). */
export function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

/** A CSV file's lines as records by column name. */
export function csvRecords(lines: readonly string[]): { columns: string[]; rows: Record<string, string>[] } {
  const columns = csvCells(lines[0] ?? "");
  const rows = lines.slice(1).map((line) => {
    const cells = csvCells(line);
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""]));
  });
  return { columns, rows };
}

/**
 * Every element `selector` matches that is shown (has a size) and lies partly or wholly outside the
 * viewport, with the page scrolled to its top; and how many shown elements were checked.
 */
export async function outsideViewport(
  page: Page,
  selector: string,
): Promise<{ checked: number; outside: string[] }> {
  return page.evaluate((sel) => {
    window.scrollTo(0, 0);
    const w = document.documentElement.clientWidth;
    const h = document.documentElement.clientHeight;
    const shown = Array.from(document.querySelectorAll(sel)).filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    });
    const outside = shown
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < -0.5 || r.top < -0.5 || r.right > w + 0.5 || r.bottom > h + 0.5;
      })
      .map((el) => {
        const r = el.getBoundingClientRect();
        const name = el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}.${el.className}`;
        return `${name} (${el.textContent?.trim().slice(0, 30) ?? ""}) at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`;
      });
    return { checked: shown.length, outside };
  }, selector);
}

/** What a teacher sees without scrolling: the viewport alone, to artifacts/screenshots/NAME.png. */
export async function viewportShot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: false });
  return path;
}
