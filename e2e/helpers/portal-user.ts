import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';

/**
 * One person in their own browser context (their own cookies), signing in to the portal the way a
 * person does: the portal's Sign in button, the demo OpenID provider's page, their own button.
 */
export async function signInAs(browser: Browser, baseUrl: string, userPrincipalName: string, path = '/', viewport = { width: 1280, height: 860 }): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(path);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  const button = page.getByRole('button', { name: new RegExp(escapeForRegExp(userPrincipalName)) }).first();
  // Everyone but the demo's personas is listed under their department, folded away.
  if ((await button.count()) === 0) await page.locator('details', { hasText: userPrincipalName }).locator('summary').click();
  await button.click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}

const escapeForRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A screenshot of the page, once it has passed the accessibility check: into docs/screenshots/
 * (the README's) with `npm run screenshots`, otherwise into .tmp/screenshots/, so a test run
 * leaves the working tree as it was.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  // Every page worth a picture is also checked for accessibility.
  const problems = await accessibilityProblems(page);
  if (problems.length) throw new Error(`${name}: accessibility problems:\n${problems.join('\n')}`);
  const folder = process.env.UPDATE_SCREENSHOTS === '1' ? '../../docs/screenshots' : '../../.tmp/screenshots';
  await page.screenshot({ path: new URL(`${folder}/${name}.png`, import.meta.url).pathname, fullPage: false });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The page's serious and critical WCAG 2 A/AA problems, found by axe-core: labels, names, contrast,
 * landmarks, ARIA. axe is evaluated through the browser's debugging protocol, so the page's CSP
 * (no inline scripts) stays on for everything else.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  // A string, run in the page: this file is compiled for Node, without the browser's types.
  const violations: { id: string; impact: string | null; help: string; targets: string[] }[] = await page.evaluate(`(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + (n.failureSummary ? ' (' + n.failureSummary.replace(/\\s+/g, ' ') + ')' : '')) }));
  })()`);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(', ')}`);
}
