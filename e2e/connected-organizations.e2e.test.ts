import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administratorPrincipalName, demoPersonas } from '../src/features/demo/demo-organisation.js';
import { chromiumSkipReason, launchChromium } from './helpers/chromium.js';
import { startDemoServer } from './helpers/demo-server.js';
import { accessibilityProblems, screenshot, signInAs } from './helpers/portal-user.js';

/**
 * Connected organizations and the external user settings in the admin center, in Debian's
 * Chromium against Tessera as `npm start` runs it: the administrator adds the demo's partner
 * (whose people are already guests, at partner.example) with its domain, gives it an internal
 * sponsor from the directory and an external one from its guests, sees it listed beside a proposed
 * organization waiting for review, and has guests Tessera brought in blocked and deleted 14 days
 * after their last assignment ends. Every page passes axe.
 */
describe.skipIf(chromiumSkipReason())('connected organizations, in a browser', () => {
  let browser: Browser;
  let server: { url: string; stop: () => Promise<void> };
  let page: Page;
  const { headOfIt } = demoPersonas();
  const partner = 'Partner Ltd';

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    page = await signInAs(browser, server.url, administratorPrincipalName);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const expectAccessible = async () => {
    await page.waitForLoadState('networkidle');
    expect(await accessibilityProblems(page)).toEqual([]);
  };
  /** Closes the confirmations in the corner, so that a picture shows the page under them. */
  const closeMessages = async () => {
    const close = page.getByRole('button', { name: 'Close the message' });
    while ((await close.count()) > 0) await close.first().click();
  };
  /** Picks the first option a directory picker finds for what is typed. */
  const pick = async (scope: ReturnType<Page['getByRole']>, label: string, typed: string, option: RegExp) => {
    await scope.getByRole('textbox', { name: label }).or(scope.getByRole('combobox', { name: label })).first().fill(typed);
    await page.getByRole('option', { name: option }).first().click();
  };

  it('the administrator adds the partner with its domain, refused first for a domain that is not one', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connected organizations' }).click();
    await page.getByRole('heading', { name: 'Connected organizations' }).waitFor();
    await page.getByRole('link', { name: 'Add connected organization' }).click();
    await page.getByRole('heading', { name: 'Add connected organization' }).waitFor();

    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(partner);
    await page.getByRole('textbox', { name: 'Description' }).fill('Logistics partner; its people are guests already.');
    await page.getByRole('textbox', { name: 'Domain 1', exact: true }).fill('partner example');
    await page.getByRole('button', { name: 'Add organization' }).click();
    await page.getByText('partner example is not a domain name such as partner.example.').waitFor();
    await expectAccessible();

    await page.getByRole('textbox', { name: 'Domain 1', exact: true }).fill('partner.example');
    await page.getByRole('button', { name: 'Add organization' }).click();
    await page.getByRole('heading', { name: partner }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/connected-organizations\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('table', { name: 'E-mail domains' }).innerText()).toContain('partner.example');
  });

  it('gives it an internal sponsor from the directory and an external one from its guests', async () => {
    const internal = page.getByRole('region', { name: 'Internal sponsors' });
    await internal.getByText('No internal sponsors').waitFor();
    await pick(internal, 'Person', headOfIt.displayName.split(' ')[0]!, new RegExp(headOfIt.userPrincipalName.replace(/\./g, '\\.')));
    await internal.getByRole('button', { name: 'Add to internal sponsors' }).click();
    await internal.getByRole('cell', { name: headOfIt.displayName, exact: true }).waitFor();

    const external = page.getByRole('region', { name: 'External sponsors' });
    await pick(external, 'Guest', 'Paula', /Paula Partner/);
    await external.getByRole('button', { name: 'Add to external sponsors' }).click();
    await external.getByRole('cell', { name: 'Paula Partner (Partner)', exact: true }).waitFor();
    expect(await external.getByTestId('sponsor').innerText()).toContain('paula.partner@partner.example');
    await expectAccessible();

    // Reloaded, both are still there.
    await page.reload();
    await internal.getByRole('cell', { name: headOfIt.displayName, exact: true }).waitFor();
    await external.getByRole('cell', { name: 'Paula Partner (Partner)', exact: true }).waitFor();
  });

  it('sees it listed beside the demo’s partner and a proposed organization, marked as needing review', async () => {
    // A proposed one, as Tessera makes for an approved request from an unknown domain.
    await page.goto('/admin/connected-organizations/new');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('northwind.example');
    await page.getByRole('textbox', { name: 'Domain 1', exact: true }).fill('northwind.example');
    await page.getByRole('radio', { name: 'Proposed (needs review)' }).check();
    await page.getByRole('button', { name: 'Add organization' }).click();
    await page.getByRole('heading', { name: 'northwind.example' }).waitFor();
    expect(await page.getByRole('button', { name: 'Mark as configured' }).isVisible()).toBe(true);
    expect(await page.getByText('Needs review', { exact: true }).isVisible()).toBe(true);
    await expectAccessible();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connected organizations' }).click();
    const rows = page.getByTestId('connected-organization');
    await rows.filter({ hasText: partner }).waitFor();
    const listed = rows.filter({ hasText: partner });
    expect(await listed.innerText()).toContain('partner.example');
    expect(await listed.getByText('Configured').isVisible()).toBe(true);
    expect(await rows.filter({ hasText: 'northwind.example' }).getByText('Proposed: needs review').isVisible()).toBe(true);
    expect(await rows.filter({ hasText: 'Fabrikam' }).count()).toBe(1);
    await closeMessages();
    await screenshot(page, 'admin-connected-organizations');

    await page.getByRole('searchbox', { name: 'Search by name' }).fill('partner');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain(partner);
  });

  it('cannot delete the demo’s Fabrikam while a policy lets its people ask, and is told which', async () => {
    await page.getByRole('searchbox', { name: 'Search by name' }).fill('');
    await page.getByRole('link', { name: 'Fabrikam', exact: true }).click();
    await page.getByRole('heading', { name: 'Fabrikam' }).waitFor();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Fabrikam?' });
    await dialog.getByRole('button', { name: 'Delete organization' }).click();
    await dialog.getByRole('alert').getByText(/named by assignment policy 'Fabrikam people, sponsor approval'/).waitFor();
    await expectAccessible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByRole('heading', { name: 'Fabrikam' }).isVisible()).toBe(true);
  });

  it('the policy editor shows the demo’s policy for Fabrikam’s people, in a catalog enabled for external users', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalogs and packages' }).click();
    // The catalogs fold; the first is open.
    await page.getByRole('button', { name: /^Partners/ }).click();
    await page.getByRole('link', { name: 'Open Partners' }).click();
    await page.getByRole('heading', { name: 'Partners' }).waitFor();
    expect(await page.getByRole('switch', { name: 'Enabled for external users' }).isChecked()).toBe(true);
    await page.getByRole('link', { name: 'Partner project workspace' }).click();
    await page.getByRole('link', { name: 'Edit Fabrikam people, sponsor approval' }).click();
    await page.getByRole('heading', { name: 'Edit Fabrikam people, sponsor approval' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Users of specific connected organizations' }).isChecked()).toBe(true);
    const organizations = page.getByRole('group', { name: 'Allowed connected organizations' });
    await organizations.getByText('People of Fabrikam').waitFor();
    await expectAccessible();
  });

  it('sets the external user lifecycle to block sign-in and delete after 14 days', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'External users' }).waitFor();
    // Until changed, Entra's defaults: blocked, then deleted after 30 days.
    expect(await page.getByRole('radio', { name: 'Block their sign-in, then delete them' }).isChecked()).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Days before they are deleted' }).inputValue()).toBe('30');
    await page.getByRole('radio', { name: 'Do nothing' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved').waitFor();

    await page.getByRole('radio', { name: 'Block their sign-in, then delete them' }).check();
    await page.getByRole('textbox', { name: 'Days before they are deleted' }).fill('14');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/after 14 days/).waitFor();
    await closeMessages();
    await screenshot(page, 'admin-external-user-settings');

    await page.reload();
    await page.getByRole('heading', { name: 'External users' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Block their sign-in, then delete them' }).isChecked()).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Days before they are deleted' }).inputValue()).toBe('14');
    const settings = await page.evaluate(() => fetch('/v1.0/identityGovernance/entitlementManagement/settings').then((response) => response.json()));
    expect(settings).toMatchObject({ externalUserLifecycleAction: 'blockSignInAndDelete', durationUntilExternalUserDeletedAfterBlocked: 'P14D' });
  });
});
