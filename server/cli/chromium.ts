/**
 * Headless Chromium for the figures and the browser tests: Debian's build driven by playwright-core, which
 * cannot download its own browsers here. CHROMIUM_PATH overrides where the browser is.
 */
import { type Browser, chromium } from "playwright-core";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
