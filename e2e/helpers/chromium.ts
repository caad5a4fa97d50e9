import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core (never a browser a tool downloads). The flags keep
 * it from reaching for the network this machine does not have, and let it run as root headless.
 */
export function findChromium(): string | undefined {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export function chromiumSkipReason(): string | false {
  if (findChromium()) return false;
  const reason = 'Chromium not found (apt-get install chromium; .ci/run does); the browser tests are skipped.';
  if (process.env.CI === 'true') throw new Error(`${reason} In CI nothing may be skipped.`);
  console.warn(`\n${reason}\n`);
  return reason;
}

/** Playwright gives each launch a new, empty profile of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium()!,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
