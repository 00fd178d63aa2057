/**
 * The Content-Security-Policy the server sends is one the pages satisfy: every page (the join page, a
 * join by code, the student page after a join, the dashboard creating a session, the projector with its
 * key, the demo playing for a few seconds) opens in Chromium with no CSP violation in its console or as a
 * `securitypolicyviolation` event, and no page error.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoHook } from "../../client/src/common/testHook.ts";
import { useTestServer } from "../server/harness.ts";
import { DESKTOP, launchBrowser, PAGES_DIR, PHONE, screenshot } from "./browser.ts";
import { joinHere, waitForHook } from "./studentFlow.ts";
import { createThroughForm, keptFor } from "./teacherFlow.ts";

const server = useTestServer({ pagesDir: PAGES_DIR });
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** What a page complained about: CSP reports from the console and the DOM, and uncaught errors. */
interface Complaints {
  readonly csp: string[];
  readonly errors: string[];
}

async function watched(page: Page): Promise<Complaints> {
  const complaints: Complaints = { csp: [], errors: [] };
  const listen = (where: string) => (message: { text(): string }) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) complaints.csp.push(`${where}: ${text}`);
  };
  page.on("console", listen("page"));
  // The demo's classes play in module workers, which have a console of their own.
  page.on("worker", (worker) => worker.on("console", listen(`worker ${new URL(worker.url()).pathname}`)));
  page.on("pageerror", (error) => complaints.errors.push(String(error)));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(
        `Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI} on ${location.pathname}`,
      );
    });
  });
  return complaints;
}

async function freshPage(viewport: { width: number; height: number } = DESKTOP) {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const complaints = await watched(page);
  return { page, complaints, close: () => context.close() };
}

const clean = (complaints: Complaints): void => {
  expect(complaints.csp).toEqual([]);
  expect(complaints.errors).toEqual([]);
};

describe("the pages under the server's Content-Security-Policy", () => {
  it("the dashboard creates a session, the projector shows it, a phone joins and plays: no violation", async () => {
    const teacher = await freshPage();
    teacher.page.on("dialog", (dialog) => void dialog.accept());
    await teacher.page.goto(`${server().http}/teacher`);
    const id = await createThroughForm(teacher.page, server().http, {
      bots: 2,
      roundSeconds: 60,
      reviewSeconds: 5,
    });
    const kept = await keptFor(teacher.page, id);

    const wall = await freshPage({ width: 1920, height: 1080 });
    await wall.page.goto(
      `${server().http}/class/${kept.code}#key=${encodeURIComponent(kept.projectorToken)}`,
    );
    await wall.page.waitForTimeout(1500);

    const phone = await freshPage(PHONE);
    await phone.page.goto(`${server().http}/`);
    await phone.page.waitForTimeout(300);
    await phone.page.goto(`${server().http}/join/${kept.code}`);
    await joinHere(phone.page, "ana");
    await teacher.page.getByRole("button", { name: "Start", exact: true }).click();
    await phone.page.waitForTimeout(1500);

    await screenshot(teacher.page, "csp-teacher");
    await screenshot(wall.page, "csp-projector");
    await screenshot(phone.page, "csp-student");
    for (const opened of [teacher, wall, phone]) clean(opened.complaints);
    for (const opened of [teacher, wall, phone]) await opened.close();
  });

  it("the demo plays in its workers for a few seconds: no violation", async () => {
    const demo = await freshPage();
    await demo.page.goto(`${server().http}/demo`);
    await waitForHook<DemoHook>(demo.page, (h) => h.page === "demo", "the demo's hook");
    await expect
      .poll(() => demo.page.locator("#status").textContent(), { timeout: 20_000 })
      .toMatch(/^Ready/);
    await demo.page.locator("#play").click();
    await demo.page.waitForTimeout(3000);
    await screenshot(demo.page, "csp-demo");
    clean(demo.complaints);
    await demo.close();
  });
});
