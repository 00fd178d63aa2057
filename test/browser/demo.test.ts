/**
 * The bot-only demo in a real Chromium with no exam server at all (the built pages alone): choose a class
 * size and two schemes, press Play, and the class with personal signals reaches the criterion first, with
 * both classes' lines on the chart and the comparison said in words.
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

async function demoPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  // A stuck action fails within the test's minute, naming itself.
  context.setDefaultTimeout(20_000);
  contexts.push(context);
  const page = await context.newPage();
  // The page must not need the exam server: a request to the API or the rooms fails the test.
  page.on("request", (r) => {
    if (/^\/(api|matchmake)\//.test(new URL(r.url()).pathname)) strays.push(r.url());
  });
  await page.goto(`${pages.url}/demo`);
  await waitForHook<DemoHook>(page, (h) => h.page === "demo", "the demo's hook");
  return page;
}

/** Both classes' plans are ready (the status says Ready) for the chosen settings. */
const ready = (page: Page, students: number) =>
  expect
    .poll(() => page.locator("#status").textContent(), { timeout: 20_000 })
    .toBe(`Ready: ${students} students on the independent exam. Press Play.`);

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
});
