import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { webDistDir } from "../../server/web.js";

export const CHROMIUM = "/usr/bin/chromium";
export const SCREENSHOT_DIR = path.resolve("test-results/screenshots");

/** Debian's Chromium, headless; fails with what to do when the browser or the built UI is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(path.join(webDistDir, "index.html"))) {
    throw new Error("dist/web/index.html is missing: run `npm run build` (npm test does) before the browser tests.");
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
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

/** Saves a screenshot (full page unless told) as test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  // From the top, so the sticky sidebar sits where a reader expects it.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage, animations: "disabled" });
  return file;
}
