/**
 * The bot-only demo in a real Chromium with no exam server at all (the built pages alone): choose a class
 * size and two schemes, press Play, and the class with personal signals reaches the criterion first, with
 * both classes' lines on the chart and the comparison said in words. A link holds the settings: opened, it
 * fills the form and plays the same run, round for round, as the same settings entered by hand; a link with
 * bad values says so in one line and keeps the defaults. And 2,000 bots a class play to the end, pictured.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DemoHook } from "../../client/src/common/testHook.ts";
import { DESKTOP, hook, launchBrowser, PHONE, screenshot, servePagesOnly } from "./browser.ts";
import { decodePng, distinctColours, pixelsNear } from "./pixels.ts";
import { describePages, WAIT, waitForHook } from "./studentFlow.ts";

let pages: { url: string; close: () => Promise<void> };
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Requests a demo page made to the exam server's API or rooms: there must be none. */
const strays: string[] = [];

beforeAll(async () => {
  [pages, browser] = await Promise.all([servePagesOnly(), launchBrowser()]);
});
afterEach(async ({ task }) => {
  if (task.result?.state === "fail") console.error(await describePages(contexts, task.name));
  for (const c of contexts.splice(0)) await c.close();
  expect(strays.splice(0)).toEqual([]);
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
});

async function demoPage(viewport: { width: number; height: number }, path = "/demo"): Promise<Page> {
  const context = await browser.newContext({ viewport });
  // A stuck action fails within the test's minute, naming itself.
  context.setDefaultTimeout(20_000);
  contexts.push(context);
  const page = await context.newPage();
  // The page must not need the exam server: a request to the API or the rooms fails the test.
  page.on("request", (r) => {
    if (/^\/(api|matchmake)\//.test(new URL(r.url()).pathname)) strays.push(r.url());
  });
  await page.goto(`${pages.url}${path}`);
  await waitForHook<DemoHook>(page, (h) => h.page === "demo", "the demo's hook");
  return page;
}

/** Both classes' plans are ready (the status says Ready) for the chosen settings. */
const ready = (page: Page, students: number) =>
  expect
    .poll(() => page.locator("#status").textContent(), { timeout: 20_000 })
    .toBe(`Ready: ${students.toLocaleString("en")} students on the independent exam. Press Play.`);

/** Presses Play and waits until both classes met the criterion and the page stopped playing. */
async function playToEnd(page: Page, timeoutMs = 40_000): Promise<DemoHook> {
  await page.locator("#play").click();
  return waitForHook<DemoHook>(
    page,
    (h) => h.classes.length === 2 && h.classes.every((c) => c.reachedAt !== null) && !h.running,
    "both classes to reach 95 % and the page to stop",
    timeoutMs,
  );
}

/** The form's settings as a person sees them: each named field's value, and which parameters show. */
const formOf = (page: Page) =>
  page.evaluate(() => {
    const values: Record<string, string> = {};
    document.querySelectorAll<HTMLInputElement | HTMLSelectElement>("#controls [name]").forEach((el) => {
      values[el.name] = el.value;
    });
    const shown = Array.from(document.querySelectorAll<HTMLElement>("[data-parameter]"))
      .filter((el) => !el.hidden)
      .map((el) => el.dataset.parameter);
    return { values, shown };
  });

const LINK = "students=60&exam=independent&schemeA=global&schemeB=teams&teamSize=6&speed=max&seed=7";
const DEFAULT_LINK = "students=30&exam=independent&schemeA=global&schemeB=vectorized&speed=60&seed=1";

describe("the bot-only demo", () => {
  it("plays a chosen class size with personal signals against “Good job”: personal signals get there first", async () => {
    const page = await demoPage(DESKTOP);
    await page.locator("#students").fill("40");
    await page.locator("#students").dispatchEvent("change");
    // The same scheme twice is refused in words, then the pair is swapped round.
    await page.locator("#schemeA").selectOption("vectorized");
    await expect
      .poll(() => page.locator("#form-error").textContent(), WAIT)
      .toBe("Choose two different schemes to compare.");
    expect(await page.locator("#schemeB").getAttribute("aria-invalid")).toBe("true");
    await page.locator("#schemeB").selectOption("global");
    expect(await page.locator("#form-error").textContent()).toBe("");
    await page.locator("#speed").selectOption("1000");
    await ready(page, 40);

    await page.locator("#play").click();
    const done = await waitForHook<DemoHook>(
      page,
      (h) => h.classes.length === 2 && h.classes.every((c) => c.reachedAt !== null),
      "both classes to reach 95 %",
      40_000,
    );
    const [vectorized, global] = done.classes;
    expect(vectorized.scheme).toBe("vectorized");
    expect(global.scheme).toBe("global");
    expect(vectorized.reachedAt).toBeLessThan(global.reachedAt ?? Number.POSITIVE_INFINITY);
    expect(global.reachedAt).toBeGreaterThan(10 * (vectorized.reachedAt ?? 0));
    expect(done.round).toBeGreaterThanOrEqual(global.reachedAt ?? 0);
    expect(done.frames).toBeGreaterThan(0);
    await expect.poll(async () => (await hook<DemoHook>(page))?.running, WAIT).toBe(false);

    const v = vectorized.reachedAt ?? 0;
    const g = global.reachedAt ?? 0;
    const comparison = (await page.locator("#comparison").textContent()) ?? "";
    expect(comparison).toContain(
      `With personal signals the class reached 95 % in ${v} round${v === 1 ? "" : "s"}; with “Good job, everyone” it needed ${g.toLocaleString("en")}`,
    );
    expect(await page.locator("#status").textContent()).toBe("Done: both classes reached 95 %.");
    expect(await page.locator("#lane-1 [data-slot=reached]").textContent()).toBe(
      `Reached 95 % in ${g.toLocaleString("en")} rounds.`,
    );

    // The chart drew both classes: the first lane's colour and the second's, on the chart's canvas.
    await page.waitForTimeout(200);
    const chart = decodePng(await page.locator("#chart canvas").first().screenshot());
    expect(pixelsNear(chart, "#0072B2")).toBeGreaterThan(30);
    expect(pixelsNear(chart, "#D55E00")).toBeGreaterThan(30);
    // And each field of neurons drew something.
    for (const lane of ["#lane-0", "#lane-1"]) {
      const field = decodePng(await page.locator(`${lane} [data-field] canvas`).first().screenshot());
      expect(distinctColours(field), `${lane}'s field`).toBeGreaterThan(5);
    }
    await screenshot(page, "demo-desktop");
  });

  it("fits a phone and plays there too", async () => {
    const page = await demoPage(PHONE);
    await page.locator("#students").fill("12");
    await page.locator("#students").dispatchEvent("change");
    await page.locator("#speed").selectOption("1000");
    await ready(page, 12);
    await page.locator("#play").click();
    const done = await waitForHook<DemoHook>(
      page,
      (h) => h.classes.length === 2 && h.classes.every((c) => c.reachedAt !== null),
      "both classes to reach 95 %",
      40_000,
    );
    const [global, vectorized] = done.classes;
    expect([global.scheme, vectorized.scheme]).toEqual(["global", "vectorized"]);
    expect(vectorized.reachedAt).toBeLessThan(global.reachedAt ?? Number.POSITIVE_INFINITY);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await screenshot(page, "demo-phone");
  });

  it("opens a link with its settings in the form and plays the same run as the same settings typed in", async () => {
    const linked = await demoPage(DESKTOP, `/demo?${LINK}`);
    const form = await formOf(linked);
    expect(form.values).toMatchObject({
      students: "60",
      exam: "independent",
      schemeA: "global",
      schemeB: "teams",
      teamSize: "6",
      speed: "max",
      seed: "7",
    });
    expect(form.shown).toEqual(["teamSize"]);
    expect(await linked.locator("#schemeB-hint").textContent()).toBe("hears one “Good job” per table");
    await ready(linked, 60);
    expect((await hook<DemoHook>(linked))?.linkNote).toBeNull();
    const byLink = await playToEnd(linked);
    expect(byLink.settings).toBe(LINK);
    expect(byLink.classes.map((c) => c.scheme)).toEqual(["global", "teams"]);

    // The same settings by hand, from the defaults: the link the page writes, and the run, are the same.
    const typed = await demoPage(DESKTOP);
    expect(new URL(typed.url()).search).toBe(`?${DEFAULT_LINK}`);
    await typed.locator("#students").fill("60");
    await typed.locator("#students").dispatchEvent("change");
    await typed.locator("#schemeB").selectOption("teams");
    expect((await formOf(typed)).shown).toEqual(["teamSize"]);
    await typed.locator("#teamSize").fill("6");
    await typed.locator("#teamSize").dispatchEvent("change");
    await typed.locator("#speed").selectOption("10");
    await typed.locator("#seed").fill("7");
    await typed.locator("#seed").dispatchEvent("change");
    await ready(typed, 60);
    // Played slowly, paused, then played on at full speed: pausing and speeds do not change the run.
    await typed.locator("#play").click();
    await waitForHook<DemoHook>(typed, (h) => h.round >= 3, "three rounds");
    await typed.locator("#pause").click();
    // The status names the round the worker stopped at, once it said so.
    await expect
      .poll(async () => {
        const h = await hook<DemoHook>(typed);
        return (
          !h?.running && (await typed.locator("#status").textContent()) === `Paused after ${h?.round} rounds.`
        );
      }, WAIT)
      .toBe(true);
    await typed.locator("#speed").selectOption("max");
    expect(new URL(typed.url()).search).toBe(`?${LINK}`);
    const byHand = await playToEnd(typed);
    expect(byHand.settings).toBe(LINK);
    expect(byHand.classes).toEqual(byLink.classes);
    expect(byHand.round).toBe(byLink.round);

    // Another seed is another run: the checksums tell them apart.
    await typed.locator("#seed").fill("8");
    await typed.locator("#seed").dispatchEvent("change");
    await ready(typed, 60);
    const other = await playToEnd(typed);
    expect(other.classes[0].errorsChecksum).not.toBe(byLink.classes[0].errorsChecksum);
  });

  it("says in one line what a link held that it cannot use, and keeps the defaults", async () => {
    const page = await demoPage(
      PHONE,
      "/demo?students=abc&exam=nope&schemeA=global&schemeB=global&speed=7&seed=-1",
    );
    const note = page.locator("#link-note");
    await expect.poll(() => note.isVisible(), WAIT).toBe(true);
    expect(await note.textContent()).toBe(
      "The link's settings students=abc, exam=nope, schemeB=global (the same as schemeA), speed=7, seed=-1 could not be used; their defaults stand.",
    );
    expect((await formOf(page)).values).toMatchObject({
      students: "30",
      exam: "independent",
      schemeA: "global",
      schemeB: "vectorized",
      speed: "60",
      seed: "1",
    });
    await ready(page, 30);
    expect(new URL(page.url()).search).toBe(`?${DEFAULT_LINK}`);
    expect((await hook<DemoHook>(page))?.linkNote).toBe(await note.textContent());
    // The first setting a person changes writes a good link, and the note has said its piece.
    await page.locator("#seed").fill("2");
    await page.locator("#seed").dispatchEvent("change");
    await expect.poll(() => note.isVisible(), WAIT).toBe(false);
    expect(new URL(page.url()).search).toBe(`?${DEFAULT_LINK.replace("seed=1", "seed=2")}`);
  });

  for (const [name, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const)
    it(`plays 2,000 bots a class to the end on a ${name}, pictured mid-run and at the end`, async () => {
      const page = await demoPage(viewport, "/demo?students=2000&speed=250");
      await ready(page, 2000);
      await page.locator("#play").click();
      await waitForHook<DemoHook>(page, (h) => h.round >= 1000, "a thousand rounds", 30_000);
      // Let the chart and the words catch up with the round, as a person would see them.
      await page.waitForTimeout(300);
      await screenshot(page, `demo-2000-mid-${name}`);
      await page.locator("#speed").selectOption("max");
      const done = await waitForHook<DemoHook>(
        page,
        (h) => h.classes.every((c) => c.reachedAt !== null) && !h.running,
        "both classes of 2,000 to reach 95 %",
        50_000,
      );
      const [global, vectorized] = done.classes;
      expect(vectorized.reachedAt).toBeLessThan(global.reachedAt ?? 0);
      expect(global.reachedAt).toBeGreaterThan(1000);
      expect(done.frames).toBeGreaterThan(0);
      expect(await page.locator("#status").textContent()).toBe("Done: both classes reached 95 %.");
      await page.waitForTimeout(600);
      for (const lane of ["#lane-0", "#lane-1"]) {
        const field = decodePng(await page.locator(`${lane} [data-field] canvas`).first().screenshot());
        expect(distinctColours(field), `${lane}'s field`).toBeGreaterThan(5);
      }
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      await screenshot(page, `demo-2000-end-${name}`);
    });
});
