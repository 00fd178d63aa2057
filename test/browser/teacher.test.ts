/**
 * The teacher's dashboard in a real Chromium against a real server: a session made through the form, run
 * from the live controls while bots (and one SDK student) play, then replayed frame by frame to the same
 * final score the server stored, exported as CSV, and two sessions replayed side by side.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionDetail } from "../../shared/protocol/session.ts";
import { api, joinStudent, type Participant, useTestServer } from "../server/harness.ts";
import { DESKTOP, launchBrowser, PAGES_DIR, PHONE, screenshot } from "./browser.ts";
import {
  createThroughForm,
  downloadCsv,
  type Kept,
  keptFor,
  openDashboard,
  untilTeacher as until,
} from "./teacherFlow.ts";

const server = useTestServer({ pagesDir: PAGES_DIR });
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts.splice(0)) await c.close();
  await browser?.close();
});

async function teacherPage(): Promise<Page> {
  const page = await openDashboard(browser, server().http);
  contexts.push(page.context());
  return page;
}

/** Every element `selector` matches lies within the viewport's width (the page's own parts, on a phone). */
async function expectFits(page: Page, selector: string): Promise<void> {
  const overflow = await page.evaluate((sel) => {
    const width = document.documentElement.clientWidth;
    return Array.from(document.querySelectorAll(sel))
      .filter((el) => el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().right > width + 0.5)
      .map((el) => `${el.className}: ${Math.round(el.getBoundingClientRect().right)} px`);
  }, selector);
  expect(overflow).toEqual([]);
}

describe("the teacher's dashboard", () => {
  /** The session the first test runs from the dashboard, replayed by the second in the same browser. */
  let ran: { page: Page; id: string; kept: Kept } | null = null;
  let student: { ana: Participant; roomId: string } | null = null;

  it("creates a session through the form, shows its links, and starts, pauses and resumes it", async () => {
    const page = await teacherPage();

    // A form mistake is named beside the form and nothing is created.
    await page.locator("#roundSeconds").fill("1");
    await page.locator("#create").click();
    await expect
      .poll(() => page.locator("#create-error").textContent())
      .toContain("Round time (seconds) must be");
    expect(await page.locator("#roundSeconds").getAttribute("aria-invalid")).toBe("true");
    expect(page.url()).not.toMatch(/#live/);
    await screenshot(page, "teacher-create-desktop");
    await page.setViewportSize(PHONE);
    await screenshot(page, "teacher-create-phone");
    await expectFits(page, ".create-form, .masthead");
    await page.setViewportSize(DESKTOP);

    const id = await createThroughForm(page, server().http, { bots: 12, roundSeconds: 2, reviewSeconds: 0 });
    const kept = await keptFor(page, id);
    expect(kept.code).toMatch(/^[A-Z0-9]{6}$/);
    const link = await page.locator(".share input.link").inputValue();
    expect(link).toBe(`${server().http}/class/${kept.code}#key=${kept.projectorToken}`);
    expect(await page.locator(".share").textContent()).toContain("carries the projector’s key");
    expect(await page.locator("#join-code").textContent()).toBe(kept.code);
    expect(await page.locator("#join-address").textContent()).toBe(`${server().http}/join/${kept.code}`);

    // One student joins from outside the browser: the roster shows a row for them, bots as a count.
    const joined = await api<{ roomId: string }>(server(), `/join/${kept.code}`);
    const ana = await joinStudent(server(), { ...kept, id, seed: 0, roomId: joined.body.roomId }, "ana");
    await expect.poll(() => page.locator("#roster tbody tr").count()).toBe(1);
    expect(await page.locator("#roster tbody tr th").textContent()).toBe("ana");
    expect(await page.locator("#roster-summary").textContent()).toBe("1 student (1 connected) and 12 bots.");

    await page.locator("#start").click();
    await until(
      page,
      (h) => (h.boards[0]?.livePoints ?? 0) >= 2,
      "two rounds to close on the live board",
      20_000,
    );
    // The theory's line for "Good job" moves once per update (a baseline round, then a jiggled one).
    const live = await until(
      page,
      (h) => h.comparison?.includes("needs about") === true,
      "the comparison sentence with the theory's estimate",
    );
    expect(live.comparison).toMatch(
      /^The twin class with personal signals reached 95 % in 1 round; this class, with “Good job, everyone”, needs about [\d,]+ by the theory’s rate\.$/,
    );
    expect(await page.locator("#live-comparison").textContent()).toBe(live.comparison);
    expect(live.bots).toBe(12);
    expect(live.students).toBe(1);

    await page.locator("#pause").click();
    await until(page, (h) => h.boards[0]?.phase === "paused", "the pause");
    expect(await page.locator("#live-phase").textContent()).toBe("Paused");
    await page.locator("#resume").click();
    await until(page, (h) => h.boards[0]?.phase === "open" || h.boards[0]?.phase === "review", "the resume");

    // A reload keeps the view: the same session, connected again with the key this browser keeps.
    await page.reload();
    await until(
      page,
      (h) => h.view === "live" && h.sessionId === id && h.connected,
      "the live view after a reload",
    );
    ran = { page, id, kept };
    student = { ana, roomId: joined.body.roomId };
  });

  it("locks the room, kicks a student, switches the scheme from the next round and ends the session", async () => {
    if (!ran || !student) throw new Error("the test before this one did not finish");
    const { page, id, kept } = ran;
    const { ana, roomId } = student;
    await page.locator("#lock").click();
    await expect.poll(() => page.locator("#lock-state").textContent()).toBe("Locked: nobody new can join.");
    await expect(joinStudent(server(), { ...kept, id, seed: 0, roomId }, "ben")).rejects.toMatchObject({
      code: 423,
    });

    // Kicking asks first (answered yes); the seat's level stands for the round in progress, then it goes.
    await page.getByRole("button", { name: "Kick ana" }).click();
    await expect
      .poll(() => page.locator("#roster-summary").textContent())
      .toBe("0 students (0 connected) and 12 bots.");
    await expect.poll(() => page.locator("#roster tbody tr").count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => ana.other.some((m) => m.type === "removed")).toBe(true);

    // The scheme switches from the next round: the controls say so, then the state plays it.
    await page.locator(".scheme-form select").selectOption("vectorized");
    await page.locator("#switch-scheme").click();
    await expect
      .poll(() => page.locator("#scheme-now").textContent(), { timeout: 10_000 })
      .toMatch(/^Now: vectorized/);
    const before = (await until(page, () => true, "the hook")).boards[0]?.livePoints ?? 0;
    await until(page, (h) => (h.boards[0]?.livePoints ?? 0) > before, "a round under personal signals");
    await screenshot(page, "teacher-live-desktop");
    await page.setViewportSize(PHONE);
    await screenshot(page, "teacher-live-phone");
    await expectFits(
      page,
      ".share, .controls, .round-line, .comparison, .roster-section > :not(.table-scroll)",
    );
    await page.setViewportSize(DESKTOP);

    await page.locator("#end").click();
    await until(page, (h) => h.boards[0]?.phase === "ended", "the end");
    await expect.poll(() => page.locator("#live-ended").isVisible()).toBe(true);
  });

  it("replays that session to the score the server stored, plays it, and exports it as CSV", async () => {
    if (!ran) throw new Error("the live test before this one did not finish");
    const { page, id, kept } = ran;
    await page.setViewportSize(DESKTOP);
    const detail = (await api<SessionDetail>(server(), `/sessions/${id}`, kept.teacherToken)).body;
    expect(detail.status).toBe("ended");
    expect(detail.rounds).toBeGreaterThanOrEqual(4);
    expect(new Set(detail.results.map((r) => r.scheme.name))).toEqual(new Set(["global", "vectorized"]));

    // The replay, from the sessions list.
    await page.locator("#nav-replays").click();
    const row = page.locator(`#sessions tr[data-session="${id}"]`);
    await expect.poll(() => row.locator("td").nth(6).textContent()).toBe("ended");
    expect(await row.locator("td").nth(4).textContent()).toBe(String(detail.rounds));
    await screenshot(page, "teacher-sessions-desktop");
    await row.getByRole("link", { name: "Replay" }).click();
    await page.waitForURL(new RegExp(`#replay/${id}$`));
    const loaded = await until(page, (h) => (h.replays[0]?.frames ?? 0) > 0, "the replay's frames");
    expect(loaded.replays[0]).toMatchObject({
      frames: detail.rounds + 1,
      frame: 0,
      score: null,
      error: null,
    });

    const timeline = page.locator(".replay-panel .timeline");
    await timeline.focus();
    await page.keyboard.press("End");
    const end = await until(page, (h) => h.replays[0]?.frame === detail.rounds, "the end of the timeline");
    expect(end.replays[0].score).toBe(detail.lastScore);
    expect(end.replays[0].round).toBe(detail.rounds);
    expect(end.boards[0].livePoints).toBeGreaterThan(0);
    expect(await timeline.getAttribute("aria-valuetext")).toBe(`After round ${detail.rounds}`);
    expect(end.comparison).toMatch(
      /^The scheme was switched in round \d+, from “Good job, everyone” to personal signals/,
    );

    // Play from the start runs the frames forward on its own.
    await page.locator(".replay-panel .play").click();
    await until(page, (h) => h.replays[0]?.playing === true && h.replays[0].frame >= 1, "the replay to play");
    await page.locator(".replay-panel .play").click();
    await until(page, (h) => h.replays[0]?.playing === false, "the replay to pause");

    const { filename, lines: csv } = await downloadCsv(page);
    expect(filename).toBe(`group-exam-${id}.csv`);
    expect(csv[0].split(",")).toContain("classError");
    expect(csv).toHaveLength(detail.rounds + 1);
    expect(csv.slice(1).map((line) => Number(line.split(",")[0]))).toEqual(
      detail.results.map((r) => r.round),
    );
    await screenshot(page, "teacher-replay-desktop");
    await page.setViewportSize(PHONE);
    await screenshot(page, "teacher-replay-phone");
    await expectFits(page, ".replay-panel .timeline-row, .replay-panel .play-row, .replay-panel .exports");
  });

  it("replays two ticked sessions side by side, each on its own timeline", async () => {
    if (!ran) throw new Error("the live test before this one did not finish");
    const { page } = ran;
    await page.setViewportSize(DESKTOP);
    // A second session in the same browser, under another scheme, played for two rounds by hand.
    const id = await createThroughForm(page, server().http, {
      bots: 8,
      roundSeconds: 600,
      reviewSeconds: 120,
      scheme: "sign",
    });
    await page.locator("#start").click();
    for (let round = 1; round <= 2; round++) {
      await until(
        page,
        (h) => h.boards[0]?.round === round && h.boards[0].phase === "open",
        `round ${round}`,
      );
      await page.locator("#advance").click();
      await until(page, (h) => h.boards[0]?.livePoints === round, `round ${round} to close`);
      if (round < 2) await page.locator("#advance").click();
    }
    await page.locator("#end").click();
    await until(page, (h) => h.boards[0]?.phase === "ended", "the end");
    const ids = [ran.id, id];
    const firstFrames =
      (await api<SessionDetail>(server(), `/sessions/${ran.id}`, ran.kept.teacherToken)).body.rounds + 1;

    await page.locator("#nav-replays").click();
    for (const id of ids) await page.locator(`#pick-${id}`).check();
    await page.locator("#compare").click();
    await page.waitForURL(/#replay\/[\w-]+,[\w-]+$/);
    const both = await until(
      page,
      (h) => h.boards.length === 2 && h.replays[0]?.frames === firstFrames && h.replays[1]?.frames === 3,
      "both replays to load",
    );
    expect(both.replays.map((r) => r.sessionId)).toEqual(ids);

    // The second timeline moves on its own; the first stays where it was.
    await page.locator(".replay-panel").nth(1).locator(".timeline").focus();
    await page.keyboard.press("End");
    const moved = await until(page, (h) => h.replays[1]?.frame === 2, "the second timeline to its end");
    expect(moved.replays[0].frame).toBe(0);
    expect(moved.boards[1].livePoints).toBe(2);
    expect(moved.boards[0].livePoints).toBe(0);
    await screenshot(page, "teacher-side-by-side-desktop");
    await page.setViewportSize(PHONE);
    await screenshot(page, "teacher-side-by-side-phone");
    await expectFits(
      page,
      ".replay-panel .timeline-row, .replay-panel .play-row, .replay-panel .exports, .replay-title",
    );
  });
});
