import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test-api';
import { renderPage } from '../../test-page';
import { SignInPage } from './SignInPage';

const packageId = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('the sign-in page', () => {
  it('offers the organization’s sign-in, coming back to the page asked for, and a way in for people outside', async () => {
    const { user } = renderPage(<SignInPage />, { path: `/access-packages/${packageId}`, route: '/access-packages/:id' });
    expect(screen.getByText(/You were sent a link to an access package/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(`/auth/signIn?returnTo=${encodeURIComponent(`/access-packages/${packageId}`)}`);
    expect(screen.getByText('Not from this organization?')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Sign in with your e-mail address' }));
    expect(screen.getByRole('heading', { name: 'Sign in with your e-mail address' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: /Your e-mail address/ }));
    // The package of the link goes with the address, so the server can say whether it is for them.
    fakeApi.on('POST', '/auth/outsider/code', { status: 202, body: { email: 'fiona@fabrikam.example', expiresDateTime: new Date(Date.now() + 600_000).toISOString(), codeLength: 8, resendAfterSeconds: 60 } });
    await user.type(screen.getByRole('textbox', { name: /Your e-mail address/ }), 'fiona@fabrikam.example');
    await user.click(screen.getByRole('button', { name: 'Send code' }));
    await waitFor(() => expect(fakeApi.calls('POST', '/auth/outsider/code')[0]?.body).toEqual({ email: 'fiona@fabrikam.example', accessPackageId: packageId }));
  });

  it('goes back to the choice, and greets a visitor on any other page plainly', async () => {
    const { user } = renderPage(<SignInPage />, { path: '/requests' });
    expect(screen.getByText('Request the access you need, approve requests, and see what you hold.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Sign in with your e-mail address' }));
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByRole('link', { name: 'Sign in' })).toBeTruthy();
  });
});
