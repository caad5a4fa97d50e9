import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Approval, AssignmentRequest } from '../../api/graph';
import { fakeApi } from '../../test-api';
import { renderPage } from '../../test-page';
import { ApprovalsPage } from './ApprovalsPage';

const entitlement = '/v1.0/identityGovernance/entitlementManagement';
const requestOf = (id: string, target: { id: string; displayName: string; principalName: string }): AssignmentRequest => ({
  id,
  requestType: 'userAdd',
  state: 'pendingApproval',
  status: 'PendingApproval',
  createdDateTime: '2030-01-01T10:00:00Z',
  completedDateTime: null,
  justification: 'For the customer portal project',
  answers: [],
  schedule: { startDateTime: null, expiration: { type: 'afterDuration', duration: 'P90D', endDateTime: null } },
  accessPackage: { id: 'p1', displayName: 'Partner project workspace', description: null, isHidden: false, createdDateTime: '2030-01-01T00:00:00Z', modifiedDateTime: '2030-01-01T00:00:00Z' },
  requestor: { id: target.id, displayName: target.displayName, email: target.principalName, principalName: target.principalName },
  assignment: { id: '', state: '', target: { ...target, email: target.principalName } },
});
const approvalOf = (id: string): Approval => ({
  id,
  stages: [{ id: `${id}-s1`, displayName: 'Stage 1', status: 'InProgress', reviewResult: 'NotReviewed', reviewedDateTime: null, justification: null, assignedToMe: true, reviewedBy: null }],
});

function answerApprovals(users: { status?: number; body?: unknown }) {
  const fiona = { id: 'u-fiona', displayName: 'Fiona Lindqvist', principalName: 'fiona@fabrikam.example' };
  const hugo = { id: 'u-hugo', displayName: 'Hugo Andersen', principalName: 'hugo@example.com' };
  fakeApi.on('GET', `${entitlement}/assignmentRequests/filterByCurrentUser(on='approver')`, { body: { value: [requestOf('r1', fiona), requestOf('r2', hugo)] } });
  fakeApi.on('GET', `${entitlement}/accessPackageAssignmentApprovals/filterByCurrentUser(on='approver')`, { body: { value: [approvalOf('r1'), approvalOf('r2')] } });
  fakeApi.on('GET', `${entitlement}/accessPackageAssignmentApprovals/r1`, { body: approvalOf('r1') });
  fakeApi.on('GET', `${entitlement}/accessPackageAssignmentApprovals/r2`, { body: approvalOf('r2') });
  fakeApi.on('GET', '/v1.0/users', users);
}

describe('Approvals', () => {
  it('shows a requester from a partner company as a guest of that company, a colleague as no one special', async () => {
    answerApprovals({ body: { value: [{ id: 'u-fiona', userType: 'Guest', companyName: 'Fabrikam' }, { id: 'u-hugo', userType: 'Member', companyName: null }] } });
    renderPage(<ApprovalsPage />, { path: '/approvals' });
    const fiona = await screen.findByRole('article', { name: 'Approval: Partner project workspace for Fiona Lindqvist' });
    expect(within(fiona).getByTestId('requester-guest').textContent).toBe('Guest · Fabrikam');
    const hugo = screen.getByRole('article', { name: 'Approval: Partner project workspace for Hugo Andersen' });
    expect(within(hugo).queryByTestId('requester-guest')).toBeNull();
    // The requesters are read in one call, only what is shown.
    const [call] = fakeApi.calls('GET', '/v1.0/users');
    expect(call!.query.get('$filter')).toBe("id in ('u-fiona','u-hugo')");
    expect(call!.query.get('$select')).toBe('id,userType,companyName');
  });

  it('still lists the requests for an approver who may not read the directory (a guest sponsor)', async () => {
    answerApprovals({ status: 403, body: { error: { code: 'Forbidden', message: 'Insufficient privileges.' } } });
    renderPage(<ApprovalsPage />, { path: '/approvals' });
    await screen.findByRole('article', { name: 'Approval: Partner project workspace for Fiona Lindqvist' });
    await waitFor(() => expect(screen.getAllByTestId('pending-approval')).toHaveLength(2));
    expect(screen.queryByTestId('requester-guest')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
