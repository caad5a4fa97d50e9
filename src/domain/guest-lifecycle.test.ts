import { describe, expect, it } from 'vitest';
import { afterLastAssignmentEnded, defaultEntitlementManagementSettings, mayDeleteGuest, settingsProblems } from './guest-lifecycle.js';

const ended = new Date('2027-02-01T10:00:00Z');

describe('afterLastAssignmentEnded', () => {
  it.each([
    ['none', { blockNow: false, deleteAt: null }],
    ['blockSignIn', { blockNow: true, deleteAt: null }],
    ['blockSignInAndDelete', { blockNow: true, deleteAt: new Date('2027-03-03T10:00:00Z') }],
  ] as const)('%s', (action, expected) => {
    expect(afterLastAssignmentEnded({ externalUserLifecycleAction: action, durationUntilExternalUserDeletedAfterBlocked: 'P30D' }, ended)).toEqual(expected);
  });

  it("follows Entra's defaults: block, then delete after 30 days", () => {
    expect(afterLastAssignmentEnded(defaultEntitlementManagementSettings, ended).deleteAt?.toISOString()).toBe('2027-03-03T10:00:00.000Z');
  });
});

describe('mayDeleteGuest', () => {
  it.each([
    [{ blockedByLifecycle: true, activeAssignments: 0, openRequests: 0 }, true],
    [{ blockedByLifecycle: true, activeAssignments: 1, openRequests: 0 }, false],
    [{ blockedByLifecycle: true, activeAssignments: 0, openRequests: 1 }, false],
    [{ blockedByLifecycle: false, activeAssignments: 0, openRequests: 0 }, false],
  ])('%j → %s', (guest, expected) => {
    expect(mayDeleteGuest(guest)).toBe(expected);
  });
});

describe('settingsProblems', () => {
  it('accepts a wait of up to a year and refuses anything else', () => {
    expect(settingsProblems({ externalUserLifecycleAction: 'blockSignInAndDelete', durationUntilExternalUserDeletedAfterBlocked: 'P365D' }).list()).toEqual([]);
    for (const duration of ['P2Y', 'thirty days', '-P1D', 'PT0S']) {
      expect(settingsProblems({ externalUserLifecycleAction: 'blockSignInAndDelete', durationUntilExternalUserDeletedAfterBlocked: duration }).list().map((p) => p.target)).toEqual(['durationUntilExternalUserDeletedAfterBlocked']);
    }
  });
});
