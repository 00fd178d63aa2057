/**
 * The join page in a real Chromium against a real server: joining lands on /student in a seat, the QR
 * link fills in the code, the name generator names, and every refusal reads as a sentence a student can
 * act on (checked as the text on screen, not only the hook).
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { JoinHook } from "../../client/src/common/testHook.ts";
import {
  createSession,
  joinStaff,
  joinStudent,
  type Participant,
  useTestServer,
  waitFor,
} from "../server/harness.ts";
import { DESKTOP, hook, launchBrowser, PAGES_DIR, PHONE, screenshot } from "./browser.ts";
import { describePages, humanRows, joinInBrowser, WAIT, waitJoinError, waitSeated } from "./studentFlow.ts";

const server = useTestServer({ pagesDir: PAGES_DIR });
let browser: Browser;
const contexts: BrowserContext[] = [];
const clients: Participant[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
/** Each test's browsers and clients go when it ends: a student page left drawing slows the next tests. */
async function closeAll(): Promise<void> {
  for (const c of clients.splice(0)) await c.room.leave().catch(() => {});
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

async function freshPage(): Promise<Page> {
  const context = await browser.newContext();
  // A stuck action fails within the test's minute, naming itself.
  context.setDefaultTimeout(20_000);
  contexts.push(context);
  return context.newPage();
}

const lobby = (maxStudents = 30) =>
  createSession(server(), {
    exam: "independent",
    scheme: { name: "global" },
    maxStudents,
    roundSeconds: 600,
  });

/** Types a code and a name on the join page, presses Join and returns the error line's text. */
async function refusedWith(page: Page, code: string, nickname: string): Promise<string> {
  await page.locator("#code").fill(code);
  await page.locator("#nickname").fill(nickname);
  await page.locator("#join").click();
  await waitJoinError(page);
  expect(new URL(page.url()).pathname).not.toBe("/student");
  const error = page.locator("#error");
  expect(await error.isVisible()).toBe(true);
  return (await error.textContent()) ?? "";
}

describe("the join page", () => {
  it("joins by code and nickname from /, and lands on /student in a seat", async () => {
    const created = await lobby();
    const teacher = await joinStaff(server(), created);
    clients.push(teacher);
    const page = await freshPage();
    await page.goto(`${server().http}/`);
    expect(await page.locator("#code").inputValue()).toBe("");
    // Typed the way people type: lower case with a space in the middle.
    await page.locator("#code").fill(`${created.code.slice(0, 3).toLowerCase()} ${created.code.slice(3)}`);
    await page.locator("#nickname").fill("Ada");
    await page.locator("#join").click();
    await page.waitForURL(/\/student$/);
    const seated = await waitSeated(page);
    expect(seated.seat).toBe(0);
    await expect.poll(() => page.locator("#nickname").textContent(), WAIT).toBe("Ada");
    expect(await page.locator("#code").textContent()).toBe(`class ${created.code}`);
    await waitFor(() => humanRows(teacher).length === 1, "the teacher to see the student");
    expect(humanRows(teacher)[0]).toMatchObject({ seat: 0, nickname: "Ada", connected: true });
  });

  it("fills the code in from /join/CODE and puts the cursor in the nickname", async () => {
    const created = await lobby();
    const page = await freshPage();
    await page.goto(`${server().http}/join/${created.code.toLowerCase()}`);
    expect(await page.locator("#code").inputValue()).toBe(created.code);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("nickname");
    const hooked = await hook<JoinHook>(page);
    expect(hooked).toEqual({ page: "join", error: null });
    const seated = await joinInBrowser(page, server().http, created.code, "Grace");
    expect(seated.seat).toBe(0);
  });

  it("suggests a friendly name, a different one on each press, that the class accepts", async () => {
    const created = await lobby();
    const page = await freshPage();
    await page.goto(`${server().http}/join/${created.code}`);
    const names = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const before = await page.locator("#nickname").inputValue();
      await page.locator("#suggest").click();
      const name = await page.locator("#nickname").inputValue();
      expect(name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
      expect(name).not.toBe(before);
      names.add(name);
    }
    expect(names.size).toBeGreaterThan(1);
    const suggested = await page.locator("#nickname").inputValue();
    await page.locator("#join").click();
    await page.waitForURL(/\/student$/);
    await waitSeated(page);
    await expect.poll(() => page.locator("#nickname").textContent(), WAIT).toBe(suggested);
  });

  it("says what is wrong with a malformed code and with a code no session has", async () => {
    const created = await lobby();
    const page = await freshPage();
    await page.goto(`${server().http}/`);
    expect(await refusedWith(page, "HELLO", "Ada")).toBe(
      "A join code has 6 letters and digits, like K7QXCM. Check it on the projector.",
    );
    expect(await page.locator("#code").getAttribute("aria-invalid")).toBe("true");
    // Well formed, but not this session's: QQQQQQ unless that is the code, then QQQQQR.
    const wrong = created.code === "QQQQQQ" ? "QQQQQR" : "QQQQQQ";
    expect(await refusedWith(page, wrong, "Ada")).toBe(
      "No session has that code. Check it with your teacher.",
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("code");
    expect(await page.locator("#join").isEnabled()).toBe(true);
  });

  it("says the nickname is taken, and joins once another is chosen", async () => {
    const created = await lobby();
    clients.push(await joinStudent(server(), created, "Ada", "key-ada-taken-0"));
    const page = await freshPage();
    await page.goto(`${server().http}/join/${created.code}`);
    expect(await refusedWith(page, created.code, "ada")).toBe(
      "That nickname is taken in this class: choose another.",
    );
    expect(await page.locator("#nickname").getAttribute("aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("nickname");
    await page.locator("#nickname").fill("Ada L");
    await page.locator("#join").click();
    await page.waitForURL(/\/student$/);
    expect((await waitSeated(page)).seat).toBe(1);
  });

  it("says the teacher has locked the session", async () => {
    const created = await lobby();
    const teacher = await joinStaff(server(), created);
    clients.push(teacher);
    teacher.room.send("lock", { locked: true });
    await waitFor(() => teacher.room.state.locked === true, "the lock");
    const page = await freshPage();
    await page.goto(`${server().http}/join/${created.code}`);
    expect(await refusedWith(page, created.code, "Ada")).toBe(
      "The teacher has locked this session. Ask them to let you in.",
    );
    teacher.room.send("lock", { locked: false });
    await waitFor(() => teacher.room.state.locked === false, "the unlock");
    await page.locator("#join").click();
    await page.waitForURL(/\/student$/);
    await waitSeated(page);
  });

  it("lets a kicked browser back in, and tells a banned one it cannot rejoin, under any nickname", async () => {
    const created = await lobby();
    const teacher = await joinStaff(server(), created);
    clients.push(teacher);
    const page = await freshPage();
    const first = await joinInBrowser(page, server().http, created.code, "Mallory");

    // Kicked: told so, and the way back is the join page of the same class.
    teacher.room.send("kick", { seat: first.seat });
    await expect
      .poll(() => page.locator("#gone-title").textContent(), WAIT)
      .toBe("The teacher removed you from the class");
    expect(await page.locator("#gone-text").textContent()).toBe("You can join again if your teacher agrees.");
    expect(await page.locator("#play").isVisible()).toBe(false);
    await waitFor(() => humanRows(teacher).length === 0, "the kicked seat to be freed");
    await page.locator("#gone-link").click();
    await page.waitForURL(new RegExp(`/join/${created.code}$`));
    expect(await page.locator("#code").inputValue()).toBe(created.code);
    await page.locator("#nickname").fill("Mallory");
    await page.locator("#join").click();
    await page.waitForURL(/\/student$/);
    const second = await waitSeated(page);

    // Banned: told so, and this browser is refused even under a fresh name.
    teacher.room.send("ban", { seat: second.seat });
    await expect
      .poll(() => page.locator("#gone-title").textContent(), WAIT)
      .toBe("The teacher removed you from this session");
    expect(await page.locator("#gone").isVisible()).toBe(true);
    expect(await page.locator("#play").isVisible()).toBe(false);
    expect(await page.locator("#gone-text").textContent()).toBe("This browser cannot rejoin it.");
    await waitFor(() => humanRows(teacher).length === 0, "the banned seat to be freed");
    await page.goto(`${server().http}/join/${created.code}`);
    expect(await page.locator("#rejoin").isHidden()).toBe(true);
    expect(await refusedWith(page, created.code, "Not Mallory")).toBe(
      "This browser cannot join this session. Ask your teacher.",
    );
    // Another browser is welcome.
    const other = await freshPage();
    await joinInBrowser(other, server().http, created.code, "Not Mallory");
  });

  it("says the session has ended", async () => {
    const created = await lobby();
    const teacher = await joinStaff(server(), created);
    clients.push(teacher);
    teacher.room.send("end", {});
    await waitFor(() => teacher.room.state.phase === "ended", "the end");
    const page = await freshPage();
    await page.goto(`${server().http}/join/${created.code}`);
    expect(await refusedWith(page, created.code, "Late")).toBe(
      "This session has ended. Ask your teacher for the new code.",
    );
  });

  it("says the class is full", async () => {
    const created = await lobby(1);
    clients.push(await joinStudent(server(), created, "First", "key-first-full-0"));
    const page = await freshPage();
    await page.goto(`${server().http}/join/${created.code}`);
    expect(await refusedWith(page, created.code, "Second")).toBe(
      "The class is full. Ask your teacher for a place.",
    );
    expect(await page.locator("#join").textContent()).toBe("Join");
  });

  it("fits a phone and a desktop (screenshots), the error line on screen", async () => {
    const created = await lobby();
    for (const [name, viewport] of [
      ["phone", PHONE],
      ["desktop", DESKTOP],
    ] as const) {
      const context = await browser.newContext({ viewport });
      // A stuck action fails within the test's minute, naming itself.
      context.setDefaultTimeout(20_000);
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${server().http}/join/${created.code}`);
      await page.locator("#suggest").click();
      await screenshot(page, `join-${name}`);
      await refusedWith(page, "NOPE", await page.locator("#nickname").inputValue());
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      for (const id of ["code", "nickname", "suggest", "join", "error"]) {
        const box = await page.locator(`#${id}`).boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= viewport.width, `#${id} fits across`).toBe(true);
        expect(box && box.y + box.height <= viewport.height, `#${id} is above the fold`).toBe(true);
      }
      await screenshot(page, `join-${name}-error`);
    }
  });
});
