import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (apt-get install chromium); no browser is downloaded. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Whether a browser suite runs: it does when chromium is installed. Without it the suite is skipped
 * with one printed line, except under CI (`CI=true`), which installs it: there a missing one fails.
 */
export function chromiumAvailable(suite: string): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env['CI'] === 'true') throw new Error(`${suite}: ${CHROMIUM_PATH} is missing under CI (apt-get install -y chromium)`);
  process.stdout.write(`${suite}: browser tests skipped: ${CHROMIUM_PATH} is missing (apt-get install -y chromium)\n`);
  return false;
}

/** Headless chromium that talks to nothing but the pages the test opens. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
