import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administratorPrincipalName, demoPeople, demoPersonas } from '../src/features/demo/demo-organisation.js';
import { chromiumSkipReason, launchChromium } from './helpers/chromium.js';
import { startDemoServer } from './helpers/demo-server.js';
import { accessibilityProblems, screenshot, signInAs } from './helpers/portal-user.js';

/**
 * The portal in Debian's Chromium, against Tessera as `npm start` runs it: a request for
 * "Production access" travels from the requester through two approvers to delivery, and the
 * administrator sees its story. Each step is a person in their own browser, signed in through the
 * demo's OpenID provider. The screenshots in the README are taken along the way.
 */
describe.skipIf(chromiumSkipReason())('the portal, in a browser', () => {
  let browser: Browser;
  let server: { url: string; stop: () => Promise<void> };
  const { requester, securityReviewer, headOfIt } = demoPersonas();
  const salesPerson = demoPeople().find((person) => person.department === 'Sales' && !person.jobTitle?.startsWith('Head'))!;
  const pages: Page[] = [];
  const as = async (userPrincipalName: string, path?: string, viewport?: { width: number; height: number }) => {
    const page = await signInAs(browser, server.url, userPrincipalName, path, viewport);
    pages.push(page);
    return page;
  };

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('greets someone signed out with a sign-in page, and the demo provider lists whom to sign in as, both accessible', async () => {
    const context = await browser.newContext({ baseURL: server.url, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto('/approvals');
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: new RegExp(administratorPrincipalName) }).waitFor();
    expect(page.url()).toContain('/oidc/interaction/');
    await screenshot(page, 'sign-in-demo-provider');
    await context.close();
  });

  it('a requester signs in through the demo OpenID provider and asks for a package with two approval stages, answering its question', async () => {
    const page = await as(requester.userPrincipalName);
    await expect.poll(() => page.url()).toMatch(/\/access-packages$/);
    await page.getByRole('heading', { name: 'Production access' }).or(page.getByText('Production access', { exact: true })).first().waitFor();
    expect(await page.getByText('New hire in IT', { exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'request-access');

    await page.getByRole('searchbox', { name: 'Search access packages' }).fill('production');
    await expect.poll(() => page.getByText('New hire in IT', { exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'Request Production access' }).click();
    await page.getByRole('heading', { name: 'Production access' }).waitFor();

    // Submitting empty shows what is missing, next to each field, and sends nothing.
    await page.getByRole('button', { name: 'Submit request' }).click();
    expect(await page.getByText('This question needs an answer.').isVisible()).toBe(true);
    expect(await page.getByText(/Say why you need this access/).isVisible()).toBe(true);

    await page.getByRole('combobox', { name: 'Which service will you be on call for?' }).click();
    await page.getByRole('option', { name: 'Payments' }).click();
    await page.getByRole('textbox', { name: 'Justification' }).fill('Joining the payments on-call rotation');
    await screenshot(page, 'request-form');
    await page.getByRole('button', { name: 'Submit request' }).click();

    await expect.poll(() => page.url()).toMatch(/\/requests$/);
    const request = page.getByTestId('request').first();
    await request.getByText('Pending approval').waitFor();
    await request.getByRole('button').first().click();
    await request.getByText('Stage 1: waiting for an approver').waitFor();
    await screenshot(page, 'my-requests');
  });

  it('the first approver (IT security) approves, having read the answer and the justification', async () => {
    const page = await as(securityReviewer.userPrincipalName, '/approvals');
    const approval = page.getByTestId('pending-approval').filter({ hasText: requester.displayName });
    // The answer, beside its question as it was asked, and the justification.
    await approval.getByText('Which service will you be on call for?: Payments', { exact: true }).waitFor();
    expect(await approval.getByText('Joining the payments on-call rotation').isVisible()).toBe(true);
    await approval.getByRole('textbox', { name: 'Reason' }).fill('On the rota for next month');
    await screenshot(page, 'approvals');
    await approval.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Nothing waits for your decision').waitFor();
  });

  it('the manager approves the second stage', async () => {
    const page = await as(headOfIt.userPrincipalName, '/approvals');
    const approval = page.getByTestId('pending-approval').filter({ hasText: requester.displayName });
    await approval.getByText('You decide stage 2.').waitFor();
    await approval.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Nothing waits for your decision').waitFor();
  });

  it('the requester sees the access delivered in My access', async () => {
    const page = await as(requester.userPrincipalName, '/access');
    const assignment = page.getByTestId('assignment').filter({ hasText: 'Production access' });
    await assignment.getByText('Delivered').waitFor({ timeout: 20_000 });
    expect(await assignment.getByRole('button', { name: 'Extend' }).isVisible()).toBe(true);
    await screenshot(page, 'my-access');
  });

  it('an administrator sees the request’s timeline and its audit entries', async () => {
    const page = await as(administratorPrincipalName, '/admin/requests');
    await page.getByRole('link', { name: 'Production access' }).first().click();
    await page.getByRole('heading', { name: `Production access for ${requester.displayName}` }).waitFor();
    const timeline = page.getByRole('list', { name: 'History' }).or(page.locator('[aria-label="History"]')).first();
    await timeline.getByText(`by ${securityReviewer.displayName}`, { exact: false }).waitFor();
    expect(await timeline.getByText(`by ${headOfIt.displayName}`, { exact: false }).isVisible()).toBe(true);
    const audit = page.getByTestId('audit-entry');
    await audit.filter({ hasText: 'User requests access package assignment' }).first().waitFor();
    expect(await audit.filter({ hasText: 'Approve' }).count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'admin-request-timeline');

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('textbox', { name: 'Done by (user principal name)' }).fill(securityReviewer.userPrincipalName);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(async () => (await page.getByTestId('audit-entry').allInnerTexts()).every((text) => text.includes(securityReviewer.displayName))).toBe(true);
    expect(await page.getByTestId('audit-entry').count()).toBeGreaterThan(0);
    await screenshot(page, 'admin-audit-log');

    await page.getByRole('link', { name: 'Catalogs and packages' }).click();
    await page.getByRole('link', { name: 'Production access' }).click();
    await page.getByRole('link', { name: 'Edit IT staff, security and manager approval' }).click();
    await page.getByRole('group', { name: 'Stage 2 approvers' }).waitFor();
    await screenshot(page, 'admin-policy-editor');
  });

  it('an administrator sees who holds a resource, and why', async () => {
    const page = await as(administratorPrincipalName, '/admin/who-has-access');
    await page.getByText('A resource', { exact: true }).click();
    await page.getByRole('textbox', { name: 'Catalog' }).or(page.getByRole('combobox', { name: 'Catalog' })).first().click();
    await page.getByRole('option', { name: 'IT', exact: true }).click();
    await page.getByRole('combobox', { name: 'Resource' }).click();
    await page.getByRole('option', { name: 'Production Servers' }).click();
    const row = page.getByRole('row').filter({ hasText: requester.displayName });
    await row.waitFor();
    expect(await row.getByText(`Stage 1: Approved by ${securityReviewer.displayName}`).isVisible()).toBe(true);
    expect(await row.getByText(`Stage 2: Approved by ${headOfIt.displayName}`).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toMatch(/\/v1\.0\/tessera\/accessReports\/resources\/.+\?\$format=csv$/);
    await screenshot(page, 'admin-who-has-access');
  });

  it('separation of duties set in the admin center stops a request, with the reason shown to the requester', async () => {
    const admin = await as(administratorPrincipalName, '/admin/catalogs');
    await admin.getByRole('link', { name: 'New hire in IT' }).click();
    await admin.getByRole('combobox', { name: 'Add an incompatible access package' }).click();
    await admin.getByRole('option', { name: 'Production access' }).click();
    await admin.getByRole('button', { name: 'Add', exact: true }).first().click();
    await admin.getByRole('table', { name: 'Incompatible access packages' }).getByText('Production access').waitFor();

    // The requester holds "Production access" now, so "New hire in IT" is refused, and says why.
    const page = await as(requester.userPrincipalName, '/access-packages');
    await page.getByRole('link', { name: 'Request New hire in IT' }).click();
    await page.getByRole('textbox', { name: 'Justification' }).fill('Starting on the service desk');
    await page.getByRole('button', { name: 'Submit request' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The request was not submitted' });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/incompatible|Production access/i);
  });

  it('a plain user cannot open the admin center, and is not offered it', async () => {
    const page = await as(salesPerson.userPrincipalName, '/admin/audit');
    await page.getByText('You do not have access to the admin center').waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByText('Admin center').count()).toBe(0);
    // The API refuses too: the menu only hides what the server would refuse.
    const status = await page.evaluate(async () => (await fetch('/v1.0/auditLogs/directoryAudits')).status);
    expect(status).toBe(403);
  });

  it('is usable on a narrow screen: the menu folds behind a button', async () => {
    const page = await as(requester.userPrincipalName, '/access-packages', { width: 390, height: 844 });
    const menu = page.getByRole('button', { name: 'Open the menu' });
    await menu.click();
    await page.getByRole('link', { name: 'My requests' }).click();
    await page.getByRole('heading', { name: 'My requests' }).waitFor();
    await screenshot(page, 'narrow-my-requests');
  });
});
