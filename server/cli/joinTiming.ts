/**
 * How long a student waits to be seated, measured in headless Chromium against a real server: a fresh
 * browser context per run opens /join/CODE, enters a nickname, presses Enter, and is followed onto
 * /student until its test hook says connected with a seat. The moment of seating is taken inside the page,
 * when the hook is published, so polling adds nothing to the figure.
 */
import type { Browser } from "playwright-core";

export interface JoinRun {
  /** Join page's navigation start → seated on /student. */
  readonly openedToSeatedMs: number;
  /** Join page's navigation start → its script ready (the hook published). */
  readonly joinPageReadyMs: number;
  /** Enter pressed → /student's navigation start: the room lookup, the join, the handover. */
  readonly handoverMs: number;
  /** /student's navigation start → connected with a seat. */
  readonly studentToConnectedMs: number;
  /** /student's navigation start → its script running (the first student hook, "connecting"). */
  readonly studentScriptMs: number;
}

declare global {
  interface Window {
    /** performance.now() when the page's hook first said seated (set by the watcher below). */
    __seatedAt?: number;
    __readyAt?: number;
    __studentAt?: number;
  }
}

/**
 * Runs in every document of the context before its own scripts: wraps `window.__groupExam` in a setter so
 * the first publish of a join hook, of a student hook and of a seated student hook are each timed where
 * they happen.
 */
function watchHook(): void {
  let held: unknown;
  Object.defineProperty(window, "__groupExam", {
    configurable: true,
    get: () => held,
    set(value: { page?: string; connected?: boolean; seat?: number }) {
      held = value;
      if (value?.page === "join" && window.__readyAt === undefined) window.__readyAt = performance.now();
      if (value?.page === "student" && window.__studentAt === undefined)
        window.__studentAt = performance.now();
      if (value?.page === "student" && value.connected && (value.seat ?? -1) >= 0 && !window.__seatedAt)
        window.__seatedAt = performance.now();
    },
  });
}

/** Epoch milliseconds, high resolution, comparable between this process and the browser on one machine. */
const epochNow = (): number => performance.timeOrigin + performance.now();

export async function timeJoin(
  browser: Browser,
  base: string,
  code: string,
  nickname: string,
): Promise<JoinRun> {
  const context = await browser.newContext();
  try {
    await context.addInitScript(watchHook);
    const page = await context.newPage();
    const response = await page.goto(`${base}/join/${code}`, { waitUntil: "commit" });
    if (!response?.ok())
      throw new Error(`the join page answered ${response?.status() ?? "nothing"}: is dist/client built?`);
    const joinOrigin = await page.evaluate(() => performance.timeOrigin);
    await page.waitForFunction(() => window.__readyAt !== undefined, undefined, { polling: 5 });
    const readyAt = await page.evaluate(() => window.__readyAt ?? Number.NaN);
    // The page puts the cursor in the nickname when the code came in the link; Enter submits the form.
    // The name goes in as one input (no key-by-key round trips), so the figure is the page's, not typing's.
    await page.keyboard.insertText(nickname);
    const pressed = epochNow();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/student$/, { waitUntil: "commit", timeout: 30_000 });
    await page.waitForFunction(() => window.__seatedAt !== undefined, undefined, {
      polling: 5,
      timeout: 30_000,
    });
    const student = await page.evaluate(() => ({
      origin: performance.timeOrigin,
      seatedAt: window.__seatedAt ?? Number.NaN,
      scriptAt: window.__studentAt ?? Number.NaN,
    }));
    const seatedEpoch = student.origin + student.seatedAt;
    return {
      // From the moment the join page's navigation began (its timeOrigin), not when this process asked.
      openedToSeatedMs: seatedEpoch - joinOrigin,
      joinPageReadyMs: readyAt,
      handoverMs: student.origin - pressed,
      studentToConnectedMs: student.seatedAt,
      studentScriptMs: student.scriptAt,
    };
  } finally {
    await context.close();
  }
}
