/**
 * A student page and the projector across a restart of the server, in real Chromium against `npm start`'s
 * own process: the server is SIGKILLed mid-round and started again on the same port and data; the student
 * page says it is reconnecting, then is back in its own seat with its level; the projector is back by
 * itself; the class waits, paused, until the teacher resumes it. Then a graceful stop (SIGTERM): the pages
 * say the server will be right back, and are. The teacher's dashboard says what happened.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProjectorHook, StudentHook } from "../../client/src/common/testHook.ts";
import { waitFor } from "../server/harness.ts";
import { type ServerProcess, startServerProcess, stopServerProcess } from "../server/serverProcess.ts";
import { launchBrowser, screenshot } from "./browser.ts";
import { openClassPages, resumeAndSubmit } from "./classPages.ts";
import { waitForHook } from "./studentFlow.ts";
import { untilTeacher } from "./teacherFlow.ts";

const dataDir = mkdtempSync(join(tmpdir(), "group-exam-restart-"));
let browser: Browser;
let server: ServerProcess;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const portOf = (s: ServerProcess): string => new URL(s.http).port;

describe("pages across a restart of the server", () => {
  it("come back by themselves: the student into its own seat and level, the projector to the paused class", async () => {
    server = await startServerProcess(dataDir);
    const port = portOf(server);
    const { desk, phone, wall, seat, errors, teacherBack } = await openClassPages(browser, () => server);
    let teacher = await teacherBack();
    teacher.send("start", {});
    await waitForHook<StudentHook>(phone, (h) => h.phase === "open" && h.round === 1, "round 1 on the phone");
    await phone.locator("#level").fill("0.73");
    await waitFor(() => teacher.state.phase === "open", "the teacher's state");
    await new Promise((r) => setTimeout(r, 300));

    await stopServerProcess(server, "SIGKILL");
    await waitForHook<StudentHook>(phone, (h) => !h.connected, "the phone to notice");
    await expect
      .poll(() => phone.locator("#status").textContent(), { timeout: 10_000 })
      .toBe("Reconnecting…");
    await screenshot(phone, "restart-student-reconnecting-390");
    await waitForHook<ProjectorHook>(wall, (h) => !h.connected, "the wall to notice");
    await screenshot(wall, "restart-projector-reconnecting-1920");

    const restarted = Date.now();
    server = await startServerProcess(dataDir, { PORT: port });
    const back = await waitForHook<StudentHook>(
      phone,
      (h) => h.connected && h.seat >= 0 && h.phase === "paused",
      "the phone back in its seat, paused",
      30_000,
    );
    const backMs = Date.now() - restarted;
    expect(back).toMatchObject({ seat, level: 0.73, round: 1, phase: "paused" });
    await expect
      .poll(() => phone.locator("#phase").textContent(), { timeout: 5000 })
      .toBe("Paused: the server restarted");
    await screenshot(phone, "restart-student-back-paused-390");
    await waitForHook<ProjectorHook>(
      wall,
      (h) => h.connected && h.board?.phase === "paused",
      "the wall back, paused",
      30_000,
    );
    await screenshot(wall, "restart-projector-back-paused-1920");

    const status = await untilTeacher(
      desk,
      (h) => h.connected && h.status?.headline.startsWith("The server restarted") === true,
      "the dashboard to say the restart paused the class",
      30_000,
    );
    expect(status.status?.headline).toMatch(
      /^The server restarted · the class waits, paused in round 1 with \d+:\d\d left$/,
    );
    await screenshot(desk, "restart-teacher-paused-1366");
    teacher = await resumeAndSubmit(teacherBack, phone);

    // A graceful stop: the pages are told the server will be right back, and come back.
    await stopServerProcess(server, "SIGTERM");
    await expect
      .poll(() => phone.locator("#notice").textContent(), { timeout: 10_000 })
      .toContain("right back");
    await screenshot(phone, "restart-student-sigterm-390");
    server = await startServerProcess(dataDir, { PORT: port });
    await waitForHook<StudentHook>(
      phone,
      (h) => h.connected && h.round === 1,
      "the phone back after SIGTERM",
      30_000,
    );
    await waitForHook<ProjectorHook>(wall, (h) => h.connected, "the wall back after SIGTERM", 30_000);
    expect(await phone.locator("#notice").textContent()).toBe("");
    expect(errors).toEqual([]);
    console.log(
      `restart: the student page was back in its seat ${backMs} ms after the server process started again`,
    );
    await stopServerProcess(server, "SIGKILL");
  }, 120_000);
});
