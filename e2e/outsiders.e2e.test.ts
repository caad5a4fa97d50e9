import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administratorPrincipalName, demoPersonas } from '../src/features/demo/demo-organisation.js';
import { startSmtpSink, type SmtpSink } from '../test/helpers/smtp-sink.js';
import { chromiumSkipReason, launchChromium } from './helpers/chromium.js';
import { startDemoServer } from './helpers/demo-server.js';
import { accessibilityProblems, screenshot, signInAs } from './helpers/portal-user.js';

/**
 * Someone outside the organization, in Debian's Chromium against Tessera as `npm start` runs it,
 * mailing through a real SMTP server on loopback: Fiona of Fabrikam (the demo's partner company)
 * opens the link to "Partner project workspace", proves her address with the mailed code (a wrong
 * one first), and requests it; the head of IT, Fabrikam's sponsor, sees her as a guest of Fabrikam
 * and approves; Fiona signs in again with a new code and finds the access delivered.
 */
describe.skipIf(chromiumSkipReason())('people outside the organization, in a browser', () => {
  let browser: Browser;
  let server: { url: string; stop: () => Promise<void> };
  let sink: SmtpSink;
  let packagePath = '';
  const { headOfIt } = demoPersonas();
  const fiona = { email: 'fiona@fabrikam.example', name: 'Fiona Lindqvist' };
  const packageName = 'Partner project workspace';
  const justification = 'I build the customer portal’s login with your team';

  const visitor = async (path: string) => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 860 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(path);
    return page;
  };
  /** The code in the newest mail to `to` after the first `seen` messages, as the mail writes it ("1234 5678"). */
  const mailedCode = async (to: string, seen: number) => {
    await expect.poll(() => sink.messages.slice(seen).filter((mail) => mail.envelopeTo.includes(to)).length, { timeout: 15_000 }).toBeGreaterThan(0);
    const mail = sink.messages.slice(seen).filter((message) => message.envelopeTo.includes(to)).at(-1)!;
    expect(mail.subject).toBe('Your sign-in code for Tessera');
    const [, first, second] = /Your code is (\d{4}) (\d{4})/.exec(mail.text) ?? [];
    expect(first, mail.text).toBeDefined();
    return `${first} ${second}`;
  };
  const noAccessibilityProblems = async (page: Page) => expect(await accessibilityProblems(page)).toEqual([]);
  const codeField = (page: Page) => page.getByRole('textbox', { name: 'Code' });
  /** What a field's message says, found as a screen reader finds it: through aria-describedby. */
  const messageOf = async (page: Page, name: string) => {
    const ids = ((await page.getByRole('textbox', { name }).getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
    return (await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()))).join(' ');
  };
  /** Whether the keyboard's focus is in this field (where the step put it). */
  const focused = async (page: Page, name: string) => {
    const id = await page.getByRole('textbox', { name }).getAttribute('id');
    return id !== null && (await page.evaluate('document.activeElement && document.activeElement.id')) === id;
  };

  /** From any page of the portal, signed out: the e-mail way in, up to the code step (waiting out the one-a-minute limit if need be). */
  const askForCode = async (page: Page, email: string, name?: string) => {
    await page.getByRole('button', { name: 'Sign in with your e-mail address' }).click();
    await page.getByRole('textbox', { name: 'Your e-mail address' }).fill(email);
    if (name) await page.getByRole('textbox', { name: 'Your name' }).fill(name);
    const seen = sink.messages.length;
    const send = page.getByRole('button', { name: 'Send code' });
    await send.click();
    await codeField(page).or(page.getByTestId('send-wait')).first().waitFor();
    if (await page.getByTestId('send-wait').isVisible()) {
      // A code went to this address less than a minute ago: the form says when to ask again, and lets one then.
      expect(await messageOf(page, 'Your e-mail address')).toMatch(/wait \d+ seconds/);
      await expect.poll(() => send.isEnabled(), { timeout: 75_000, interval: 1000 }).toBe(true);
      await send.click();
    }
    await codeField(page).waitFor();
    return seen;
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startDemoServer({ env: { SMTP_URL: sink.url } });
    browser = await launchChromium();
    // The package's link, as someone at the organization would send it to the partner.
    const admin = await signInAs(browser, server.url, administratorPrincipalName);
    const found = await admin.evaluate(async (name) => {
      const answer = await fetch(`/v1.0/identityGovernance/entitlementManagement/accessPackages?$filter=${encodeURIComponent(`displayName eq '${name}'`)}`);
      return ((await answer.json()) as { value: { id: string }[] }).value;
    }, packageName);
    expect(found).toHaveLength(1);
    packagePath = `/access-packages/${found[0]!.id}`;
    await admin.context().close();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await sink?.close();
  });

  it('offers a second way in on a package’s link, and refuses an address the package is not for with the server’s message', async () => {
    const page = await visitor(packagePath);
    await page.getByText('You were sent a link to an access package').waitFor();
    expect(await page.getByRole('link', { name: 'Sign in', exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('Not from this organization?').isVisible()).toBe(true);
    await noAccessibilityProblems(page);

    await page.getByRole('button', { name: 'Sign in with your e-mail address' }).click();
    const email = page.getByRole('textbox', { name: 'Your e-mail address' });
    await expect.poll(() => focused(page, 'Your e-mail address')).toBe(true);
    await noAccessibilityProblems(page);
    await email.fill('eve@elsewhere.example');
    await page.getByRole('button', { name: 'Send code' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'This access package cannot be requested by people from elsewhere.example' });
    await refusal.waitFor();
    expect(await messageOf(page, 'Your e-mail address')).toContain('cannot be requested by people from elsewhere.example');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await codeField(page).count()).toBe(0);
    await noAccessibilityProblems(page);
    expect(sink.messages.filter((mail) => mail.envelopeTo.includes('eve@elsewhere.example'))).toEqual([]);
    await page.context().close();
  });

  it('Fiona of Fabrikam signs in from the link with the mailed code, a wrong one first, and requests the package', async () => {
    const page = await visitor(packagePath);
    const seen = await askForCode(page, fiona.email, fiona.name);
    const code = await mailedCode(fiona.email, seen);
    expect(await page.getByTestId('code-sent').innerText()).toMatch(new RegExp(`We sent a code to ${fiona.email.replace(/\./g, '\\.')}\\. It works for 10 minutes\\.`));
    await expect.poll(() => focused(page, 'Code')).toBe(true);
    expect(await page.getByRole('button', { name: 'Send a new code' }).isDisabled()).toBe(true);
    await screenshot(page, 'sign-in-with-code');

    const wrong = code === '0000 0000' ? '1111 1111' : '0000 0000';
    await codeField(page).fill(wrong);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'That is not the code we sent; 4 tries left.' }).waitFor();
    expect(await codeField(page).getAttribute('aria-invalid')).toBe('true');
    await noAccessibilityProblems(page);

    await codeField(page).fill(code);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // Signed in, on the page the link named.
    await page.getByRole('heading', { name: packageName }).waitFor();
    expect(new URL(page.url()).pathname).toBe(packagePath);
    expect(await page.getByTestId('signed-in-user').innerText()).toMatch(new RegExp(`${fiona.name} · Guest of Fabrikam$`));
    // A guest's menu: what she asked for and holds; no approvals or reviews she cannot have, no admin center.
    const menu = page.getByRole('navigation', { name: 'Main' });
    await expect.poll(async () => (await menu.getByRole('link').allInnerTexts()).map((text) => text.trim())).toEqual(['Request access', 'My requests', 'My access']);
    expect(await menu.getByText('Admin center').count()).toBe(0);

    await page.getByRole('button', { name: 'Submit request' }).click();
    expect(await page.getByText(/Say why you need this access/).isVisible()).toBe(true);
    await page.getByRole('textbox', { name: 'Justification' }).fill(justification);
    await page.getByRole('button', { name: 'Submit request' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/requests');
    const request = page.getByTestId('request').filter({ hasText: packageName });
    await request.getByText('Pending approval').waitFor();
    await request.getByRole('button').first().click();
    await request.getByText('Stage 1: waiting for an approver').waitFor();
    await page.context().close();
  });

  it('the head of IT, Fabrikam’s sponsor, sees Fiona as a guest of Fabrikam in Approvals and approves', async () => {
    const page = await signInAs(browser, server.url, headOfIt.userPrincipalName, '/approvals');
    const approval = page.getByTestId('pending-approval').filter({ hasText: fiona.name });
    await approval.getByText(`${fiona.name} asks for ${packageName}`).waitFor();
    expect(await approval.getByTestId('requester-guest').innerText()).toBe('Guest · Fabrikam');
    expect(await approval.getByText(fiona.email, { exact: false }).isVisible()).toBe(true);
    expect(await approval.getByText(justification).isVisible()).toBe(true);
    await noAccessibilityProblems(page);
    await approval.getByRole('textbox', { name: 'Reason' }).fill('Welcome to the project');
    await approval.getByRole('button', { name: 'Approve' }).click();
    await approval.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('Fiona signs in again with a new code and finds the request delivered and the access under My access', async () => {
    const page = await visitor('/requests');
    const seen = await askForCode(page, fiona.email);
    await codeField(page).fill(await mailedCode(fiona.email, seen));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'My requests' }).waitFor();
    const request = page.getByTestId('request').filter({ hasText: packageName });
    // Approved a minute ago, and delivered by the job worker since.
    await request.getByText('Delivered').waitFor();
    await request.getByRole('button').first().click();
    await request.getByText(`by ${headOfIt.displayName}`, { exact: false }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My access' }).click();
    const assignment = page.getByTestId('assignment').filter({ hasText: packageName });
    await assignment.getByText('Delivered').waitFor({ timeout: 20_000 });
    await page.context().close();
  }, 150_000);
});
