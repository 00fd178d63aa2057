/**
 * The projector page on a real server in real Chromium, with students as real SDK clients: the lobby's code,
 * QR code (decoded from the screen) and names; a class of people through rounds of "Good job, everyone",
 * a switch to personal signals and the end, every text readable from the back at 1920×1080 (DOM and canvas)
 * and the legend true to the event log; the wall hiding names and the key until the reveal; the presenter's
 * keys, which open rounds and never close one; the key off the address bar once the tab keeps it, and a
 * reload that still joins; the frame time with 2,000 neurons; a wrong or missing key shown as a plain
 * message. Screenshots at 1920×1080 and 1280×720 go to artifacts/screenshots.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ProjectorHook } from "../../client/src/common/testHook.ts";
import type { ProjectorState } from "../../client/src/projector/state.ts";
import { statePicture } from "../../client/src/projector/statePicture.ts";
import type { LoggedEvent } from "../../shared/session/events.ts";
import { wallPicture } from "../../shared/session/wall.ts";
import { legendFromLog, switchesFromLog, type TextSeen, VISIBLE_TEXT } from "../projector/wallChecks.ts";
import {
  api,
  type Created,
  createSession,
  joinStaff,
  joinStudent,
  type Participant,
  useTestServer,
} from "../server/harness.ts";
import { DESKTOP, hook, launchBrowser, PAGES_DIR, PHONE, screenshot } from "./browser.ts";
import { decodePng, distinctColours, qrText } from "./pixels.ts";

const server = useTestServer({ pagesDir: PAGES_DIR });
let browser: Browser;
const WALL = { width: 1920, height: 1080 } as const;
const SMALL_WALL = { width: 1280, height: 720 } as const;
/** The smallest text a class reads on a 1920-pixel projector, and the least contrast it may have. */
const MIN_PX = 24;
const MIN_CONTRAST = 4.5;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Pages and clients a test opened: closed after it even when it failed, so no class plays on into the next. */
const opened: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of opened.splice(0).reverse()) await close().catch(() => undefined);
});

async function teacherOf(created: Created) {
  const teacher = await joinStaff(server(), created, "teacher");
  opened.push(async () => {
    teacher.room.send("end", {});
    await teacher.room.leave();
  });
  return teacher;
}

async function startAsTeacher(created: Created) {
  const teacher = await teacherOf(created);
  teacher.room.send("start", {});
  return teacher;
}

async function students(created: Created, names: readonly string[]): Promise<Participant[]> {
  const out: Participant[] = [];
  for (const name of names) {
    const s = await joinStudent(server(), created, name);
    opened.push(() => s.room.leave());
    out.push(s);
  }
  return out;
}

/** Every student submits a level for `round` (the round closes when all have). */
function submitAll(all: readonly Participant[], round: number): void {
  all.forEach((s, k) => {
    s.room.send("submit", { round, level: (k + 1) / (all.length + 1) });
  });
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

/**
 * Every text on the screen can be read from the back: at least MIN_PX (the DOM's computed sizes, and the
 * canvases' through the board's hook), contrast at least 4.5:1, and nothing off the screen.
 */
async function expectLegible(page: Page, what: string): Promise<void> {
  // The canvas reports its fonts at the size it is shown: let a resize settle first.
  await page.waitForTimeout(700);
  const seen = await page.evaluate<TextSeen[]>(VISIBLE_TEXT);
  expect(seen.length, `${what}: texts on screen`).toBeGreaterThan(3);
  const small = seen.filter((t) => t.size < MIN_PX);
  expect(small, `${what}: texts under ${MIN_PX} px`).toEqual([]);
  const faint = seen.filter((t) => t.contrast < MIN_CONTRAST);
  expect(faint, `${what}: texts under 4.5:1`).toEqual([]);
  const off = seen.filter((t) => !t.inView);
  expect(off, `${what}: texts off the screen`).toEqual([]);
  const h = await hook<ProjectorHook>(page);
  const canvas = h?.screen === "lobby" ? null : (h?.board?.minCanvasFontPx ?? 0);
  if (canvas !== null)
    expect(canvas, `${what}: the smallest text on the board's canvases`).toBeGreaterThanOrEqual(MIN_PX);
  // A figure for the record, not an assertion beyond the ones above.
  console.log(
    `projector legibility, ${what}: smallest text ${Math.min(...seen.map((t) => t.size)).toFixed(1)} px${canvas === null ? "" : `, canvas ${canvas.toFixed(1)} px`}, lowest contrast ${Math.min(...seen.map((t) => t.contrast)).toFixed(1)}:1`,
  );
}

async function twoSizes(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-1920`);
  await page.setViewportSize(SMALL_WALL);
  await page.waitForTimeout(800);
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize(WALL);
  await page.waitForTimeout(800);
}

async function eventsOf(created: Created): Promise<LoggedEvent[]> {
  const res = await api<LoggedEvent[]>(server(), `/sessions/${created.id}/events`, created.teacherToken);
  expect(res.status).toBe(200);
  return res.body;
}

const NAMES = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken"];

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
      (h) => h.connected && h.joinUrl !== null && h.screen === "lobby",
      "the lobby",
    );
    expect(lobby.joinUrl).toBe(joinUrl);
    expect(lobby.code).toBe(created.code);
    expect(lobby.error).toBeNull();
    expect(await page.locator("#lobby-code").textContent()).toBe(created.code);
    expect(await page.locator("#lobby-count").textContent()).toBe("No students have joined yet.");
    expect(qrText(await page.locator("#qr").screenshot())).toBe(joinUrl);
    expect(await page.locator("#qr svg").getAttribute("aria-label")).toContain(joinUrl);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      DESKTOP.width,
    );

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
    await page.setViewportSize(DESKTOP);

    teacher.room.send("end", {});
    await waitForProjector(page, (h) => h.board?.phase === "ended", "the end");
    await expect
      .poll(() => page.locator("#ended").textContent(), { timeout: 10_000 })
      .toBe("The teacher ended the session.");
    expect(await page.locator("#round").textContent()).toBe("The session has ended");
    // After the end: no QR code and no join corner.
    expect(await page.locator("#corner").isVisible()).toBe(false);
    expect(await page.locator("#qr").isVisible()).toBe(false);
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

  it("takes its key off the address bar once it has it, and a reload of the tab still joins the class", async () => {
    const created = await createSession(server(), {
      exam: "independent",
      scheme: { name: "global" },
      bots: 4,
      maxStudents: 4,
      endAtCriterion: false,
    });
    const { page, errors } = await openProjector(created.code, created.projectorToken, WALL);
    const clean = `${server().http}/class/${created.code}`;
    await waitForProjector(page, (h) => h.connected && h.screen === "lobby", "the lobby");
    expect(page.url()).toBe(clean);
    expect(page.url()).not.toContain(encodeURIComponent(created.projectorToken));
    // The tab holds it instead (session storage: this tab only, gone with it).
    const kept = await page.evaluate(() => Object.values({ ...sessionStorage }));
    expect(kept).toContain(created.projectorToken);
    await screenshot(page, "projector-lobby-key-kept-1920");

    await page.reload();
    const back = await waitForProjector(
      page,
      (h) => h.connected && h.screen === "lobby",
      "the lobby after a reload",
    );
    expect(back.error).toBeNull();
    expect(page.url()).toBe(clean);
    // And it is still the projector: its clicker starts the class, which only staff may do.
    await page.keyboard.press("Space");
    await waitForProjector(page, (h) => h.board?.phase === "open", "round 1 opened from the reloaded tab");
    expect(page.url()).toBe(clean);
    expect(errors).toEqual([]);
  });

  it("is readable from the back in every phase, and its chart and legend tell each round's scheme as the log does", async () => {
    const created = await createSession(server(), {
      exam: "independent",
      scheme: { name: "global" },
      bots: 8,
      maxStudents: 12,
      roundSeconds: 60,
      endAtCriterion: false,
    });
    const { page, errors } = await openProjector(created.code, created.projectorToken, WALL);
    const class_ = await students(created, NAMES);
    const lobby = await waitForProjector(
      page,
      (h) => h.screen === "lobby" && h.joined === NAMES.length && h.names.length === NAMES.length,
      "the lobby with every name",
    );
    // Newest first: the last to join leads.
    expect(lobby.names[0]).toBe(NAMES[NAMES.length - 1]);
    expect([...lobby.names].sort()).toEqual([...NAMES].sort());
    expect(await page.locator("#lobby-count").textContent()).toBe(`${NAMES.length} students have joined.`);
    expect(await page.locator("#hint").textContent()).toMatch(/Space/);
    await expectLegible(page, "the lobby");
    await twoSizes(page, "projector-lobby");

    const teacher = await startAsTeacher(created);
    const open = await waitForProjector(
      page,
      (h) => h.screen === "round" && h.board?.phase === "open",
      "round 1",
    );
    expect(open.comparison).toMatch(/This class plays with “Good job, everyone”/);
    expect(await page.locator("#clock").textContent()).toMatch(/^\d+:\d\d left$/);
    expect(await page.locator("#submitted").textContent()).toBe(
      `0 of ${NAMES.length} students submitted · 8 bots playing`,
    );
    await expectLegible(page, "an open round");
    await twoSizes(page, "projector-round");

    const play = async (round: number): Promise<ProjectorHook> => {
      if (round > 1) teacher.room.send("advance", {});
      await waitForProjector(
        page,
        (h) => h.board?.phase === "open" && h.board.round === round,
        `round ${round} open`,
      );
      submitAll(class_, round);
      return waitForProjector(
        page,
        (h) => h.screen === "review" && h.board?.livePoints === round,
        `the feedback of round ${round}`,
      );
    };
    const review = await play(1);
    expect(review.next).toBe("Next round when your teacher is ready — press Space");
    expect(review.comparison).not.toBeNull();
    expect(await page.locator(".board-headline").isVisible()).toBe(true);
    await expectLegible(page, "the feedback after a round");
    await twoSizes(page, "projector-review");
    await play(2);
    // A pace when both classes have one; a twin that got there in one round is compared in rounds (comparison.ts).
    expect((await play(3)).comparison).toMatch(
      /^(Per round the distance to the key shrank|With personal signals one round was enough)/,
    );
    teacher.room.send("scheme", { scheme: { name: "vectorized" } });
    await waitForProjector(
      page,
      (h) => h.next?.includes("with personal signals") === true,
      "the next scheme named",
    );
    for (const round of [4, 5, 6]) await play(round);
    const switched = await waitForProjector(page, (h) => h.board?.legend.length === 4, "four legend entries");
    await expectLegible(page, "the feedback after the switch");
    await screenshot(page, "projector-review-switched-1920");

    // The legend and the marks say what the log says: per class, the rounds of each scheme.
    const log = await eventsOf(created);
    const expected = legendFromLog(log);
    expect(expected).toEqual([
      { side: "live", scheme: "global", rounds: [[1, 3]] },
      { side: "live", scheme: "vectorized", rounds: [[4, 6]] },
      { side: "twin", scheme: "vectorized", rounds: [[1, 3]] },
      { side: "twin", scheme: "global", rounds: [[4, 6]] },
    ]);
    const legend = switched.board?.legend ?? [];
    expect(legend.map(({ side, scheme, rounds }) => ({ side, scheme, rounds }))).toEqual(expected);
    expect(legend.map((e) => e.text)).toEqual([
      "This class, “Good job, everyone”, rounds 1–3",
      "This class, personal signals, rounds 4–6",
      "The twin class (bots playing like people), personal signals, rounds 1–3",
      "The twin class (bots playing like people), “Good job, everyone”, rounds 4–6",
    ]);
    expect(switched.board?.marks.map((m) => m.round)).toEqual(switchesFromLog(log));
    expect(switched.board?.marks.map((m) => m.label)).toEqual(["→ personal signals"]);
    // The legend on screen, row by row, is the hook's.
    const rows = await page.$$eval(".board-legend-class[data-side]", (els) =>
      els.map((el) => ({
        side: el.getAttribute("data-side"),
        items: Array.from(el.querySelectorAll(".board-legend-item")).map((i) => ({
          scheme: i.getAttribute("data-scheme"),
          text: i.textContent,
        })),
      })),
    );
    expect(rows).toEqual([
      {
        side: "live",
        items: [
          { scheme: "global", text: "“Good job, everyone”, rounds 1–3" },
          { scheme: "vectorized", text: "personal signals, rounds 4–6" },
        ],
      },
      {
        side: "twin",
        items: [
          { scheme: "vectorized", text: "personal signals, rounds 1–3" },
          { scheme: "global", text: "“Good job, everyone”, rounds 4–6" },
        ],
      },
    ]);
    expect(switched.board?.chartScale).toBe("score");

    teacher.room.send("end", {});
    const end = await waitForProjector(
      page,
      (h) => h.screen === "ended" && h.summary.length > 0,
      "the end screen",
    );
    expect(end.summary[0]).toMatch(/^Per round/);
    expect(end.summary.some((l) => /final class score/.test(l))).toBe(true);
    // Rounds to 90 %, per scheme, naming the class that played it.
    expect(end.summary.some((l) => /with “Good job, everyone”: this class/.test(l))).toBe(true);
    // The key shows at the end, and still no name on the field.
    expect(end.board?.keyShown).toBe(true);
    expect(end.board?.names).toEqual([]);
    expect(await page.locator("#corner").isVisible()).toBe(false);
    expect(await page.locator("#end-reveal").isVisible()).toBe(true);
    await expectLegible(page, "the end");
    await twoSizes(page, "projector-end");
    expect(errors).toEqual([]);
  });

  it("hides names and the key under “Good job, everyone” until the teacher reveals them", async () => {
    const created = await createSession(server(), {
      exam: "independent",
      scheme: { name: "global" },
      bots: 6,
      maxStudents: 6,
      roundSeconds: 60,
      endAtCriterion: false,
    });
    const { page, errors } = await openProjector(created.code, created.projectorToken, WALL);
    const class_ = await students(created, ["Ada", "Grace", "Alan"]);
    await waitForProjector(page, (h) => h.joined === 3, `three students (page errors: ${errors.join("; ")})`);
    const teacher = await startAsTeacher(created);
    for (const round of [1, 2, 3]) {
      if (round > 1) teacher.room.send("advance", {});
      const open = await waitForProjector(
        page,
        (h) => h.board?.phase === "open" && h.board.round === round,
        `round ${round}`,
      );
      for (const h of [open]) {
        expect(h.board?.names).toEqual([]);
        expect(h.board?.directions).toBe(0);
        expect(h.board?.lit).toBe(0);
        expect(h.board?.answer).toBe("hidden");
        expect(h.board?.keyShown).toBe(false);
      }
      submitAll(class_, round);
      const review = await waitForProjector(
        page,
        (h) => h.screen === "review" && h.board?.livePoints === round,
        `review ${round}`,
      );
      expect(review.board?.names).toEqual([]);
      expect(review.board?.directions).toBe(0);
      expect(review.board?.lit).toBe(0);
      expect(review.board?.keyShown).toBe(false);
      expect(review.board?.fieldNote).toMatch(/the key stays hidden until the reveal/);
      // No student's name anywhere on the wall during play (what is rendered: the hidden lobby keeps its list).
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point
      const text = await page.evaluate(() => document.body.innerText);
      for (const name of ["Ada", "Grace", "Alan"]) expect(text).not.toContain(name);
    }
    // The teacher's own picture of the same moment holds what the wall leaves out: the checks above can fail.
    const full = statePicture(teacher.room.state as ProjectorState);
    expect(full.seats.map((s) => s.nickname)).toEqual(expect.arrayContaining(["Ada", "Grace", "Alan"]));
    expect(full.seats.some((s) => s.target !== null)).toBe(true);
    expect(wallPicture(full).seats.some((s) => s.target !== null || s.nickname !== "")).toBe(false);
    await screenshot(page, "projector-hidden-key-1920");

    teacher.room.send("reveal", {});
    const revealed = await waitForProjector(
      page,
      (h) => h.board?.keyShown === true,
      "the key after the reveal",
    );
    expect(revealed.board?.answer).toBe("strip");
    expect(revealed.board?.lit).toBeGreaterThan(0);
    expect(revealed.board?.names).toEqual([]);
    await screenshot(page, "projector-revealed-1920");
    teacher.room.send("end", {});
    const end = await waitForProjector(page, (h) => h.screen === "ended", "the end");
    expect(end.board?.keyShown).toBe(true);
    expect(errors).toEqual([]);
  });

  it("opens the next round on Space after the feedback, and never closes an open round", async () => {
    const created = await createSession(server(), {
      exam: "independent",
      scheme: { name: "global" },
      bots: 4,
      maxStudents: 4,
      roundSeconds: 3,
      autoAdvance: false,
      endAtCriterion: false,
    });
    const teacher = await teacherOf(created);
    const { page, errors } = await openProjector(created.code, created.projectorToken, WALL);
    await waitForProjector(page, (h) => h.connected && h.screen === "lobby", "the lobby");
    // In the lobby, the clicker starts the class.
    await page.keyboard.press("Space");
    await waitForProjector(page, (h) => h.board?.phase === "open" && h.board.round === 1, "round 1 open");
    // In an open round the keys do nothing: no message goes out, and the timer closes the round.
    for (const key of ["Space", "PageDown", "ArrowRight", "Enter"]) await page.keyboard.press(key);
    expect((await hook<ProjectorHook>(page))?.advances).toBe(1);
    const review = await waitForProjector(
      page,
      (h) => h.screen === "review" && h.board?.round === 1,
      "review 1",
    );
    expect(review.advances).toBe(1);
    expect(await page.locator("#hint").isVisible()).toBe(true);
    expect(await page.locator("#next").textContent()).toMatch(/press Space/);
    // A double click on the feedback opens one round and does not close it.
    await page.keyboard.press("Space");
    await page.keyboard.press("Space");
    await waitForProjector(page, (h) => h.board?.phase === "open" && h.board.round === 2, "round 2 open");
    await waitForProjector(page, (h) => h.screen === "review" && h.board?.round === 2, "review 2");
    const closes = (await eventsOf(created)).flatMap(({ event }) =>
      event.type === "closed" ? [{ round: event.round, reason: event.reason }] : [],
    );
    expect(closes).toEqual([
      { round: 1, reason: "timer" },
      { round: 2, reason: "timer" },
    ]);
    // PageDown (a clicker's "next") opens round 3.
    await page.keyboard.press("PageDown");
    await waitForProjector(page, (h) => h.board?.phase === "open" && h.board.round === 3, "round 3 open");
    expect(teacher.rejected).toEqual([]);
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
