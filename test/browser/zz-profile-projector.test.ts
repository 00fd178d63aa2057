import type { Browser } from "playwright-core";
import { afterAll, beforeAll, it } from "vitest";
import { createSession, joinStaff, joinStudent, useTestServer } from "../server/harness.ts";
import { DESKTOP, hook, launchBrowser, PAGES_DIR, screenshot } from "./browser.ts";

const server = useTestServer({ pagesDir: PAGES_DIR });
let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

for (const [exam, scheme] of [["readout", "vectorized"], ["layered", "global"]] as const)
it(`looks at ${exam}`, async () => {
  const created = await createSession(server(), {
    exam, scheme: { name: scheme }, bots: 20, maxStudents: 5,
    roundSeconds: 2, reviewSeconds: 0, endAtCriterion: false, standIns: true,
  });
  const page = await browser.newPage({ viewport: DESKTOP });
  page.on("pageerror", (e) => console.log("PAGEERROR", String(e)));
  await page.goto(`${server().http}/class/${created.code}#key=${encodeURIComponent(created.projectorToken)}`);
  const ana = await joinStudent(server(), created, "ana");
  await joinStudent(server(), created, "benedict-the-long-name");
  await page.waitForTimeout(1500);
  await screenshot(page, `zz-${exam}-lobby`);
  const teacher = await joinStaff(server(), created, "teacher");
  teacher.room.send("start", {});
  await page.waitForTimeout(2500);
  ana.room.send("submit", { round: 2, level: 0.9 });
  if (exam === "readout") { await page.waitForTimeout(2500); teacher.room.send("scheme", { scheme: { name: "global" } }); }
  await page.waitForTimeout(5000);
  const h = (await hook(page)) as { board: unknown };
  console.log(exam, JSON.stringify(h.board));
  await screenshot(page, `zz-${exam}`);
  teacher.room.send("end", {});
  await page.close();
}, 120_000);
