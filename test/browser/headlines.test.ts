/**
 * Screenshots of the comparison's headlines where people read them (issue 12: honest headlines): the
 * dashboard's sentence, the projector during play and at the end (1920×1080 and 1280×720), on `independent`
 * with personal signals (exact in one round: compared in rounds, no "times as fast") and on `readout` with
 * "Good job" (both classes have a pace: the ratio leads), and the demo page at desktop and phone width.
 * Bot-only sessions on a real server, real Chromium; the asserts are the sentences' honesty rules.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoHook, ProjectorHook } from "../../client/src/common/testHook.ts";
import type { SessionConfigInput } from "../../shared/protocol/session.ts";
import { type Created, createSession, joinStaff, useTestServer } from "../server/harness.ts";
import { DESKTOP, hook, launchBrowser, PAGES_DIR, PHONE, screenshot } from "./browser.ts";
import { waitForHook } from "./studentFlow.ts";
import { LAPTOP, untilTeacher, WIDE } from "./teacherFlow.ts";

const server = useTestServer({ pagesDir: PAGES_DIR });
let browser: Browser;
const SMALL_WALL = { width: 1280, height: 720 } as const;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const session = (exam: SessionConfigInput["exam"], scheme: "global" | "vectorized"): SessionConfigInput => ({
  exam,
  scheme: { name: scheme },
  bots: 30,
  maxStudents: 5,
  roundSeconds: 60,
  reviewSeconds: 0,
  autoAdvance: false,
  endAtCriterion: false,
  maxRounds: 500,
});

/** The teacher's dashboard on the live view of `created` (its tokens put where the page keeps them). */
async function dashboard(created: Created, id: string): Promise<Page> {
  const context = await browser.newContext({ viewport: LAPTOP });
  const page = await context.newPage();
  await page.goto(`${server().http}/teacher`);
  const kept = {
    teacherToken: created.teacherToken,
    projectorToken: created.projectorToken,
    code: created.code,
    createdAt: Date.now(),
  };
  await page.evaluate(
    (value) => localStorage.setItem("groupExam.teacherSessions", value),
    JSON.stringify({ [id]: kept }),
  );
  await page.goto(`${server().http}/teacher#live/${id}`);
  await untilTeacher(page, (h) => h.view === "live" && h.connected, "the live view");
  return page;
}

async function wall(created: Created, viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(`${server().http}/class/${created.code}#key=${encodeURIComponent(created.projectorToken)}`);
  return page;
}

/** Plays rounds by the teacher's key (close, open the next) until the wall shows `rounds` of them. */
async function playRounds(teacher: Awaited<ReturnType<typeof joinStaff>>, walls: Page[], rounds: number) {
  teacher.room.send("start", {});
  const shown = async () => (await hook<ProjectorHook>(walls[0]))?.board?.livePoints ?? 0;
  for (let k = 0; k < 20 * rounds && (await shown()) < rounds; k++) {
    await new Promise((r) => setTimeout(r, 50));
    teacher.room.send("advance", {});
  }
  for (const w of walls)
    await waitForHook<ProjectorHook>(
      w,
      (h) => (h.board?.livePoints ?? 0) >= rounds && h.comparison !== null,
      `${rounds} rounds on the wall`,
      30_000,
    );
}

for (const [exam, scheme, rounds] of [
  ["independent", "vectorized", 40],
  ["readout", "global", 60],
] as const)
  describe(`the headlines on ${exam} with ${scheme}`, () => {
    it("are said in rounds where one round was exact, with a pace ratio only where both have a pace", async () => {
      const created = await createSession(server(), session(exam, scheme));
      const id = created.roomId;
      const big = await wall(created, WIDE);
      const small = await wall(created, SMALL_WALL);
      const teacher = await joinStaff(server(), created, "teacher");
      const dash = await dashboard(created, id);
      await playRounds(teacher, [big, small], rounds);
      const during = await hook<ProjectorHook>(big);
      const said =
        (await untilTeacher(dash, (h) => (h.comparison ?? "").includes("90 %"), "the sentence")).comparison ??
        "";
      console.log(`${exam} dashboard: ${said}\n${exam} wall: ${during?.comparison}`);
      await screenshot(dash, `headlines-${exam}-dashboard`);
      await screenshot(big, `headlines-${exam}-wall-1920`);
      await screenshot(small, `headlines-${exam}-wall-1280`);
      teacher.room.send("end", {});
      const end = await waitForHook<ProjectorHook>(
        big,
        (h) => h.screen === "ended" && h.summary.length > 0,
        "the end",
      );
      await waitForHook<ProjectorHook>(small, (h) => h.screen === "ended" && h.summary.length > 0, "the end");
      console.log(`${exam} end: ${end.summary.join(" | ")}`);
      await screenshot(big, `headlines-${exam}-end-1920`);
      await screenshot(small, `headlines-${exam}-end-1280`);
      for (const text of [said, during?.comparison ?? "", ...end.summary]) {
        expect(text).not.toContain("100 %");
        if (exam === "independent") expect(text).not.toContain("times");
      }
      await teacher.room.leave();
      await Promise.all([big.close(), small.close(), dash.context().close()]);
    }, 90_000);
  });

describe("the demo's headline", () => {
  for (const [name, viewport, exam] of [
    ["desktop", DESKTOP, "independent"],
    ["phone", PHONE, "independent"],
    ["readout-desktop", DESKTOP, "readout"],
  ] as const)
    it(`at ${name} width, says a ratio of τ only where both classes have one`, async () => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(`${server().http}/demo?students=30&speed=max&exam=${exam}`);
      await waitForHook<DemoHook>(page, (h) => h.page === "demo", "the demo");
      await expect
        .poll(() => page.locator("#status").textContent(), { timeout: 20_000 })
        .toContain("Press Play");
      await page.locator("#play").click();
      await waitForHook<DemoHook>(
        page,
        (h) => h.classes.length === 2 && h.classes.every((c) => c.reachedAt !== null) && !h.running,
        "both classes to reach 95 %",
        40_000,
      );
      const text = (await page.locator("#comparison").textContent()) ?? "";
      console.log(`demo ${name}: ${text}`);
      expect(text).not.toMatch(/times as many/);
      if (exam === "independent") expect(text).not.toMatch(/times as fast/);
      await page.locator("#comparison").scrollIntoViewIfNeeded();
      await screenshot(page, `headlines-demo-${name}`);
      await context.close();
    }, 60_000);
});
