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
 * A screenshot of the page: into docs/screenshots/ (the README's) with `npm run screenshots`,
 * otherwise into .tmp/screenshots/, so a test run leaves the working tree as it was.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const folder = process.env.UPDATE_SCREENSHOTS === '1' ? '../../docs/screenshots' : '../../.tmp/screenshots';
  await page.screenshot({ path: new URL(`${folder}/${name}.png`, import.meta.url).pathname, fullPage: false });
}
