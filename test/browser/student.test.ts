/**
 * The student page in a real Chromium against a real server, with the teacher played by a real SDK client:
 * a reload keeps the seat and level, a phone shows every control without sideways scrolling, the game
 * plays from the keyboard alone, the screen reader hears each student's own feedback and nobody else's,
 * and the neuron's canvas draws.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { StudentHook } from "../../client/src/common/testHook.ts";
import type { SessionConfigInput } from "../../shared/protocol/session.ts";
import { createSession, joinStaff, type Participant, useTestServer, waitFor } from "../server/harness.ts";
import { DESKTOP, hook, launchBrowser, PAGES_DIR, PHONE, screenshot } from "./browser.ts";
import { decodePng, distinctColours } from "./pixels.ts";
import { describePages, humanRows, joinInBrowser, seatRow, WAIT, waitForHook } from "./studentFlow.ts";

const server = useTestServer({ pagesDir: PAGES_DIR });
let browser: Browser;
const contexts: BrowserContext[] = [];
const teachers: Participant[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
/** Each test's browsers go when it ends: a page left drawing its neuron slows every test after it. */
async function closeAll(): Promise<void> {
  for (const t of teachers.splice(0)) await t.room.leave().catch(() => {});
  for (const c of contexts.splice(0)) await c.close();
}
afterEach(async ({ task }) => {
  if (task.result?.state === "fail") console.error(await describePages(contexts, task.name));
  await closeAll();
});
afterAll(async () => {
  await closeAll();
  await browser?.close();
});

interface Class {
  readonly teacher: Participant;
  readonly pages: Page[];
  readonly seats: number[];
}

/** A session in the lobby with a teacher and `names` joined through the join page, each in its own browser. */
async function classOf(
  config: Partial<SessionConfigInput>,
  names: readonly string[],
  viewport: { width: number; height: number } = DESKTOP,
): Promise<Class> {
  const created = await createSession(server(), {
    exam: "independent",
    scheme: { name: "global" },
    maxStudents: 10,
    roundSeconds: 600,
    // The round stays in review until the teacher advances: the feedback is read at leisure.
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
    const context = await browser.newContext({ viewport });
    // A stuck action fails within the test's minute, naming itself.
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    const page = await context.newPage();
    seats.push((await joinInBrowser(page, server().http, created.code, name)).seat);
    pages.push(page);
  }
  return { teacher, pages, seats };
}

/** The teacher opens the next round (from the lobby or a review); every page sees it open and playable. */
async function openRound(c: Class, round: number): Promise<void> {
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

/** Moves the slider as a pointer would (one input event) and waits for the server to hold the level. */
async function setLevel(c: Class, k: number, level: number): Promise<void> {
  await c.pages[k].locator("#level").fill(String(level));
  await waitFor(() => seatRow(c.teacher, c.seats[k])?.level === level, `seat ${c.seats[k]} at ${level}`);
}

async function submitAll(c: Class, round: number): Promise<void> {
  for (const page of c.pages) await page.locator("#submit").click();
  await waitFor(
    () => c.teacher.room.state.phase === "review" && c.teacher.room.state.round === round,
    `round ${round} to close`,
  );
}

const announced = (page: Page, round: number): Promise<string> =>
  waitForHook<StudentHook>(
    page,
    (h) => h.announcement?.startsWith(`Round ${round}:`) ?? false,
    `round ${round}'s announcement`,
  ).then(async () => (await page.locator("#announce").textContent()) ?? "");

describe("the student page", () => {
  it("keeps its seat and level through a reload mid-round", async () => {
    const c = await classOf({}, ["Reloader"]);
    await openRound(c, 1);
    await setLevel(c, 0, 0.73);
    const page = c.pages[0];
    const before = await waitForHook<StudentHook>(page, (h) => h.level === 0.73, "the level on the page");
    expect(before).toMatchObject({ connected: true, round: 1, phase: "open" });

    await page.reload();
    const after = await waitForHook<StudentHook>(
      page,
      (h) => h.connected && h.seat >= 0 && h.phase === "open",
      "the reloaded page back in its seat",
    );
    expect(after.seat).toBe(before.seat);
    expect(after.level).toBe(0.73);
    expect(after.round).toBe(1);
    expect(await page.locator("#level").inputValue()).toBe("0.73");
    expect(await page.locator("#level-value").textContent()).toBe("0.73");
    expect(await page.locator("#nickname").textContent()).toBe("Reloader");
    await expect.poll(() => page.locator("#level").isEnabled(), WAIT).toBe(true);
    // One seat on the server, connected again, with the level the student left it at.
    await waitFor(() => seatRow(c.teacher, before.seat)?.connected === true, "the seat to reconnect");
    expect(humanRows(c.teacher)).toHaveLength(1);
    expect(humanRows(c.teacher)[0]).toMatchObject({ seat: before.seat, nickname: "Reloader", level: 0.73 });
    expect(c.teacher.room.state.students).toBe(1);
  });

  it("fits a 360×740 phone: slider, submit, timer and feedback words on screen, no sideways scroll", async () => {
    const c = await classOf({ scheme: { name: "vectorized" } }, ["Phone"], PHONE);
    const page = c.pages[0];
    await openRound(c, 1);
    await setLevel(c, 0, 0.2);
    await submitAll(c, 1);
    await announced(page, 1);
    // The next round: the timer runs and last round's feedback is still on show, all at once.
    await openRound(c, 2);
    await expect.poll(() => page.locator("#timer").isVisible(), WAIT).toBe(true);
    expect(await page.locator("#timer").textContent()).toMatch(/^\d+:\d\d$/);
    const viewport = page.viewportSize() ?? PHONE;
    for (const id of ["level", "level-value", "submit", "timer", "phase", "glyph", "headline", "detail"]) {
      const el = page.locator(`#${id}`);
      expect(await el.isVisible(), `#${id} is visible`).toBe(true);
      const box = await el.boundingBox();
      if (!box) throw new Error(`#${id} has no box`);
      expect(box.x, `#${id} left`).toBeGreaterThanOrEqual(0);
      expect(box.y, `#${id} top`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `#${id} right`).toBeLessThanOrEqual(viewport.width);
      expect(box.y + box.height, `#${id} bottom`).toBeLessThanOrEqual(viewport.height);
    }
    expect(await page.locator("#headline").textContent()).toMatch(/^(Raise|Lower) (a lot|a little)$|^Stay/);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    expect(widths.client).toBe(PHONE.width);
    // A touch-sized target: the slider's thumb row and the button are at least 44 px tall.
    expect((await page.locator("#submit").boundingBox())?.height).toBeGreaterThanOrEqual(44);
    await screenshot(page, "student-phone");
  });

  it("plays from the keyboard alone: Tab to the slider, arrows and page keys move it, Enter and Space submit", async () => {
    const c = await classOf({}, ["Keys"]);
    const page = c.pages[0];
    const seat = c.seats[0];
    await openRound(c, 1);
    const focused = () => page.evaluate(() => document.activeElement?.id ?? "");
    const tabTo = async (id: string): Promise<void> => {
      for (let i = 0; i < 12 && (await focused()) !== id; i++) await page.keyboard.press("Tab");
      expect(await focused()).toBe(id);
    };

    await tabTo("level");
    const start = (await hook<StudentHook>(page))?.level ?? Number.NaN;
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowUp");
    expect(await page.locator("#level").inputValue()).toBe("0.03");
    await page.keyboard.press("PageUp");
    const raised = Number(await page.locator("#level").inputValue());
    expect(raised).toBeGreaterThan(0.03);
    await waitForHook<StudentHook>(page, (h) => h.level === raised, "the hook to follow the keys");
    expect(raised).not.toBe(start);
    await tabTo("submit");
    await page.keyboard.press("Enter");
    // The only student submitted: the round closes, with the level chosen by keys.
    await waitFor(() => c.teacher.room.state.phase === "review", "round 1 to close on the submission");
    expect(seatRow(c.teacher, seat)).toMatchObject({ level: raised });
    const r1 = c.teacher.room.state.scores.length;
    expect(r1).toBe(1);

    await openRound(c, 2);
    await page.locator("body").focus();
    await tabTo("level");
    await page.keyboard.press("End");
    await page.keyboard.press("PageDown");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowDown");
    const lowered = Number(await page.locator("#level").inputValue());
    expect(lowered).toBeLessThan(0.98);
    expect(lowered).toBeGreaterThan(0.5);
    await tabTo("submit");
    await page.keyboard.press("Space");
    await waitFor(
      () => c.teacher.room.state.phase === "review" && c.teacher.room.state.round === 2,
      "round 2 to close on the submission",
    );
    expect(seatRow(c.teacher, seat)).toMatchObject({ level: lowered });
    expect(c.teacher.room.state.scores.length).toBe(2);
  });

  it("announces “Good job, everyone” or “Not quite, everyone” after a global round", async () => {
    const c = await classOf({ scheme: { name: "global" } }, ["Uno", "Dos"]);
    await openRound(c, 1);
    await setLevel(c, 0, 0.3);
    await setLevel(c, 1, 0.6);
    await submitAll(c, 1);
    for (const page of c.pages)
      expect(await announced(page, 1)).toMatch(
        /^Round 1: Everyone: the first score is in\. Class score \d+ of 100\.$/,
      );

    await openRound(c, 2);
    await setLevel(c, 0, 0.35);
    await setLevel(c, 1, 0.55);
    await submitAll(c, 2);
    const heard: string[] = [];
    for (const [k, page] of c.pages.entries()) {
      const text = await announced(page, 2);
      const feedback = JSON.parse(seatRow(c.teacher, c.seats[k])?.feedback ?? "null");
      expect(feedback).toMatchObject({ kind: "global", round: 2 });
      const headline = feedback.improved ? "Good job, everyone" : "Not quite, everyone";
      expect(text).toBe(`Round 2: ${headline}. Class score ${Math.round(feedback.score)} of 100.`);
      expect(await page.locator("#headline").textContent()).toBe(headline);
      expect(await page.locator("#announce").getAttribute("aria-live")).toBe("polite");
      heard.push(text);
    }
    // One scalar for the class: everyone hears the same words.
    expect(heard[0]).toBe(heard[1]);
  });

  it("announces each student's own personal signal, a direction and a size in words", async () => {
    const c = await classOf({ scheme: { name: "vectorized" } }, ["Left", "Right"]);
    await openRound(c, 1);
    await setLevel(c, 0, 0.05);
    await setLevel(c, 1, 0.95);
    await submitAll(c, 1);
    const heard: string[] = [];
    for (const [k, page] of c.pages.entries()) {
      const text = await announced(page, 1);
      const feedback = JSON.parse(seatRow(c.teacher, c.seats[k])?.feedback ?? "null");
      expect(feedback).toMatchObject({ kind: "vector", round: 1 });
      const signal: number = feedback.signal;
      expect(Math.abs(signal)).toBeGreaterThanOrEqual(0.01);
      const words =
        /^Round 1: (Raise|Lower) (a lot|a little)\. (Up|Down) by about (\d\.\d\d), to about (\d\.\d\d)\. Class score \d+\.$/.exec(
          text,
        );
      if (!words) throw new Error(`not a personal signal in words: "${text}"`);
      const [, verb, size, way, by, to] = words;
      expect(verb).toBe(signal > 0 ? "Raise" : "Lower");
      expect(way).toBe(signal > 0 ? "Up" : "Down");
      expect(size).toBe(Math.abs(signal) >= 0.2 ? "a lot" : "a little");
      expect(by).toBe(Math.abs(signal).toFixed(2));
      const level = k === 0 ? 0.05 : 0.95;
      expect(to).toBe(Math.min(1, Math.max(0, level + signal)).toFixed(2));
      heard.push(text);
    }
    expect(heard[0]).not.toBe(heard[1]);
    // Nobody's page holds the other's number.
    const [a, b] = c.pages;
    const other = (text: string) => /by about (\d\.\d\d)/.exec(text)?.[1] ?? "";
    if (other(heard[0]) !== other(heard[1])) {
      expect(await a.locator("body").textContent()).not.toContain(`by about ${other(heard[1])}`);
      expect(await b.locator("body").textContent()).not.toContain(`by about ${other(heard[0])}`);
    }
  });

  it("draws the neuron: the canvas is not one flat colour", async () => {
    const c = await classOf({}, ["Painter"]);
    const page = c.pages[0];
    await waitForHook<StudentHook>(page, (h) => h.frames >= 30, "the scene to draw frames");
    // Without the CSS backdrop behind it, a blank (transparent) canvas would shoot as one colour.
    await page.addStyleTag({ content: "#neuron { background: #000 !important; }" });
    const canvas = page.locator("#neuron canvas");
    expect(await canvas.count()).toBe(1);
    const box = await canvas.boundingBox();
    expect(box?.width).toBeGreaterThan(200);
    const pixels = decodePng(await canvas.screenshot());
    expect(distinctColours(pixels)).toBeGreaterThan(20);
  });

  it("screenshots at desktop and phone sizes, mid-round with feedback on show", async () => {
    const desk = await classOf({ scheme: { name: "vectorized" } }, ["Desk"], DESKTOP);
    await openRound(desk, 1);
    await setLevel(desk, 0, 0.9);
    await submitAll(desk, 1);
    await announced(desk.pages[0], 1);
    await openRound(desk, 2);
    await desk.pages[0].waitForTimeout(800);
    expect(await screenshot(desk.pages[0], "student-desktop")).toMatch(/student-desktop\.png$/);
    const phone = await classOf({}, ["Pocket"], PHONE);
    await openRound(phone, 1);
    expect(await screenshot(phone.pages[0], "student-phone-open")).toMatch(/student-phone-open\.png$/);
  });
});
