import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium; never a downloaded browser. CHROMIUM_PATH overrides it for other systems. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Launches headless Chromium, or throws saying how to install it: the HTML report test must not pass by skipping.
 * The background-networking flags stop Chromium from calling home, which a closed network refuses.
 */
export async function launchChromium(): Promise<Browser> {
  try {
    await access(CHROMIUM_PATH, constants.X_OK);
  } catch {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. The HTML report test renders the page in a real browser: install it ` +
        'with `apt-get update && apt-get install -y chromium` (Debian; .ci/run does this in CI) or set CHROMIUM_PATH.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
