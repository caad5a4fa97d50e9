import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administratorPrincipalName, demoPersonas } from '../src/features/demo/demo-organisation.js';
import { portalPaths } from '../src/features/notifications/portal-links.js';
import { chromiumSkipReason, launchChromium } from './helpers/chromium.js';
import { startDemoServer } from './helpers/demo-server.js';
import { screenshot, signInAs } from './helpers/portal-user.js';

/**
 * Access reviews in the portal, in Debian's Chromium against Tessera as `npm start` runs it: the
 * demo's "IT Team membership review" has started, and the head of IT reviews everyone in IT. She
 * approves one colleague and denies another with a reason; her decisions stay; the administrator
 * sees the review's progress in the admin center; then she accepts the recommendations for
 * everyone else at once.
 */
describe.skipIf(chromiumSkipReason())('access reviews, in a browser', () => {
  let browser: Browser;
  let server: { url: string; stop: () => Promise<void> };
  const { requester, securityReviewer, headOfIt } = demoPersonas();
  const review = 'IT Team membership review';
  const reason = 'Moved to the Sales team in May';
  let reviewPath = '';
  const as = (userPrincipalName: string, path?: string) => signInAs(browser, server.url, userPrincipalName, path);
  const rowOf = (page: Page, name: string) => page.getByTestId('review-decision').filter({ hasText: name });

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the head of IT opens the review from Reviews, approves one colleague and denies another with a reason', async () => {
    const page = await as(headOfIt.userPrincipalName);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reviews' }).click();
    await page.getByRole('heading', { name: 'Reviews' }).waitFor();
    // The job worker starts the demo's review soon after the demo is seeded.
    const listed = page.getByTestId('my-review').filter({ hasText: review });
    const loaded = async () => {
      await page.getByTestId('my-review').or(page.getByText('Nothing to review')).first().waitFor();
      return listed.count();
    };
    await expect.poll(async () => (await page.reload(), await loaded()), { timeout: 20_000, interval: 1000 }).toBe(1);
    expect(await listed.getByText('Members of IT Team').isVisible()).toBe(true);
    await listed.getByRole('link', { name: review }).click();

    await page.getByRole('heading', { name: review }).waitFor();
    expect(await page.getByText('Approve the people who still work in IT').isVisible()).toBe(true);
    const approved = rowOf(page, requester.displayName);
    await approved.getByRole('button', { name: `Decide for ${requester.displayName}` }).click();
    const approval = page.getByRole('form', { name: `Decision for ${requester.displayName}` });
    await approval.getByRole('radio', { name: 'Approve' }).check();
    await approval.getByRole('button', { name: 'Save decision' }).click();
    await approved.getByText('Approved').waitFor();

    const denied = rowOf(page, securityReviewer.displayName);
    await denied.getByRole('button', { name: `Decide for ${securityReviewer.displayName}` }).click();
    const denial = page.getByRole('form', { name: `Decision for ${securityReviewer.displayName}` });
    await denial.getByRole('radio', { name: 'Deny' }).check();
    await denial.getByRole('textbox', { name: 'Reason' }).fill(reason);
    await denial.getByRole('button', { name: 'Save decision' }).click();
    await denied.getByText('Denied').waitFor();
    await page.getByTestId('review-progress').getByText(/^Members of IT Team: 2 of \d+ decided/).waitFor();
    reviewPath = new URL(page.url()).pathname;
    expect(reviewPath).toMatch(/^\/reviews\/[^/]+\/[^/]+$/);

    // Reloaded, the decisions are still there, with who made them and why.
    await page.reload();
    await rowOf(page, requester.displayName).getByText('Approved').waitFor();
    expect(await rowOf(page, requester.displayName).getByText(`by ${headOfIt.displayName}`).isVisible()).toBe(true);
    expect(await rowOf(page, securityReviewer.displayName).getByText('Denied').isVisible()).toBe(true);
    expect(await rowOf(page, securityReviewer.displayName).getByText(reason, { exact: false }).isVisible()).toBe(true);
    // A decision can be changed while the review is open.
    expect(await rowOf(page, securityReviewer.displayName).getByRole('button', { name: `Change the decision for ${securityReviewer.displayName}` }).isVisible()).toBe(true);
    await screenshot(page, 'reviews');
  });

  it('the review’s e-mail link opens the same review after signing in', async () => {
    // The link as the review's e-mails write it.
    const [, , definitionId, instanceId] = reviewPath.split('/');
    const link = portalPaths.review(definitionId!, instanceId!);
    const page = await as(headOfIt.userPrincipalName, link);
    await page.getByRole('heading', { name: review }).waitFor();
    expect(new URL(page.url()).pathname).toBe(link);
    await rowOf(page, securityReviewer.displayName).getByText('Denied').waitFor();
  });

  it('the administrator sees the review and its progress under Admin center → Access reviews', async () => {
    const page = await as(administratorPrincipalName);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Access reviews' }).click();
    const row = page.getByTestId('access-review-definition').filter({ hasText: review });
    await row.getByText(/^2 of \d+ decided/).waitFor();
    expect(await row.getByText('1 approved · 1 denied · 0 don\'t know').isVisible()).toBe(true);
    expect(await row.getByText('Members of IT Team').isVisible()).toBe(true);
    expect(await row.getByText('Managers').isVisible()).toBe(true);
    await screenshot(page, 'admin-access-reviews');

    await row.getByRole('link', { name: review }).click();
    await page.getByRole('heading', { name: review }).waitFor();
    await page.getByTestId('review-instance').getByText(/^2 of \d+ decided/).waitFor();
    // The decisions, filtered to the denied: the reviewer's reason beside the person.
    await page.getByRole('combobox', { name: 'Decision' }).click();
    await page.getByRole('option', { name: 'Denied' }).click();
    const decisions = page.getByTestId('admin-review-decision');
    await expect.poll(() => decisions.count()).toBe(1);
    expect(await decisions.first().innerText()).toContain(securityReviewer.displayName);
    expect(await decisions.first().innerText()).toContain(reason);
    expect(await decisions.first().innerText()).toContain(headOfIt.displayName);
    for (const action of ['Send reminder', 'Reset decisions', 'Stop']) expect(await page.getByRole('button', { name: action, exact: true }).isVisible()).toBe(true);
  });

  it('the head of IT accepts the recommendations for everyone left, in one go, after seeing what that will do', async () => {
    const page = await as(headOfIt.userPrincipalName, reviewPath);
    await page.getByRole('heading', { name: review }).waitFor();
    const progress = page.getByTestId('review-progress');
    await progress.getByText(/^Members of IT Team: 2 of \d+ decided, \d+ left\.$/).waitFor();
    const [, total, left] = /(\d+) of (\d+) decided, (\d+) left/.exec(await progress.innerText())!.slice(1);
    expect(Number(total) - Number(left)).toBe(2);

    await page.getByRole('button', { name: 'Accept recommendations' }).click();
    const dialog = page.getByRole('dialog', { name: 'Accept recommendations' });
    // The review recommends for everyone (Approve after recent activity, Deny otherwise): all those left.
    const accept = dialog.getByRole('button', { name: `Accept ${left} recommendations` });
    await accept.waitFor();
    expect(await dialog.innerText()).toContain('Accepted the recommendation.');
    await accept.click();
    await dialog.waitFor({ state: 'hidden' });

    await progress.getByText(`Members of IT Team: ${total} of ${total} decided.`, { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /^Decide for / }).count()).toBe(0);
    expect(await page.getByTestId('review-decision').filter({ hasText: 'Accepted the recommendation.' }).count()).toBe(Number(left));
    // Her own decisions stay as she made them.
    expect(await rowOf(page, requester.displayName).getByText('Approved').isVisible()).toBe(true);
    expect(await rowOf(page, securityReviewer.displayName).getByText(reason, { exact: false }).isVisible()).toBe(true);
  });
});
