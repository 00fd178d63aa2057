/**
 * The student page in a real Chromium against a real server, with the teacher played by a real SDK client:
 * a reload keeps the seat and level; at 360×640, 390×844 and 844×390 every control is on screen in every
 * phase, by touch; the game plays from the keyboard alone; the screen reader hears each student's own
 * feedback and nobody else's; and the neuron's canvas draws. (Blind rounds, the reveal and the review:
 * studentReveal.test.ts.)
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { StudentHook } from "../../client/src/common/testHook.ts";
import { useTestServer, waitFor } from "../server/harness.ts";
import { DESKTOP, hook, PAGES_DIR, screenshot } from "./browser.ts";
import { decodePng, distinctColours } from "./pixels.ts";
import {
  announced,
  expectAllInView,
  humanRows,
  openRound,
  SIZES,
  seatKey,
  seatRow,
  setLevel,
  submitAll,
  useStudentClasses,
  WAIT,
  waitForHook,
} from "./studentFlow.ts";

const server = useTestServer({ pagesDir: PAGES_DIR });
const classOf = useStudentClasses(server);

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
    // Set on the element: the pages' Content-Security-Policy refuses an injected <style>.
    await page
      .locator("#neuron")
      .evaluate((el: HTMLElement) => el.style.setProperty("background", "#000", "important"));
    const canvas = page.locator("#neuron canvas");
    expect(await canvas.count()).toBe(1);
    const box = await canvas.boundingBox();
    expect(box?.width).toBeGreaterThan(200);
    const pixels = decodePng(await canvas.screenshot());
    expect(distinctColours(pixels)).toBeGreaterThan(20);
  });

  it("screenshots at desktop size, mid-round with feedback on show", async () => {
    const desk = await classOf({ scheme: { name: "vectorized" } }, ["Desk"], DESKTOP);
    await openRound(desk, 1);
    await setLevel(desk, 0, 0.9);
    await submitAll(desk, 1);
    await announced(desk.pages[0], 1);
    await openRound(desk, 2);
    await desk.pages[0].waitForTimeout(800);
    expect(await screenshot(desk.pages[0], "student-desktop")).toMatch(/student-desktop\.png$/);
  });
});

/** What must be on screen in each phase: every control and every word the student acts on. */
const IN_VIEW = {
  lobby: ["phase", "headline", "level", "level-value", "submit"],
  open: ["phase", "timer", "headline", "level", "level-value", "submit"],
  review: ["phase", "glyph", "headline", "detail", "level", "level-value", "submit"],
  ended: [
    "phase",
    "headline",
    "detail",
    "reveal-headline",
    "reveal-detail",
    "level",
    "level-value",
    "key",
    "ended",
  ],
} as const;

/** A finger's tap on the slider's track at `fraction` of the way along it. */
async function tapSlider(page: Page, fraction: number): Promise<void> {
  const box = await page.locator("#level").boundingBox();
  if (!box) throw new Error("the slider has no box");
  // The thumb's centre runs from half a thumb in at either end (the thumb is 44 px).
  const x = box.x + 22 + fraction * (box.width - 44);
  await page.touchscreen.tap(x, box.y + box.height / 2);
}

describe("the student page fits the screen", () => {
  for (const size of SIZES) {
    const name = `${size.width}x${size.height}`;
    it(`at ${name}, by touch, shows every control in the lobby, the open round, the review and the reveal`, async () => {
      const c = await classOf({ scheme: { name: "vectorized" } }, ["Thumb"], size, true);
      const page = c.pages[0];
      await waitForHook<StudentHook>(page, (h) => h.frames >= 10, "the neuron to draw");
      await expectAllInView(page, IN_VIEW.lobby, `${name} lobby`);
      await screenshot(page, `student-${name}-lobby`);

      await openRound(c, 1);
      await expect.poll(() => page.locator("#timer").isVisible(), WAIT).toBe(true);
      await expectAllInView(page, IN_VIEW.open, `${name} open`);
      // A tap on the track moves the level there, and a tap on Submit sends it: the phone needs no keys.
      await tapSlider(page, 0.2);
      const tapped = await waitForHook<StudentHook>(page, (h) => Math.abs(h.level - 0.2) <= 0.02, "the tap");
      await waitFor(
        () => seatRow(c.teacher, c.seats[0])?.level === tapped.level,
        "the tapped level to arrive",
      );
      await screenshot(page, `student-${name}-open`);
      await page.locator("#submit").tap();
      await waitFor(() => c.teacher.room.state.phase === "review", "round 1 to close on the tap");
      await announced(page, 1);
      await expect
        .poll(() => page.locator("#phase").textContent(), WAIT)
        .toBe("Round 1 is over: your teacher will start the next round");
      await expectAllInView(page, IN_VIEW.review, `${name} review`);
      await page.waitForTimeout(600);
      await screenshot(page, `student-${name}-review`);

      c.teacher.room.send("end", {});
      const ended = await waitForHook<StudentHook>(
        page,
        (h) => h.phase === "ended" && h.revealed && h.key !== null,
        "the end with the key",
      );
      expect(ended.key).toBe(seatKey(c.teacher, c.seats[0]));
      await expect.poll(() => page.locator("#ended").isVisible(), WAIT).toBe(true);
      expect(await page.locator("#submit").isVisible()).toBe(false);
      await expectAllInView(page, IN_VIEW.ended, `${name} ended`);
      await screenshot(page, `student-${name}-ended`);
    });
  }
});
