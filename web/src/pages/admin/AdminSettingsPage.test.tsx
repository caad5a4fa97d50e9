import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { EntitlementManagementSettings } from '../../api/graph';
import { fakeApi, graphError } from '../../test-api';
import { renderPage } from '../../test-page';
import { AdminSettingsPage } from './AdminSettingsPage';

const path = '/v1.0/identityGovernance/entitlementManagement/settings';

function serve(settings: Omit<EntitlementManagementSettings, 'id'>) {
  let current: EntitlementManagementSettings = { id: 'settings', ...settings };
  fakeApi.on('GET', path, () => ({ body: current }));
  fakeApi.on('PATCH', path, (call) => ((current = { ...current, ...(call.body as object) }), { status: 204 }));
}

const render = (canManage = true) => renderPage(<AdminSettingsPage />, { path: '/admin/settings', canManage });

describe('Admin center → Settings → External users', () => {
  it('shows what happens now, explaining each choice and that only guests Tessera brought in are affected', async () => {
    serve({ externalUserLifecycleAction: 'blockSignInAndDelete', durationUntilExternalUserDeletedAfterBlocked: 'P30D' });
    render();
    const group = await screen.findByRole('radiogroup', { name: 'When an external user loses their last access package assignment' });
    expect(group).toBeTruthy();
    expect((screen.getByRole('radio', { name: /Block their sign-in, then delete them/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('textbox', { name: 'Days before they are deleted' }) as HTMLInputElement).value).toBe('30');
    expect(screen.getByText(/affects only guests Tessera brought in/)).toBeTruthy();
    for (const text of [/can still sign in/, /A new assignment lets them in again/, /deleted after the days below/]) expect(screen.getByText(text)).toBeTruthy();
  });

  it('saves block-and-delete after 14 days as P14D', async () => {
    serve({ externalUserLifecycleAction: 'none', durationUntilExternalUserDeletedAfterBlocked: 'P30D' });
    const { user } = render();
    await user.click(await screen.findByRole('radio', { name: /Block their sign-in, then delete them/ }));
    const days = screen.getByRole('textbox', { name: 'Days before they are deleted' });
    await user.clear(days);
    await user.type(days, '14');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fakeApi.calls('PATCH', path)).toHaveLength(1));
    expect(fakeApi.calls('PATCH', path)[0]!.body).toEqual({ externalUserLifecycleAction: 'blockSignInAndDelete', durationUntilExternalUserDeletedAfterBlocked: 'P14D' });
    // Read back from the server, the form shows what is stored now.
    await waitFor(() => expect(fakeApi.calls('GET', path).length).toBeGreaterThan(1));
    expect((screen.getByRole('textbox', { name: 'Days before they are deleted' }) as HTMLInputElement).value).toBe('14');
  });

  it('saves only the action for blocking, and nothing at all with a wait out of bounds', async () => {
    serve({ externalUserLifecycleAction: 'blockSignInAndDelete', durationUntilExternalUserDeletedAfterBlocked: 'P30D' });
    const { user } = render();
    const days = await screen.findByRole('textbox', { name: 'Days before they are deleted' });
    await user.clear(days);
    await user.type(days, '400');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('Delete them 1 to 365 days after their sign-in is blocked.')).toBeTruthy();
    expect(days.getAttribute('aria-invalid')).toBe('true');
    expect(fakeApi.calls('PATCH', path)).toEqual([]);

    await user.click(screen.getByRole('radio', { name: 'Block their sign-in' }));
    expect(screen.queryByRole('textbox', { name: 'Days before they are deleted' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fakeApi.calls('PATCH', path)).toHaveLength(1));
    expect(fakeApi.calls('PATCH', path)[0]!.body).toEqual({ externalUserLifecycleAction: 'blockSignIn' });
  });

  it('puts the server’s refusal of the wait next to it', async () => {
    serve({ externalUserLifecycleAction: 'blockSignInAndDelete', durationUntilExternalUserDeletedAfterBlocked: 'P30D' });
    const message = "durationUntilExternalUserDeletedAfterBlocked is a duration of at most a year, such as P30D; it is 'P365D'.";
    fakeApi.on('PATCH', path, graphError(400, 'Request_BadRequest', message, [{ target: 'durationUntilExternalUserDeletedAfterBlocked', message }]));
    const { user } = render();
    const days = await screen.findByRole('textbox', { name: 'Days before they are deleted' });
    await user.clear(days);
    await user.type(days, '365');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(message)).toBeTruthy();
    expect(days.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows a Global Reader the setting without a way to change it', async () => {
    serve({ externalUserLifecycleAction: 'blockSignIn', durationUntilExternalUserDeletedAfterBlocked: 'P30D' });
    render(false);
    expect(((await screen.findByRole('radio', { name: 'Block their sign-in' })) as HTMLInputElement).checked).toBe(true);
    expect(screen.getAllByRole('radio').every((radio) => (radio as HTMLInputElement).disabled)).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.getByText(/Global and Identity Governance Administrators change it/)).toBeTruthy();
  });
});
