/**
 * Before the browser tests: find the browser once (unpacking the npm one if it comes to that, before test
 * files race to launch it) and say which, in one line for the whole run; the test files' launches then
 * stay quiet.
 */
import { browserLine, findChromium } from "../../server/cli/chromium.ts";

export default async function browser(): Promise<void> {
  const started = Date.now();
  const found = await findChromium();
  console.log(`${browserLine(found)} (found in ${Date.now() - started} ms)`);
  process.env.GROUP_EXAM_BROWSER_SAID = "1";
}
