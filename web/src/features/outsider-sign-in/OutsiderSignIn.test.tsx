import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, type ApiAnswer } from '../../test-api';
import { renderPage } from '../../test-page';
import { OutsiderSignIn } from './OutsiderSignIn';
import { codeLifetimeMinutes, describeWait, packageIdOfPath } from './outsider-sign-in-api';

const packageId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const codePath = '/auth/outsider/code';
const signInPath = '/auth/outsider/signIn';

/** The error a field shows, found the way a screen reader finds it: through aria-describedby (its description left out). */
function messageOf(field: HTMLElement): string {
  const ids = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

const refusal = (status: number, code: string, message: string, target: string, headers?: Record<string, string>): ApiAnswer => ({ status, body: { error: { code, message, target } }, ...(headers ? { headers } : {}) });
const issued = (email = 'fiona@fabrikam.example'): ApiAnswer => ({ status: 202, body: { email, expiresDateTime: new Date(Date.now() + 10 * 60_000).toISOString(), codeLength: 8, resendAfterSeconds: 60 } });

function render(onSignedIn = vi.fn()) {
  const rendered = renderPage(<OutsiderSignIn accessPackageId={packageId} onSignedIn={onSignedIn} />, { path: `/access-packages/${packageId}`, route: '/access-packages/:id' });
  return { ...rendered, onSignedIn };
}
const emailField = () => screen.getByRole('textbox', { name: /Your e-mail address/ });
const codeField = () => screen.getByRole('textbox', { name: /^Code/ });

/** Through the first step, with the server sending a code. */
async function toCodeStep() {
  fakeApi.on('POST', codePath, issued());
  const rendered = render();
  await rendered.user.type(emailField(), 'Fiona@Fabrikam.example');
  await rendered.user.type(screen.getByRole('textbox', { name: /Your name/ }), 'Fiona Lindqvist');
  await rendered.user.click(screen.getByRole('button', { name: 'Send code' }));
  await screen.findByRole('textbox', { name: /^Code/ });
  return rendered;
}

afterEach(() => vi.useRealTimers());

describe('signing in with an e-mail address: the address step', () => {
  it('starts in the address field and sends nothing without an address, saying so beside the field', async () => {
    const { user } = render();
    expect(document.activeElement).toBe(emailField());
    await user.click(screen.getByRole('button', { name: 'Send code' }));
    expect(emailField().getAttribute('aria-invalid')).toBe('true');
    expect(messageOf(emailField())).toMatch(/Enter your e-mail address/);
    expect(screen.getByRole('alert').textContent).toMatch(/Enter your e-mail address/);
    await user.type(emailField(), 'not an address');
    expect(emailField().getAttribute('aria-invalid')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Send code' }));
    expect(messageOf(emailField())).toMatch(/'not an address' is not an e-mail address/);
    expect(fakeApi.calls('POST', codePath)).toEqual([]);
  });

  it('shows the server’s refusal beside the address, as it is, and stays on the step', async () => {
    fakeApi.on('POST', codePath, refusal(400, 'ValidationError', 'This access package cannot be requested by people from elsewhere.example. If someone sent you the link, ask them which address to use.', 'email'));
    const { user } = render();
    await user.type(emailField(), 'eve@elsewhere.example');
    await user.click(screen.getByRole('button', { name: 'Send code' }));
    await waitFor(() => expect(messageOf(emailField())).toBe('This access package cannot be requested by people from elsewhere.example. If someone sent you the link, ask them which address to use.'));
    expect(screen.getByRole('alert').textContent).toMatch(/cannot be requested by people from elsewhere\.example/);
    expect(document.activeElement).toBe(emailField());
    expect(fakeApi.calls('POST', codePath)[0]!.body).toEqual({ email: 'eve@elsewhere.example', accessPackageId: packageId });
    expect(screen.queryByRole('textbox', { name: /^Code/ })).toBeNull();
  });

  it('after “too many”, says when to ask again and lets one ask only then', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    fakeApi.on('POST', codePath, refusal(429, 'TooManyRequests', 'A code was sent to fiona@fabrikam.example a moment ago, or too many this hour; wait 42 seconds and ask again.', 'email', { 'Retry-After': '42' }));
    const { user } = render();
    await user.type(emailField(), 'fiona@fabrikam.example');
    await user.click(screen.getByRole('button', { name: 'Send code' }));
    await waitFor(() => expect(messageOf(emailField())).toMatch(/wait 42 seconds and ask again/));
    const send = screen.getByRole('button', { name: 'Send code' });
    expect(send.hasAttribute('disabled')).toBe(true);
    expect(screen.getByTestId('send-wait').textContent).toMatch(/again in 4[12] seconds/);
    act(() => void vi.advanceTimersByTime(43_000));
    expect(send.hasAttribute('disabled')).toBe(false);
    expect(screen.queryByTestId('send-wait')).toBeNull();
  });
});

describe('signing in with an e-mail address: the code step', () => {
  it('sends the address, the package and later the name; says where the code went and for how long; puts the focus in the code field', async () => {
    await toCodeStep();
    expect(fakeApi.calls('POST', codePath)[0]!.body).toEqual({ email: 'Fiona@Fabrikam.example', accessPackageId: packageId });
    expect(screen.getByTestId('code-sent').textContent).toMatch(/We sent a code to fiona@fabrikam\.example\. It works for 10 minutes\./);
    await waitFor(() => expect(document.activeElement).toBe(codeField()));
    expect(codeField().getAttribute('autocomplete')).toBe('one-time-code');
  });

  it('checks the code’s shape before asking the server, beside the field', async () => {
    const { user } = await toCodeStep();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(messageOf(codeField())).toBe('Enter the code from the e-mail.');
    await user.type(codeField(), '1234');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(messageOf(codeField())).toBe('The code is the 8 digits in the e-mail we sent you.');
    expect(fakeApi.calls('POST', signInPath)).toEqual([]);
  });

  it('shows each refusal of the code beside the field, as the server words it, and keeps the focus there', async () => {
    const answers = [
      refusal(400, 'WrongCode', 'That is not the code we sent; 4 tries left.', 'code'),
      refusal(400, 'WrongCode', 'That is not the code we sent; 3 tries left.', 'code'),
      refusal(400, 'CodeExpired', 'The code has expired (codes last ten minutes); ask for a new one.', 'code'),
    ];
    fakeApi.on('POST', signInPath, () => answers.shift()!);
    const { user } = await toCodeStep();
    for (const expected of ['4 tries left', '3 tries left', 'The code has expired']) {
      await user.clear(codeField());
      await user.type(codeField(), '0000 0000');
      await user.click(screen.getByRole('button', { name: 'Sign in' }));
      await waitFor(() => expect(messageOf(codeField())).toContain(expected));
      expect(codeField().getAttribute('aria-invalid')).toBe('true');
      expect(screen.getByRole('alert').textContent).toContain(expected);
      expect(document.activeElement).toBe(codeField());
    }
  });

  it('shows a refusal about the address (no code sent to it) above the buttons, not on the code', async () => {
    fakeApi.on('POST', signInPath, refusal(400, 'NoCode', 'No code was sent to this address; ask for one first.', 'email'));
    const { user } = await toCodeStep();
    await user.type(codeField(), '12345678');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByText('No code was sent to this address; ask for one first.');
    expect(codeField().getAttribute('aria-invalid')).toBeNull();
  });

  it('signs in with the address, the code and the name, then hands over', async () => {
    fakeApi.on('POST', signInPath, { body: { userId: 'u-fiona', expiresDateTime: new Date(Date.now() + 3_600_000).toISOString() } });
    const { user, onSignedIn } = await toCodeStep();
    await user.type(codeField(), '1234 5678');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
    expect(fakeApi.calls('POST', signInPath)[0]!.body).toEqual({ email: 'fiona@fabrikam.example', code: '1234 5678', displayName: 'Fiona Lindqvist' });
  });

  it('offers a new code only once resendAfterSeconds has passed, then sends one for the same address and package', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { user } = await toCodeStep();
    const resend = screen.getByRole('button', { name: 'Send a new code' });
    expect(resend.hasAttribute('disabled')).toBe(true);
    expect(screen.getByTestId('resend-wait').textContent).toMatch(/You can ask for a new code in (1 minute|59 seconds)\./);
    act(() => void vi.advanceTimersByTime(30_000));
    expect(resend.hasAttribute('disabled')).toBe(true);
    expect(screen.getByTestId('resend-wait').textContent).toMatch(/in (30|29) seconds/);
    act(() => void vi.advanceTimersByTime(31_000));
    expect(resend.hasAttribute('disabled')).toBe(false);

    await user.type(codeField(), '1111');
    await user.click(resend);
    await waitFor(() => expect(fakeApi.calls('POST', codePath)).toHaveLength(2));
    expect(fakeApi.calls('POST', codePath)[1]!.body).toEqual({ email: 'fiona@fabrikam.example', accessPackageId: packageId });
    // A new wait, an empty field for the new code, and the focus in it.
    await waitFor(() => expect(resend.hasAttribute('disabled')).toBe(true));
    expect((codeField() as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(codeField());
  });

  it('goes back to the address step, with the address kept, to use another one', async () => {
    const { user } = await toCodeStep();
    await user.click(screen.getByRole('button', { name: 'Use another address' }));
    expect((emailField() as HTMLInputElement).value).toBe('Fiona@Fabrikam.example');
  });
});

describe('sign-in helpers', () => {
  it('finds the package a link names', () => {
    expect(packageIdOfPath(`/access-packages/${packageId}`)).toBe(packageId);
    expect(packageIdOfPath('/access-packages')).toBeUndefined();
    expect(packageIdOfPath('/requests')).toBeUndefined();
  });

  it('words waits and lifetimes as people read them', () => {
    expect(describeWait(1)).toBe('1 second');
    expect(describeWait(42.2)).toBe('43 seconds');
    expect(describeWait(60)).toBe('1 minute');
    expect(describeWait(65)).toBe('1 minute 5 seconds');
    expect(describeWait(3_300)).toBe('55 minutes');
    expect(codeLifetimeMinutes({ email: 'a@b.example', expiresDateTime: '2030-01-01T10:10:00Z', codeLength: 8, resendAfterSeconds: 60 }, new Date('2030-01-01T10:00:01Z'))).toBe(10);
  });
});
