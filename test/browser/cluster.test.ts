/**
 * A class on a cluster, as people see it: two `npm start` processes sharing Debian's redis-server and
 * PostgreSQL, behind Debian's nginx with the site `npm run front` prints (server/cli/nginxFront.ts). A
 * phone, the projector and the teacher's dashboard, in real Chromium, all at the front's one address. The
 * process holding the room is SIGKILLed mid-round: the pages come back by themselves, through the front,
 * to the other process, the student into its own seat with its level, and the class waits paused for the
 * teacher as after any restart. Skipped, saying why, where nginx, redis-server or PostgreSQL is missing.
 */

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProjectorHook, StudentHook } from "../../client/src/common/testHook.ts";
import { frontProcesses, type RunningFront, startFront } from "../../server/cli/nginxFront.ts";
import { freePort } from "../../server/cluster/freePort.ts";
import { useClusterServices } from "../server/clusterFixture.ts";
import { waitFor } from "../server/harness.ts";
import { type ServerProcess, stopServerProcess } from "../server/serverProcess.ts";
import { launchBrowser, screenshot } from "./browser.ts";
import { openClassPages, resumeAndSubmit } from "./classPages.ts";
import { waitForHook } from "./studentFlow.ts";
import { untilTeacher } from "./teacherFlow.ts";

const cluster = useClusterServices();
let browser: Browser;
let front: RunningFront | null = null;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await front?.stop();
});

describe("a class on a cluster behind its front", () => {
  it("phone, projector and dashboard follow the session to the other process when its process is killed mid-round", async (context) => {
    const skipped = cluster.skipped();
    if (skipped) return context.skip(skipped);
    const db = await cluster.database("cluster_pages");
    const [frontPort, portA, portB] = [
      await freePort("127.0.0.1"),
      await freePort("127.0.0.1"),
      await freePort("127.0.0.1"),
    ];
    const nodes = frontProcesses([`127.0.0.1:${portA}`, `127.0.0.1:${portB}`]);
    const processes: ServerProcess[] = await Promise.all(
      [portA, portB].map((port, i) =>
        cluster.start(db, {
          PORT: String(port),
          PUBLIC_ADDRESS: `127.0.0.1:${frontPort}/${nodes[i].name}`,
          // Students join at the front, whichever process drew the QR code.
          PUBLIC_URL: `http://127.0.0.1:${frontPort}`,
        }),
      ),
    );
    const started = await startFront(frontPort, nodes);
    if ("skipped" in started) return context.skip(started.skipped);
    front = started;
    const at = { http: front.url, ws: front.url.replace("http", "ws") };

    const { created, desk, phone, wall, seat, errors, teacherBack } = await openClassPages(browser, () => at);
    let teacher = await teacherBack();
    teacher.send("start", {});
    await waitForHook<StudentHook>(phone, (h) => h.phase === "open" && h.round === 1, "round 1 on the phone");
    await phone.locator("#level").fill("0.64");
    await waitFor(() => teacher.state.phase === "open", "the teacher's state");
    await new Promise((r) => setTimeout(r, 300));

    const holderAddress = await cluster.listedAt(created.id);
    const holder = nodes.findIndex((n) => holderAddress?.endsWith(`/${n.name}`));
    expect(holder).toBeGreaterThanOrEqual(0);
    const other = 1 - holder;
    const killed = Date.now();
    await stopServerProcess(processes[holder], "SIGKILL");
    const back = await waitForHook<StudentHook>(
      phone,
      (h) => h.connected && h.seat >= 0 && h.phase === "paused",
      "the phone back in its seat on the other process, paused",
      30_000,
    ).catch((e) => {
      console.log(processes[other].output().stderr.slice(-4000));
      throw e;
    });
    const phoneBackMs = Date.now() - killed;
    expect(back).toMatchObject({ seat, level: 0.64, round: 1, phase: "paused" });
    expect(await cluster.listedAt(created.id)).toBe(`127.0.0.1:${frontPort}/${nodes[other].name}`);
    await screenshot(phone, "cluster-student-moved-paused-390");
    const wallBack = await waitForHook<ProjectorHook>(
      wall,
      (h) => h.connected && h.board?.phase === "paused",
      "the wall back, paused",
      30_000,
    );
    // The QR code sends phones to the front, whichever process drew it.
    expect(wallBack.joinUrl).toBe(`http://127.0.0.1:${frontPort}/join/${created.code}`);
    await screenshot(wall, "cluster-projector-moved-paused-1920");
    await untilTeacher(
      desk,
      (h) => h.connected && h.status?.headline.startsWith("The server restarted") === true,
      "the dashboard to say the class waits after the restart",
      30_000,
    );
    await screenshot(desk, "cluster-teacher-moved-paused-1366");

    teacher = await resumeAndSubmit(teacherBack, phone);
    await screenshot(phone, "cluster-student-after-move-review-390");
    expect(errors).toEqual([]);
    console.log(
      `cluster pages: the phone was back in its seat on the other process ${phoneBackMs} ms after its process was killed`,
    );
    await stopServerProcess(processes[other], "SIGTERM");
  }, 150_000);
});
