import { it } from "vitest";
import { createSession, joinStaff, useTestServer } from "../server/harness.ts";
import { DESKTOP, launchBrowser, PAGES_DIR, screenshot } from "./browser.ts";

const server = useTestServer({ pagesDir: PAGES_DIR });
it("looks at readout", async () => {
  const browser = await launchBrowser();
  const created = await createSession(server(), { exam: "readout", scheme: { name: "global" }, bots: 20, maxStudents: 5, roundSeconds: 2, reviewSeconds: 0, endAtCriterion: false });
  const page = await browser.newPage({ viewport: DESKTOP });
  await page.goto(`${server().http}/class/${created.code}#key=${encodeURIComponent(created.projectorToken)}`);
  const teacher = await joinStaff(server(), created, "teacher");
  teacher.room.send("start", {});
  await page.waitForTimeout(9000);
  await page.locator(".board-canvas").screenshot({ path: "artifacts/screenshots/zz-readout-canvas.png" });
  teacher.room.send("end", {});
  await browser.close();
}, 60000);
