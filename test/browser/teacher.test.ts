/**
 * The teacher's dashboard in a real Chromium against a real server: a session made from a preset, run at
 * the teacher's pace on a 1366×768 laptop (everything that matters in sight, the status line following the
 * room, the space bar moving the class on), a second session whose rounds open by themselves, then the
 * first replayed to the score the server stored with its two CSV exports read back, and both side by side
 * on one timeline.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TeacherHook } from "../../client/src/common/testHook.ts";
import type { SessionDetail } from "../../shared/protocol/session.ts";
import { api, joinStudent, type Participant, useTestServer } from "../server/harness.ts";
import { launchBrowser, PAGES_DIR, PHONE, screenshot } from "./browser.ts";
import {
  createThroughForm,
  csvRecords,
  downloadCsv,
  type Kept,
  keptFor,
  LAPTOP,
  openDashboard,
  outsideViewport,
  untilTeacher as until,
  viewportShot,
  WIDE,
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

/**
 * What must be in sight on the live view without scrolling: every control (the pacing, the settings, the
 * chart's scale, the projector link's copy), the status line, the comparison, the roster's heading and its
 * first three rows.
 */
const IN_SIGHT = [
  ".live-head button",
  ".pacing button",
  ".pacing input",
  ".controls button",
  ".controls input",
  ".controls select",
  ".scale-toggle input",
  "#live-status",
  "#live-comparison",
  "#live-score",
  "#roster thead",
  "#roster tbody tr:nth-child(-n+3)",
].join(", ");

async function expectInSight(page: Page, phase: string): Promise<void> {
  const { checked, outside } = await outsideViewport(page, IN_SIGHT);
  expect(outside, `${phase}: in sight at ${JSON.stringify(page.viewportSize())}`).toEqual([]);
  // The pacing (3+), the settings (8), the scale, the copy button, the words and three roster rows.
  expect(checked).toBeGreaterThanOrEqual(20);
}

/** The status line as shown, and as the hook reads it. */
async function statusShown(page: Page): Promise<{ phase: string; head: string; detail: string }> {
  return {
    phase: (await page.locator("#live-status").getAttribute("data-phase")) ?? "",
    head: (await page.locator("#live-status-head").textContent()) ?? "",
    detail: (await page.locator("#live-status-detail").textContent()) ?? "",
  };
}

/** Waits until the status line says `phase` and the board agrees; records the phase seen. */
async function untilStatus(
  page: Page,
  phase: string,
  check: (h: TeacherHook) => boolean,
  what: string,
  timeoutMs?: number,
): Promise<TeacherHook> {
  const seen = await until(
    page,
    (h) => h.status?.phase === phase && h.boards[0]?.phase === phase && check(h),
    what,
    timeoutMs,
  );
  phases.push(phase);
  return seen;
}
const phases: string[] = [];

/** Nothing focused: the page itself gets the keys, as when a teacher has clicked on the page. */
const blur = (page: Page) =>
  page.evaluate(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  });

/** How long a poll of the page may take: state patches reach the page within it even on a busy machine. */
const WAIT = { timeout: 10_000 } as const;

const NAMES = ["ana", "ben", "chiara", "dmitri", "esther", "farouk"];

describe("the teacher's dashboard", () => {
  /** The session the first tests run from the dashboard, replayed later in the same browser. */
  let ran: { page: Page; id: string; kept: Kept; students: Participant[]; roomId: string } | null = null;
  let second: string | null = null;

  it("fills the form from a preset in one click, names a mistake, and creates what the preset says", async () => {
    const page = await openDashboard(browser, server().http, LAPTOP);
    contexts.push(page.context());

    // The form opens waiting for the teacher after each round, with the 90 % criterion and a twin like people.
    expect(await page.locator("#autoAdvance").isChecked()).toBe(false);
    expect(await page.locator("label[for=endAtCriterion]").textContent()).toBe(
      "End when the class gets 90 % of the way to the key",
    );
    expect(await page.locator("#twinLikePeople").isChecked()).toBe(true);
    // Every option says in a line what the teacher gets.
    for (const id of [
      "exam",
      "questions",
      "roundSeconds",
      "autoAdvance",
      "maxRounds",
      "maxStudents",
      "bots",
    ]) {
      const hint = await page.locator(`#${id}-hint`).textContent();
      expect(hint?.length ?? 0, `#${id} has a one-line explanation`).toBeGreaterThan(20);
    }

    // A form mistake is named beside the form and nothing is created.
    await page.locator("#roundSeconds").fill("1");
    await page.locator("#create").click();
    await expect
      .poll(() => page.locator("#create-error").textContent(), WAIT)
      .toContain("Round time (seconds) must be");
    expect(await page.locator("#roundSeconds").getAttribute("aria-invalid")).toBe("true");
    expect(page.url()).not.toMatch(/#live/);

    // The preset fills every field it speaks of, and clears the mistake.
    await page.locator("#preset-first-class").click();
    expect(await page.locator("#preset-said").textContent()).toContain(
      "Filled in: First class: 20 minutes, “Good job” then personal signals.",
    );
    expect(await page.locator("#roundSeconds").getAttribute("aria-invalid")).toBeNull();
    expect(await page.locator("#create-error").textContent()).toBe("");
    const values = await page.evaluate(() =>
      Object.fromEntries(
        ["exam", "roundSeconds", "maxRounds", "maxStudents", "bots", "reviewSeconds"].map((id) => [
          id,
          (document.getElementById(id) as HTMLInputElement).value,
        ]),
      ),
    );
    expect(values).toEqual({
      exam: "independent",
      roundSeconds: "30",
      maxRounds: "30",
      maxStudents: "60",
      bots: "10",
      reviewSeconds: "10",
    });
    expect(await page.locator("#create-scheme select").inputValue()).toBe("global");
    expect(await page.locator("#autoAdvance").isChecked()).toBe(false);
    expect(await page.locator("#standIns").isChecked()).toBe(true);
    expect(await page.locator("#preset-first-class-note").textContent()).toContain("after round 10");
    await viewportShot(page, "teacher-create-1366x768");
    const createButton = await outsideViewport(page, "#create, .preset");
    expect(createButton.outside, "the presets and Create in sight at 1366×768").toEqual([]);
    await page.setViewportSize(WIDE);
    await viewportShot(page, "teacher-create-1920x1080");
    await page.setViewportSize(PHONE);
    await screenshot(page, "teacher-create-phone");
    await expectFits(page, ".create-form, .masthead, .presets");
    await page.setViewportSize(LAPTOP);

    // Creating from it: the server holds what the preset said.
    await page.locator("#create").click();
    await page.waitForURL(/#live\/[\w-]+$/);
    const id = new URL(page.url()).hash.replace("#live/", "");
    await until(page, (h) => h.view === "live" && h.connected, "the live view to connect");
    const kept = await keptFor(page, id);
    const detail = (await api<SessionDetail>(server(), `/sessions/${id}`, kept.teacherToken)).body;
    expect(detail.config).toMatchObject({
      scheme: { name: "global" },
      roundSeconds: 30,
      bots: 10,
      maxRounds: 30,
      autoAdvance: false,
      standIns: true,
      endAtCriterion: false,
      twinLikePeople: true,
    });

    expect(kept.code).toMatch(/^[A-Z0-9]{6}$/);
    expect(await page.locator(".share input.link").inputValue()).toBe(
      `${server().http}/class/${kept.code}#key=${kept.projectorToken}`,
    );
    expect(await page.locator(".share").textContent()).toContain("carries the projector’s key");
    expect(await page.locator("#join-code").textContent()).toBe(kept.code);
    expect(await page.locator("#join-address").textContent()).toBe(`${server().http}/join/${kept.code}`);

    // A class joins from outside the browser: the roster shows a row each, the bots as a count.
    const joined = await api<{ roomId: string }>(server(), `/join/${kept.code}`);
    const created = { ...kept, id, seed: 0, roomId: joined.body.roomId };
    const students: Participant[] = [];
    for (const name of NAMES) students.push(await joinStudent(server(), created, name));
    await expect.poll(() => page.locator("#roster tbody tr").count(), WAIT).toBe(NAMES.length);
    expect(await page.locator("#roster tbody tr th").first().textContent()).toBe("ana");
    expect(await page.locator("#roster-summary").textContent()).toBe("6 students (6 connected) and 10 bots.");
    ran = { page, id, kept, students, roomId: joined.body.roomId };
  });

  it("shows the controls, the roster's first rows and the comparison without scrolling at 1366×768 and 1920×1080", async () => {
    if (!ran) throw new Error("the test before this one did not finish");
    const { page } = ran;
    await untilStatus(page, "lobby", () => true, "the lobby");
    expect((await statusShown(page)).head).toBe("Waiting to start · students join with the code");
    // No "Waiting for the first round" on the dashboard's board: the status line says where the room is.
    expect(await page.locator(".board-moment").isVisible()).toBe(false);
    await expectInSight(page, "the lobby");
    await viewportShot(page, "teacher-live-lobby-1366x768");
    await page.setViewportSize(WIDE);
    await expectInSight(page, "the lobby");
    await viewportShot(page, "teacher-live-lobby-1920x1080");
    await page.setViewportSize(LAPTOP);
  });

  it("runs at the teacher's pace: the status line follows the room, and the space bar moves the class on outside a field", async () => {
    if (!ran) throw new Error("the tests before this one did not finish");
    const { page } = ran;

    // Two minutes a round, from the first: time enough for everything the teacher does in one.
    await page.locator(".controls .inline-form input").first().fill("120");
    await page.locator(".controls .inline-form button").first().click();
    await expect
      .poll(() => page.locator("#live-said").textContent(), WAIT)
      .toMatch(/^You set the round time to 120 s/);
    await page.locator("#start").click();
    await untilStatus(page, "open", (h) => h.boards[0].round === 1, "round 1 to open");
    const open = await statusShown(page);
    expect(open.head).toMatch(/^Round 1 is open · [12]:\d\d left$/);
    expect(open.detail).toMatch(/^0 of 6 students in play have submitted/);
    // During a round the big button waits; closing early is there, smaller.
    expect(await page.locator("#advance").isDisabled()).toBe(true);
    expect(await page.locator("#close-round").isEnabled()).toBe(true);
    expect(await page.locator("#close-round").getAttribute("class")).not.toContain("primary");
    expect(await page.locator("#live-said").textContent()).toMatch(
      /^You pressed Start\. \(\d\d:\d\d:\d\d\)$/,
    );
    await expectInSight(page, "round 1");
    await viewportShot(page, "teacher-live-round-1366x768");
    await page.setViewportSize(WIDE);
    await expectInSight(page, "round 1");
    await viewportShot(page, "teacher-live-round-1920x1080");
    await page.setViewportSize(LAPTOP);

    // The space bar in a round does not close it: the quieter line says what would.
    await blur(page);
    await page.keyboard.press("Space");
    expect(await page.locator("#live-said").textContent()).toContain("A round is open");

    await page.locator("#close-round").click();
    const review = await untilStatus(page, "review", (h) => h.boards[0].livePoints === 1, "round 1 to close");
    expect(review.status?.headline).toBe("Round 1 closed · the class waits for you");
    expect((await statusShown(page)).detail).toContain("Press Next round (or the space bar) to open round 2");
    expect(await page.locator("#advance").isEnabled()).toBe(true);
    expect(await page.locator("#next-countdown").textContent()).toBe("");
    expect(review.comparison).not.toBeNull();
    expect(await page.locator("#live-comparison").textContent()).toBe(review.comparison);
    await expectInSight(page, "after round 1");
    await viewportShot(page, "teacher-live-review-1366x768");
    await page.setViewportSize(WIDE);
    await expectInSight(page, "after round 1");
    await viewportShot(page, "teacher-live-review-1920x1080");
    await page.setViewportSize(LAPTOP);

    // The space bar typed into a field is the field's: the Pause sent after it finds the class still
    // after round 1 (the room takes a teacher's messages in order, so an advance would have come first).
    await page.locator(".controls .inline-form input").first().focus();
    await page.keyboard.press("Space");
    await page.locator("#pause").click();
    const paused = await untilStatus(page, "paused", () => true, "the pause");
    expect(paused.status?.headline).toBe("Paused after round 1");
    expect(paused.boards[0].round).toBe(1);
    expect(await page.locator("#live-said").textContent()).toMatch(/^You pressed Pause\./);

    // The big button is Resume now, and the space bar presses it.
    expect(await page.locator("#resume").isVisible()).toBe(true);
    await blur(page);
    await page.keyboard.press("Space");
    await untilStatus(page, "review", (h) => h.boards[0].round === 1, "the resume between rounds");

    // The keys revealed: asked first (answered yes), then the button says so and cannot be pressed again.
    await page.locator("#reveal").click();
    await expect.poll(() => page.locator("#reveal").textContent(), WAIT).toBe("Keys revealed");
    expect(await page.locator("#reveal").isDisabled()).toBe(true);
    expect((await statusShown(page)).detail).toContain("The keys are revealed");

    // A clicker's Page Down opens the next round, as the space bar does.
    await blur(page);
    await page.keyboard.press("PageDown");
    await untilStatus(page, "open", (h) => h.boards[0].round === 2, "round 2 to open from the keys");

    await page.locator("#pause").click();
    const inRound = await untilStatus(page, "paused", () => true, "a pause inside round 2");
    expect(inRound.status?.headline).toMatch(/^Paused in round 2 · [12]:\d\d left when you resume$/);
    await page.locator("#resume").click();
    await untilStatus(page, "open", (h) => h.boards[0].round === 2, "round 2 again");
    expect(phases).toEqual(["lobby", "open", "review", "paused", "review", "open", "paused", "open"]);
  });

  it("locks the room, kicks a student, switches the scheme from the next round and ends the session", async () => {
    if (!ran) throw new Error("the tests before this one did not finish");
    const { page, id, kept, students, roomId } = ran;
    await page.locator("#lock").click();
    await expect
      .poll(() => page.locator("#lock-state").textContent(), WAIT)
      .toBe("Locked: nobody new can join.");
    await expect(joinStudent(server(), { ...kept, id, seed: 0, roomId }, "gus")).rejects.toMatchObject({
      code: 423,
    });

    // Kicking asks first (answered yes); the seat's level stands for the round in progress, then it goes.
    await page.getByRole("button", { name: "Kick ana" }).click();
    await expect
      .poll(() => page.locator("#roster-summary").textContent(), WAIT)
      .toBe("5 students (5 connected) and 10 bots.");
    await expect.poll(() => students[0].other.some((m) => m.type === "removed"), WAIT).toBe(true);

    // The scheme switches from the next round: the controls say so, then the state plays it.
    await page.locator(".scheme-form select").selectOption("vectorized");
    await page.locator("#switch-scheme").click();
    await expect
      .poll(() => page.locator("#scheme-now").textContent(), WAIT)
      .toBe("Now: global: “Good job, everyone”. Next round: vectorized: personal signals.");
    await page.locator("#close-round").click();
    await untilStatus(page, "review", (h) => h.boards[0].livePoints === 2, "round 2 to close");
    await blur(page);
    await page.keyboard.press("Space");
    await untilStatus(page, "open", (h) => h.boards[0].round === 3, "round 3 under personal signals");
    await expect
      .poll(() => page.locator("#scheme-now").textContent(), WAIT)
      .toBe("Now: vectorized: personal signals.");
    await page.setViewportSize(PHONE);
    await screenshot(page, "teacher-live-phone");
    await expectFits(
      page,
      ".share, .pacing, .controls, .status, .comparison, .roster-section > :not(.table-scroll)",
    );
    await page.setViewportSize(LAPTOP);

    await page.locator("#end").click();
    const ended = await untilStatus(page, "ended", () => true, "the end");
    expect(ended.status?.headline).toBe("The session has ended");
    expect((await statusShown(page)).detail).toBe(
      "The teacher ended the session. 3 rounds played; the keys are revealed to everyone.",
    );
    await expect.poll(() => page.locator("#live-ended").isVisible(), WAIT).toBe(true);
    // Nothing on the pacing can move the class any more.
    expect(await page.locator(".pacing button:visible:not(:disabled)").count()).toBe(0);
    expect(phases).toEqual([
      "lobby",
      "open",
      "review",
      "paused",
      "review",
      "open",
      "paused",
      "open",
      "review",
      "open",
      "ended",
    ]);
    await viewportShot(page, "teacher-live-ended-1366x768");
    await page.setViewportSize(WIDE);
    await viewportShot(page, "teacher-live-ended-1920x1080");
    await page.setViewportSize(LAPTOP);
  });

  it("opens rounds by themselves with auto-advance on, counting down on the dashboard, and waits again once it is off", async () => {
    if (!ran) throw new Error("the tests before this one did not finish");
    const { page } = ran;
    // Made through the form with auto-advance: 2 s rounds (no student holds them open), 3 s between.
    const id = await createThroughForm(page, server().http, {
      bots: 8,
      roundSeconds: 2,
      reviewSeconds: 3,
      autoAdvance: true,
    });
    const kept = await keptFor(page, id);
    const config = (await api<SessionDetail>(server(), `/sessions/${id}`, kept.teacherToken)).body.config;
    expect(config).toMatchObject({ autoAdvance: true, reviewSeconds: 3, roundSeconds: 2 });
    expect(await page.locator("#auto-advance").isChecked()).toBe(true);
    expect(await page.locator("#auto-seconds").inputValue()).toBe("3");

    await page.locator("#start").click();
    const counting = await until(
      page,
      (h) => h.status?.phase === "review" && /opens by itself in [1-3] s$/.test(h.status.headline),
      "the countdown after round 1",
    );
    expect(counting.status?.headline).toMatch(/^Round 1 closed · round 2 opens by itself in [1-3] s$/);
    expect(await page.locator("#next-countdown").textContent()).toMatch(/^Next round in [0-3] s$/);
    // Nobody presses anything: round 2 opens by itself.
    await until(
      page,
      (h) => h.status?.phase === "open" && h.boards[0]?.round === 2,
      "round 2 to open by itself",
    );

    // Switched off live: the next close waits for the teacher.
    await page.locator("#auto-advance").uncheck();
    const waiting = await until(
      page,
      (h) => h.status?.phase === "review" && / closed · the class waits for you$/.test(h.status.headline),
      "a round that waits for the teacher",
    );
    expect(waiting.boards[0].round).toBeGreaterThanOrEqual(2);
    expect(await page.locator("#next-countdown").textContent()).toBe("");
    await page.locator("#end").click();
    await until(page, (h) => h.status?.phase === "ended", "the end");
    second = id;
  });

  it("replays the first session to the score the server stored, and its two CSV exports read back for people", async () => {
    if (!ran) throw new Error("the live tests before this one did not finish");
    const { page, id, kept } = ran;
    const detail = (await api<SessionDetail>(server(), `/sessions/${id}`, kept.teacherToken)).body;
    expect(detail.status).toBe("ended");
    expect(detail.rounds).toBe(3);
    expect(detail.results.map((r) => r.scheme.name)).toEqual(["global", "global", "vectorized"]);

    await page.locator("#nav-replays").click();
    const row = page.locator(`#sessions tr[data-session="${id}"]`);
    await expect.poll(() => row.locator("td").nth(6).textContent(), WAIT).toBe("ended");
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
    // One session's chart is fixed to its own rounds, so it does not rescale while it plays.
    expect(loaded.boards[0].roundAxis).toBe(detail.rounds);

    const timeline = page.locator(".replay-panel .timeline");
    await timeline.focus();
    await page.keyboard.press("End");
    const end = await until(page, (h) => h.replays[0]?.frame === detail.rounds, "the end of the timeline");
    expect(end.replays[0].score).toBe(detail.lastScore);
    expect(end.boards[0].livePoints).toBe(detail.rounds);
    expect(await timeline.getAttribute("aria-valuetext")).toBe(`After round ${detail.rounds}`);
    expect(end.comparison).toMatch(
      /^In round 3 the class switched from “Good job, everyone” to personal signals, and the twin class to “Good job, everyone”\./,
    );

    // Play from the start runs the frames forward on its own.
    await page.locator(".replay-panel .play").click();
    await until(page, (h) => h.replays[0]?.playing === true && h.replays[0].frame >= 1, "the replay to play");
    await page.locator(".replay-panel .play").click();
    await until(page, (h) => h.replays[0]?.playing === false, "the replay to pause");

    // Per round: figures rounded for people, nothing internal.
    const rounds = await downloadCsv(page, "rounds");
    expect(rounds.filename).toBe(`group-exam-${id}.csv`);
    const perRound = csvRecords(rounds.lines);
    expect(perRound.columns).toContain("class score");
    expect(perRound.columns.some((c) => /checksum/i.test(c))).toBe(false);
    expect(perRound.rows.map((r) => Number(r.round))).toEqual([1, 2, 3]);
    expect(perRound.rows.map((r) => Number(r["class score"]))).toEqual(
      detail.results.map((r) => Math.round(r.score * 10) / 10),
    );

    // Per student and round: each seat's level and feedback in each round it played.
    const seats = await downloadCsv(page, "students");
    expect(seats.filename).toBe(`group-exam-${id}-students.csv`);
    const perSeat = csvRecords(seats.lines);
    for (const column of ["round", "seat", "nickname", "scheme", "level", "feedback"])
      expect(perSeat.columns).toContain(column);
    const chiara = perSeat.rows.filter((r) => r.nickname === "chiara");
    expect(chiara.map((r) => r.round)).toEqual(["1", "2", "3"]);
    expect(chiara.map((r) => r.scheme)).toEqual(["global", "global", "vectorized"]);
    expect(chiara[2].feedback).toMatch(/^(raise|lower|stay)$/);
    for (const r of perSeat.rows) expect(r.level).toMatch(/^(0|1|0\.\d{1,2})$/);
    // Every round has the class's 10 bots in it, and the students in play.
    expect(perSeat.rows.filter((r) => r.round === "1").length).toBe(16);

    await viewportShot(page, "teacher-replay-1366x768");
    await page.setViewportSize(PHONE);
    await screenshot(page, "teacher-replay-phone");
    await expectFits(page, ".replay-panel .timeline-row, .replay-panel .play-row, .replay-panel .exports");
    await page.setViewportSize(LAPTOP);
  });

  it("replays two sessions side by side: one timeline, one play button, both charts on the same rounds", async () => {
    if (!ran || !second) throw new Error("the live tests before this one did not finish");
    const { page } = ran;
    const ids = [ran.id, second];
    const secondRounds = (
      await api<SessionDetail>(server(), `/sessions/${second}`, (await keptFor(page, second)).teacherToken)
    ).body.rounds;
    const longest = Math.max(3, secondRounds);

    await page.locator("#nav-replays").click();
    for (const id of ids) await page.locator(`#pick-${id}`).check();
    await page.locator("#compare").click();
    await page.waitForURL(/#replay\/[\w-]+,[\w-]+$/);
    const both = await until(
      page,
      (h) => h.boards.length === 2 && h.replays.every((r) => r.frames > 0) && (h.timeline?.last ?? 0) > 0,
      "both replays to load",
    );
    expect(both.replays.map((r) => r.sessionId)).toEqual(ids);
    expect(both.replays.map((r) => r.frames)).toEqual([4, secondRounds + 1]);
    expect(both.timeline?.last).toBe(longest);
    expect(await page.locator(".timeline").count()).toBe(1);
    expect(await page.locator("button.play").count()).toBe(1);
    expect(await page.locator("select.speed").count()).toBe(1);
    // The same round axis on both charts: the longer session's.
    expect(both.boards.map((b) => b.roundAxis)).toEqual([longest, longest]);

    // The one timeline moves both; a session that ended earlier stays on its last round.
    await page.locator(".timeline").focus();
    await page.keyboard.press("End");
    const atEnd = await until(page, (h) => h.timeline?.frame === longest, "the timeline to its end");
    expect(atEnd.replays.map((r) => r.frame)).toEqual([
      Math.min(3, longest),
      Math.min(secondRounds, longest),
    ]);
    expect(atEnd.boards.map((b) => b.livePoints)).toEqual([3, secondRounds]);
    await page.keyboard.press("Home");
    const atStart = await until(page, (h) => h.timeline?.frame === 0, "the timeline back to the start");
    expect(atStart.replays.map((r) => r.frame)).toEqual([0, 0]);
    await page.locator("button.play").click();
    const playing = await until(
      page,
      (h) => h.timeline?.playing === true && h.timeline.frame >= 1,
      "both to play",
    );
    expect(playing.replays.every((r) => r.playing)).toBe(true);
    expect(playing.replays[0].frame).toBe(playing.replays[1].frame);
    await page.locator("button.play").click();
    await until(page, (h) => h.timeline?.playing === false, "both to pause");
    await page.locator(".timeline").focus();
    await page.keyboard.press("End");
    await until(page, (h) => h.timeline?.frame === longest, "the end again");
    // One comparison and one set of exports per side.
    expect(await page.locator(".replay-panel .comparison").count()).toBe(2);
    expect(await page.locator(".replay-panel .export-students").count()).toBe(2);

    await viewportShot(page, "teacher-side-by-side-1366x768");
    await page.setViewportSize(WIDE);
    await viewportShot(page, "teacher-side-by-side-1920x1080");
    await page.setViewportSize(PHONE);
    await screenshot(page, "teacher-side-by-side-phone");
    await expectFits(page, ".replay-bar, .replay-panel .exports, .replay-title");
  });
});
