/**
 * Real pages in a real browser: the Chromium server/cli/chromium.ts finds (CHROMIUM_PATH, the system's,
 * Playwright's cache, else the npm one), driven by playwright-core. Screenshots go to artifacts/screenshots.
 */
import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import express from "express";
import type { Browser, Page } from "playwright-core";
import type { PageHook } from "../../client/src/common/testHook.ts";
import { launchChromium } from "../../server/cli/chromium.ts";
import { servePages } from "../../server/http/pages.ts";

export const PAGES_DIR = resolve(import.meta.dirname, "..", "..", "dist", "client");
export const ARTIFACTS = resolve(import.meta.dirname, "..", "..", "artifacts", "screenshots");

export const launchBrowser = (): Promise<Browser> => launchChromium();

/** The built pages alone, on a free loopback port: no API, no rooms (for the demo, which needs none). */
export async function servePagesOnly(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  servePages(app, PAGES_DIR);
  const server: Server = await new Promise((ready) => {
    const s = app.listen(0, "127.0.0.1", () => ready(s));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The page's test hook, read from the browser. */
export function hook<T extends PageHook>(page: Page): Promise<T | undefined> {
  return page.evaluate(() => window.__groupExam as T | undefined);
}

export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;
