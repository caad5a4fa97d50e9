import { describe, expect, it } from 'vitest';
import { lifecycleBody, lifecycleFormErrors, lifecycleFormFrom } from './lifecycle-form';

const stored = (action: 'none' | 'blockSignIn' | 'blockSignInAndDelete', duration: string) => ({ id: 's', externalUserLifecycleAction: action, durationUntilExternalUserDeletedAfterBlocked: duration });

describe('the external user lifecycle form', () => {
  it('edits the wait before deletion in days, written as P{n}D', () => {
    const form = lifecycleFormFrom(stored('blockSignInAndDelete', 'P30D'));
    expect(form.days).toBe(30);
    expect(lifecycleBody({ ...form, days: 14 })).toEqual({ externalUserLifecycleAction: 'blockSignInAndDelete', durationUntilExternalUserDeletedAfterBlocked: 'P14D' });
  });

  it('sends only the action when guests are not deleted', () => {
    expect(lifecycleBody({ ...lifecycleFormFrom(stored('blockSignInAndDelete', 'P30D')), action: 'blockSignIn' })).toEqual({ externalUserLifecycleAction: 'blockSignIn' });
    expect(lifecycleFormErrors({ ...lifecycleFormFrom(stored('none', 'P30D')), days: '' })).toEqual({});
  });

  it('holds the wait to 1–365 days when guests are deleted', () => {
    const form = lifecycleFormFrom(stored('blockSignInAndDelete', 'P30D'));
    for (const days of ['', 0, 366, 2.5] as const) expect(lifecycleFormErrors({ ...form, days })).toEqual({ durationUntilExternalUserDeletedAfterBlocked: 'Delete them 1 to 365 days after their sign-in is blocked.' });
    expect(lifecycleFormErrors({ ...form, days: 365 })).toEqual({});
  });

  it('keeps a wait set otherwise through the API (a month, hours) until days are entered', () => {
    const form = lifecycleFormFrom(stored('blockSignInAndDelete', 'P1M'));
    expect(form.days).toBe('');
    expect(lifecycleFormErrors(form)).toEqual({});
    expect(lifecycleBody(form).durationUntilExternalUserDeletedAfterBlocked).toBe('P1M');
    expect(lifecycleBody({ ...form, days: 7 }).durationUntilExternalUserDeletedAfterBlocked).toBe('P7D');
  });
});
