import { it, expect } from "vitest";
import { hook, launchBrowser, servePagesOnly, DESKTOP, screenshot } from "./browser.ts";
import type { DemoHook } from "../../client/src/common/testHook.ts";

it("demo still plays", async () => {
  const pages = await servePagesOnly();
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: DESKTOP });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${pages.url}/demo`);
  await page.waitForFunction(() => (document.querySelector("#status")?.textContent ?? "").startsWith("Ready"), null, { timeout: 30000 });
  await page.locator("#play").click();
  await page.waitForTimeout(4000);
  const h = (await hook<DemoHook>(page)) as DemoHook;
  console.log(JSON.stringify(h));
  expect(h.round).toBeGreaterThan(5);
  expect(h.frames).toBeGreaterThan(5);
  await screenshot(page, "zz-demo-check");
  expect(errors).toEqual([]);
  await browser.close();
  await pages.close();
}, 60000);
