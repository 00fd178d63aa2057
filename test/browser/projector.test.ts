/**
 * The projector page on a real server in real Chromium: the lobby's code and QR code (decoded from the
 * screen), the class board as a teacher's session plays rounds of bots, the frame time with 2,000 neurons,
 * and a wrong or missing key shown as a plain message.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ProjectorHook } from "../../client/src/common/testHook.ts";
import { createSession, joinStaff, useTestServer } from "../server/harness.ts";
import { DESKTOP, hook, launchBrowser, PAGES_DIR, PHONE, screenshot } from "./browser.ts";
import { decodePng, distinctColours, qrText } from "./pixels.ts";

const server = useTestServer({ pagesDir: PAGES_DIR });
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Pages and teachers a test opened: closed after it even when it failed, so no class plays on into the next. */
const opened: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of opened.splice(0).reverse()) await close().catch(() => undefined);
});

async function startAsTeacher(created: Awaited<ReturnType<typeof createSession>>) {
  const teacher = await joinStaff(server(), created, "teacher");
  opened.push(async () => {
    teacher.room.send("end", {});
    await teacher.room.leave();
  });
  teacher.room.send("start", {});
  return teacher;
}

/** Polls the projector's hook until `check` holds; fails with the last hook seen. */
async function waitForProjector(
  page: Page,
  check: (h: ProjectorHook) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<ProjectorHook> {
  const start = Date.now();
  let last: ProjectorHook | undefined;
  for (;;) {
    const h = await hook<ProjectorHook>(page).catch(() => undefined);
    if (h?.page === "projector") {
      last = h;
      if (check(h)) return h;
    }
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out waiting for ${what}; the hook last said ${JSON.stringify(last)}`);
    await page.waitForTimeout(50);
  }
}

async function openProjector(code: string, token: string, viewport: { width: number; height: number }) {
  const page = await browser.newPage({ viewport });
  opened.push(() => page.close());
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${server().http}/class/${code}#key=${encodeURIComponent(token)}`);
  return { page, errors };
}

describe("the projector", () => {
  it("shows the code and a QR code of the join URL in the lobby, then the class board as rounds close", async () => {
    const created = await createSession(server(), {
      exam: "independent",
      scheme: { name: "global" },
      bots: 12,
      maxStudents: 10,
      roundSeconds: 2,
      reviewSeconds: 0,
      autoAdvance: true,
      endAtCriterion: false,
    });
    const { page, errors } = await openProjector(created.code, created.projectorToken, DESKTOP);
    const joinUrl = `${server().http}/join/${created.code}`;
    const lobby = await waitForProjector(
      page,
      (h) => h.connected && h.joinUrl !== null && (h.board?.neurons ?? 0) >= 12,
      "the lobby",
    );
    expect(lobby.joinUrl).toBe(joinUrl);
    expect(lobby.code).toBe(created.code);
    expect(lobby.error).toBeNull();
    expect(await page.locator("#lobby-code").textContent()).toBe(created.code);
    expect(await page.locator("#lobby-count").textContent()).toBe("No students have joined yet.");
    expect(qrText(await page.locator("#qr").screenshot())).toBe(joinUrl);
    expect(await page.locator("#qr svg").getAttribute("aria-label")).toContain(joinUrl);
    await screenshot(page, "projector-lobby-desktop");

    const teacher = await startAsTeacher(created);
    const playing = await waitForProjector(page, (h) => (h.board?.livePoints ?? 0) >= 3, "three rounds");
    const board = playing.board;
    if (!board) throw new Error("no board in the hook");
    expect(board.neurons).toBeGreaterThanOrEqual(12);
    expect(board.twinPoints).toBeGreaterThan(0);
    expect(board.score).not.toBeNull();
    expect(["Good job, everyone", "Not quite, everyone"]).toContain(board.moment);
    // The hook and the words read at one moment: a round closes every two seconds.
    const words = await page.evaluate(() => ({
      moment: (window.__groupExam as ProjectorHook | undefined)?.board?.moment,
      headline: document.querySelector(".board-headline")?.textContent,
      live: document.querySelector(".board-live")?.textContent,
    }));
    expect(words.headline).toBe(words.moment);
    expect(words.live).toContain(words.moment);
    expect(await page.locator("#lobby").isHidden()).toBe(true);
    expect(await page.locator("#corner-code").textContent()).toBe(created.code);
    expect(await page.locator("#round").textContent()).toMatch(/^Round \d+/);
    await page.waitForTimeout(400);
    const later = await waitForProjector(page, (h) => (h.board?.frames ?? 0) > board.frames, "more frames");
    expect(later.board?.frameMs?.mean).toBeGreaterThan(0);

    // The canvas is drawn: a blank one would be one colour (the background) throughout.
    const canvas = decodePng(await page.locator(".board-canvas canvas").screenshot());
    expect(distinctColours(canvas)).toBeGreaterThan(20);
    // And the chart's canvas has its lines.
    const chart = decodePng(await page.locator(".board-chart canvas").screenshot());
    expect(distinctColours(chart)).toBeGreaterThan(10);
    await screenshot(page, "projector-board-desktop");
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(800);
    await screenshot(page, "projector-board-phone");

    teacher.room.send("end", {});
    await waitForProjector(page, (h) => h.board?.phase === "ended", "the end");
    // The reason shows once the room's state carries it (its endReason); until then, the plain end.
    expect(await page.locator("#ended").textContent()).toMatch(
      /^The (teacher ended the session|session is over)\.$/,
    );
    expect(await page.locator("#round").textContent()).toBe("The session has ended");
    const final = (await hook<ProjectorHook>(page))?.board?.livePoints ?? 0;
    // A reload after the end still shows the final board: the code no longer finds the room, but this tab
    // remembers it, and the room keeps its final state a while.
    await page.reload();
    const reloaded = await waitForProjector(page, (h) => h.board?.phase === "ended", "the final board again");
    expect(reloaded.board?.livePoints).toBe(final);
    expect(reloaded.error).toBeNull();
    expect(await page.locator(".board-host").isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it("draws 2,000 neurons and measures its frame time while rounds close", async () => {
    const created = await createSession(server(), {
      exam: "independent",
      scheme: { name: "global" },
      bots: 2000,
      maxBots: 2000,
      maxStudents: 1,
      roundSeconds: 2,
      reviewSeconds: 0,
      autoAdvance: true,
      endAtCriterion: false,
    });
    const { page, errors } = await openProjector(created.code, created.projectorToken, DESKTOP);
    await waitForProjector(page, (h) => h.connected && h.board?.neurons === 2000, "2,000 neurons");
    await startAsTeacher(created);
    const first = await waitForProjector(page, (h) => (h.board?.livePoints ?? 0) >= 1, "the first round");
    // A few seconds of rounds closing: the frame window then holds frames with rounds, flashes and redraws.
    await page.waitForTimeout(4500);
    const after = await waitForProjector(page, (h) => (h.board?.livePoints ?? 0) >= 2, "more rounds");
    const b = after.board;
    if (!b?.frameMs) throw new Error(`no frame time: ${JSON.stringify(after)}`);
    const interval = b.frameIntervalMs;
    console.log(
      `projector frame time with 2000 neurons: mean ${b.frameMs.mean.toFixed(2)} ms, p95 ${b.frameMs.p95.toFixed(2)} ms` +
        ` (JS work per frame; interval between frames: mean ${interval?.mean.toFixed(1)} ms, p95 ${interval?.p95.toFixed(1)} ms)`,
    );
    expect(b.neurons).toBe(2000);
    expect(b.frames).toBeGreaterThan(first.board?.frames ?? 0);
    await screenshot(page, "projector-board-2000");
    expect(errors).toEqual([]);
  });

  it("says plainly when the key is wrong or missing, without crashing", async () => {
    const created = await createSession(server(), {
      exam: "independent",
      scheme: { name: "global" },
      bots: 3,
    });
    const wrong = await openProjector(created.code, "not-the-projector-key", DESKTOP);
    const refused = await waitForProjector(wrong.page, (h) => h.error !== null, "an error");
    expect(refused.connected).toBe(false);
    expect(refused.error).toContain("not valid");
    expect(await wrong.page.locator("#problem").isVisible()).toBe(true);
    expect(await wrong.page.locator("#problem-text").textContent()).toContain("not valid");
    await screenshot(wrong.page, "projector-wrong-key");
    expect(wrong.errors).toEqual([]);

    const page = await browser.newPage({ viewport: PHONE });
    opened.push(() => page.close());
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${server().http}/class/${created.code}`);
    const missing = await waitForProjector(page, (h) => h.error !== null, "the missing key's message");
    expect(missing.error).toContain("no key");
    expect(await page.locator("#problem-title").textContent()).toBe("This projector link has no key");
    await page.goto(`${server().http}/class/ACDEFG#key=whatever`);
    const unknown = await waitForProjector(page, (h) => h.error !== null, "the unknown code's message");
    expect(unknown.error).toMatch(/No session has the code ACDEFG|refused/);
    expect(errors).toEqual([]);
  });
});
