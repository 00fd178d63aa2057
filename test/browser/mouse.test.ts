/**
 * The mouse experiment (Francioni et al., Nature 2026) played as a class would: three students on phones in
 * Chromium and seven bots are the neurons of two populations, the wall shows the grating, and the teacher
 * blocks and unblocks the signals between rounds (everyone's, then the push population's). The students
 * play with human habits: each reads its phone and moves to about where it says (one of them only most of the
 * way, one to the nearest tenth), and a student told nothing holds its level.
 *
 * What it proves, from the session's own log: the class error stands still in every round that follows a
 * round without signals, falls in every round that follows one with signals, and falls while only the pull
 * population hears its signals; the wall draws the grating and its target only while everyone hears its whole
 * signal, and the two populations' blocked counts as the teacher set them; no phone names its population.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProjectorHook, StudentHook } from "../../client/src/common/testHook.ts";
import { gratingRoles, populationOf } from "../../shared/engine/exams/grating.ts";
import {
  botSeats,
  type SchemeConfig,
  SessionConfig,
  type SessionConfigInput,
  type SessionDetail,
} from "../../shared/protocol/session.ts";
import { api, createSession, joinStaff, useTestServer, waitFor } from "../server/harness.ts";
import { hook, launchBrowser, PAGES_DIR, PHONE, screenshot } from "./browser.ts";
import { joinInBrowser, waitForHook } from "./studentFlow.ts";
import { WIDE } from "./teacherFlow.ts";

const server = useTestServer({ pagesDir: PAGES_DIR });
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const ALL: SchemeConfig = { name: "blocked", blockedFraction: 1 };
const SIGNALS: SchemeConfig = { name: "vectorized" };
const PUSH: SchemeConfig = { name: "blocked", blockedFraction: 0.5, population: "push" };
/** The scheme of each round, from round 1: two blocked, two with signals, the push population's block, … */
const PLAN: readonly SchemeConfig[] = [ALL, ALL, SIGNALS, SIGNALS, PUSH, ALL, ALL, SIGNALS, SIGNALS];

/** How each student follows its phone: the whole way, four fifths of it, or to the nearest tenth. */
const HABITS = [
  (_level: number, to: number) => to,
  (level: number, to: number) => level + 0.8 * (to - level),
  (_level: number, to: number) => Math.round(to * 10) / 10,
] as const;

/** Where the phone's last words say to go ("… to about 0.68."), or null when it gave no signal. */
const toAbout = (said: string | null): number | null => {
  const m = /to about (\d\.\d\d)/.exec(said ?? "");
  return m ? Number(m[1]) : null;
};

async function playRound(phones: readonly Page[], round: number): Promise<void> {
  for (const [k, phone] of phones.entries()) {
    const h = await waitForHook<StudentHook>(
      phone,
      (x) => x.phase === "open" && x.round === round,
      `round ${round}`,
    );
    const to = toAbout(h.announcement);
    const level = to === null ? h.level : Math.min(1, Math.max(0, HABITS[k](h.level, to)));
    await phone.locator("#level").fill(level.toFixed(2));
    await phone.locator("#submit").click();
  }
}

describe("the mouse experiment in a classroom", () => {
  it("stops learning while the signals are blocked and starts again when they come back", async () => {
    const config: SessionConfigInput = {
      exam: "grating",
      scheme: ALL,
      maxStudents: 3,
      bots: 7,
      roundSeconds: 600,
      endAtCriterion: false,
      maxRounds: 40,
      seed: 7,
    };
    const created = await createSession(server(), config);
    const teacher = await joinStaff(server(), created, "teacher");
    const wall = await browser.newPage({ viewport: WIDE });
    const small = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const phones: Page[] = [];
    for (const name of ["Ada", "Ben", "Cleo"]) {
      const phone = await (await browser.newContext({ viewport: PHONE })).newPage();
      await joinInBrowser(phone, server().http, created.code, name);
      phones.push(phone);
    }
    for (const page of [wall, small])
      await page.goto(
        `${server().http}/class/${created.code}#key=${encodeURIComponent(created.projectorToken)}`,
      );

    const walls: ProjectorHook[] = [];
    for (const [i, scheme] of PLAN.entries()) {
      const round = i + 1;
      if (i > 0 && JSON.stringify(scheme) !== JSON.stringify(PLAN[i - 1]))
        teacher.room.send("scheme", { scheme });
      teacher.room.send(round === 1 ? "start" : "advance", {});
      await waitFor(
        () => teacher.room.state.phase === "open" && teacher.room.state.round === round,
        `round ${round}`,
      );
      const seen = await waitForHook<ProjectorHook>(
        wall,
        (h) => h.board?.round === round && h.board.grating !== null,
        `the wall in round ${round}`,
      );
      walls.push(seen);
      if (round === 1 || round === 4 || round === 5) {
        // Readable from the back of the room, the grating's words too, once the board has settled its size.
        await waitForHook<ProjectorHook>(
          wall,
          (h) => (h.board?.minCanvasFontPx ?? 0) >= 24,
          `every canvas text at 24 px or more in round ${round}`,
        );
        await screenshot(wall, `mouse-wall-round-${round}`);
        await waitForHook<ProjectorHook>(small, (h) => h.board?.round === round, `the small wall ${round}`);
        await screenshot(small, `mouse-wall-1280-round-${round}`);
      }
      await playRound(phones, round);
      await waitFor(
        () => teacher.room.state.phase === "review" && teacher.room.state.round === round,
        `close ${round}`,
      );
      if (round === 2 || round === 4) await screenshot(phones[0], `mouse-phone-after-round-${round}`);
    }

    const detail = (await api<SessionDetail>(server(), `/sessions/${created.roomId}`, created.teacherToken))
      .body;
    const errors = detail.results.map((r) => r.classError);
    expect(detail.results.map((r) => r.scheme)).toEqual(PLAN);
    // Round r's levels were set on what round r − 1 told: no signal, no move; a signal, a move toward the key.
    for (let r = 2; r <= PLAN.length; r++) {
      const told = PLAN[r - 2];
      const [before, after] = [errors[r - 2], errors[r - 1]];
      if (told === ALL) expect(after, `round ${r} after a blocked round`).toBe(before);
      else expect(after, `round ${r} after round ${r - 1}'s signals`).toBeLessThan(before * 0.9);
    }
    console.log(
      `mouse experiment, class error per round: ${errors.map((e) => e.toExponential(2)).join(", ")}`,
    );

    // The wall: the grating only under whole signals heard and given, the blocked counts as set.
    const grating = walls.map((h) => h.board?.grating);
    for (const [i, g] of grating.entries()) {
      const whole = PLAN[i] === SIGNALS && (i === 0 || PLAN[i - 1] === SIGNALS);
      expect(g?.angle === null, `round ${i + 1}'s grating hidden`).toBe(!whole);
      const [push, pull] = g?.populations ?? [];
      expect(push.seated + pull.seated).toBe(10);
      const blocked =
        PLAN[i] === ALL ? [push.seated, pull.seated] : PLAN[i] === PUSH ? [push.seated, 0] : [0, 0];
      expect([push.blocked, pull.blocked], `round ${i + 1}'s blocked counts`).toEqual(blocked);
    }
    const shown = grating[3];
    expect(shown?.target).toBeGreaterThanOrEqual(30);
    expect(shown?.target).toBeLessThanOrEqual(150);
    expect(Math.abs((shown?.target ?? 90) - 90)).toBeGreaterThanOrEqual(30);
    // No phone ever names a population.
    for (const phone of phones) {
      const text = (await phone.locator("body").textContent()) ?? "";
      expect(text).not.toMatch(/push|pull/i);
    }
    const phoneHook = await hook<StudentHook>(phones[0]);
    expect(phoneHook?.connected).toBe(true);
    // After the reveal each phone says its own population, as the engine drew it for that seat.
    teacher.room.send("reveal", {});
    // The exam has a seat for every student and every bot the session keeps room for; roles come from its seed.
    const parsed = SessionConfig.parse(config);
    const roles = gratingRoles(parsed.maxStudents + botSeats(parsed), 7);
    for (const phone of phones) {
      await expect
        .poll(async () => (await phone.locator("body").textContent()) ?? "", { timeout: 10_000 })
        .toMatch(/Your neuron is in the (push|pull) population/);
      const seat = (await hook<StudentHook>(phone))?.seat ?? -1;
      const said = /in the (push|pull) population/.exec(
        (await phone.locator("body").textContent()) ?? "",
      )?.[1];
      expect(said, `seat ${seat}`).toBe(populationOf(roles[seat]));
    }
    await screenshot(phones[0], "mouse-phone-revealed");
    await teacher.room.leave();
    await Promise.all([wall.close(), small.close(), ...phones.map((p) => p.context().close())]);
  }, 120_000);
});
