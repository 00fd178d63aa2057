/**
 * The student page's blind rounds, its reveal and its review, in a real Chromium against a real server with
 * the teacher played by a real SDK client: under "Good job" rounds nothing on the page or in its hook says
 * where the key lies, until the teacher's Reveal (or the end) shows the student its own key, the one the
 * teacher's roster holds; under personal signals the signal is there as before; on an exam with no own key
 * the page says what the class achieved; and after a round the class waits for the teacher, or counts down
 * when rounds open by themselves.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { StudentHook } from "../../client/src/common/testHook.ts";
import { useTestServer } from "../server/harness.ts";
import { hook, PAGES_DIR, screenshot } from "./browser.ts";
import {
  announced,
  expectAllInView,
  openRound,
  SIZES,
  seatKey,
  setLevel,
  submitAll,
  useStudentClasses,
  WAIT,
  waitForHook,
} from "./studentFlow.ts";

const server = useTestServer({ pagesDir: PAGES_DIR });
const classOf = useStudentClasses(server);

/** The page's whole text and hook, to search for a number that must not be there. */
const everything = async (page: Page): Promise<string> =>
  `${await page.evaluate(() => document.documentElement.outerHTML)} ${JSON.stringify(await hook(page))}`;

describe("blind “Good job” rounds and the reveal", () => {
  it("under global shows no key for three rounds, then after the teacher's reveal shows the roster's key on the track and in words", async () => {
    const c = await classOf({ scheme: { name: "global" } }, ["Blind"], SIZES[0], true);
    const page = c.pages[0];
    const seat = c.seats[0];
    const key = seatKey(c.teacher, seat);
    if (key === null) throw new Error("the independent exam gives every seat a key");
    // Levels far from the key: no number on the page can be the key's by chance.
    const far = key > 0.5 ? [0.1, 0.15, 0.2] : [0.9, 0.85, 0.8];
    const keyText = key.toFixed(2);

    for (const [k, level] of far.entries()) {
      const round = k + 1;
      await openRound(c, round);
      await setLevel(c, 0, level);
      await submitAll(c, round);
      const words = await announced(page, round);
      expect(words).toMatch(
        new RegExp(
          `^Round ${round}: (Good job, everyone|Not quite, everyone|Everyone: the first score is in)\\. Class score \\d+ of 100\\.$`,
        ),
      );
      await expect.poll(() => page.locator("#phase").textContent(), WAIT).toMatch(/your teacher will start/);
      const seen = await hook<StudentHook>(page);
      expect(seen).toMatchObject({ revealed: false, key: null, phase: "review", round });
      expect(await page.locator("#key").isHidden()).toBe(true);
      expect(await page.locator("#key").getAttribute("style")).toBeNull();
      expect(await page.locator("#reveal").isHidden()).toBe(true);
      expect(await page.locator("#glyph").textContent()).toMatch(/^[✓✗•]$/);
      const all = await everything(page);
      expect(all, `round ${round}: the page holds no key`).not.toContain(keyText);
      expect(all).not.toContain(String(key));
      expect(all).not.toMatch(/your target|your key (is|was)/i);
      await screenshot(page, `student-global-blind-round-${round}`);
    }

    c.teacher.room.send("reveal", {});
    const shown = await waitForHook<StudentHook>(
      page,
      (h) => h.revealed && h.key !== null,
      "the key after the reveal",
    );
    expect(shown.key).toBe(key);
    expect(shown.phase).toBe("review");
    const level = far[2];
    const hundredths = (n: number) => Math.round(n * 100);
    const away = Math.abs(hundredths(level) - hundredths(key)) / 100;
    await expect.poll(() => page.locator("#reveal").isVisible(), WAIT).toBe(true);
    expect(await page.locator("#reveal-headline").textContent()).toBe(
      `Your key is ${(hundredths(key) / 100).toFixed(2)}.`,
    );
    expect(await page.locator("#reveal-detail").textContent()).toBe(
      `You are at ${level.toFixed(2)}: ${away.toFixed(2)} away.`,
    );
    expect(await page.locator("#announce").textContent()).toContain("Your key is");
    // The marker stands over the point of the track a thumb at the key would.
    await expect.poll(() => page.locator("#key").isVisible(), WAIT).toBe(true);
    const marker = await page.locator("#key").boundingBox();
    const track = await page.locator("#level").boundingBox();
    if (!marker || !track) throw new Error("no marker or track");
    const at = (marker.x + marker.width / 2 - track.x - 22) / (track.width - 44);
    expect(Math.abs(at - key)).toBeLessThan(0.02);
    await expectAllInView(
      page,
      ["phase", "headline", "detail", "reveal-headline", "reveal-detail", "level", "key", "submit"],
      "revealed review",
    );
    await screenshot(page, "student-360x640-revealed");
  });

  it("under vectorized still gives the student its own signal, and no key until the end", async () => {
    const c = await classOf({ scheme: { name: "vectorized" } }, ["Signal"]);
    const page = c.pages[0];
    const key = seatKey(c.teacher, c.seats[0]);
    if (key === null) throw new Error("the independent exam gives every seat a key");
    await openRound(c, 1);
    await setLevel(c, 0, key > 0.5 ? 0.05 : 0.95);
    await submitAll(c, 1);
    expect(await announced(page, 1)).toMatch(/^Round 1: (Raise|Lower) (a lot|a little)\./);
    expect(await page.locator("#glyph").textContent()).toMatch(/^[▲▼]{1,2}$/);
    expect(await hook<StudentHook>(page)).toMatchObject({ revealed: false, key: null });
    expect(await page.locator("#key").isHidden()).toBe(true);
    c.teacher.room.send("end", {});
    const ended = await waitForHook<StudentHook>(page, (h) => h.key !== null, "the key at the end");
    expect(ended.key).toBe(key);
    await expect
      .poll(() => page.locator("#reveal-headline").textContent(), WAIT)
      .toBe(`Your key was ${(Math.round(key * 100) / 100).toFixed(2)}.`);
    expect(await page.locator("#reveal-detail").textContent()).toMatch(
      /^You ended at \d\.\d\d: (\d\.\d\d away|right on it)\.$/,
    );
    expect(await page.locator("#ended").textContent()).toContain("Thank you for playing");
  });

  it("on the readout exam, where no one holds a key, says what the class achieved at the end", async () => {
    const c = await classOf({ exam: "readout", scheme: { name: "global" } }, ["Reader"]);
    const page = c.pages[0];
    await openRound(c, 1);
    await setLevel(c, 0, 0.3);
    await submitAll(c, 1);
    await announced(page, 1);
    const score = c.teacher.room.state.scores.at(0);
    c.teacher.room.send("end", {});
    await waitForHook<StudentHook>(page, (h) => h.phase === "ended" && h.revealed, "the end");
    await expect.poll(() => page.locator("#reveal").isVisible(), WAIT).toBe(true);
    expect(await hook<StudentHook>(page)).toMatchObject({ key: null });
    expect(await page.locator("#reveal-headline").textContent()).toMatch(/no one holds a key of their own/);
    expect(await page.locator("#reveal-detail").textContent()).toBe(
      `The class ended with a score of ${Math.round(score ?? Number.NaN)} of 100.`,
    );
    expect(await page.locator("#key").isHidden()).toBe(true);
  });
});

describe("the class stays on its feedback", () => {
  it("waits for the teacher after a round, then counts down once the teacher turns auto-advance on", async () => {
    const c = await classOf({}, ["Patient"], SIZES[1]);
    const page = c.pages[0];
    await openRound(c, 1);
    await submitAll(c, 1);
    await announced(page, 1);
    await expect
      .poll(() => page.locator("#phase").textContent(), WAIT)
      .toBe("Round 1 is over: your teacher will start the next round");
    expect(await hook<StudentHook>(page)).toMatchObject({ phase: "review", nextRoundAt: 0 });
    expect(c.teacher.room.state.phase).toBe("review");

    c.teacher.room.send("autoAdvance", { enabled: true, seconds: 90 });
    await waitForHook<StudentHook>(page, (h) => h.nextRoundAt > 0, "the countdown's deadline");
    await expect
      .poll(() => page.locator("#phase").textContent(), WAIT)
      .toMatch(/^Round 1 is over: next round in 1:[0-3]\d$/);
    await expect(page.locator("#phase").isVisible()).resolves.toBe(true);
    await screenshot(page, "student-390x844-countdown");

    c.teacher.room.send("autoAdvance", { enabled: false, seconds: 90 });
    await expect
      .poll(() => page.locator("#phase").textContent(), WAIT)
      .toBe("Round 1 is over: your teacher will start the next round");
    await openRound(c, 2);
  });

  it("with auto-advance, opens the next round by itself after the countdown", async () => {
    const c = await classOf({ autoAdvance: true, reviewSeconds: 2 }, ["Flow"]);
    const page = c.pages[0];
    await openRound(c, 1);
    await submitAll(c, 1);
    await waitForHook<StudentHook>(page, (h) => h.phase === "review" && h.nextRoundAt > 0, "the countdown");
    await expect
      .poll(() => page.locator("#phase").textContent(), WAIT)
      .toMatch(/^Round 1 is over: (next round in 0:0[0-2]|the next round is opening)$/);
    // No teacher's advance: the round opens on its own.
    await waitForHook<StudentHook>(
      page,
      (h) => h.phase === "open" && h.round === 2,
      "round 2 to open by itself",
    );
    await expect.poll(() => page.locator("#level").isEnabled(), WAIT).toBe(true);
  });
});
