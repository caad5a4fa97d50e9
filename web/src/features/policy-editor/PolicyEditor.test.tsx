import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { PolicyEditor } from './PolicyEditor';
import { emptyPolicyForm, type PolicyForm } from './policy-form';
import type { DirectorySearch } from './SubjectSetEditor';
import { renderInPortal } from './test-render';

const directory: DirectorySearch = {
  users: async () => [{ id: '11111111-1111-4111-8111-111111111111', label: 'Ann Approver (ann@example.com)' }],
  groups: async () => [{ id: '22222222-2222-4222-8222-222222222222', label: 'IT Team' }],
  connectedOrganizations: async () => [{ id: '44444444-4444-4444-8444-444444444444', label: 'Partner Ltd' }],
};

function renderEditor(initial: Partial<PolicyForm> = {}, onSave = vi.fn(async (_form: PolicyForm) => {}), externalUsersAllowed = false) {
  renderInPortal(<PolicyEditor initial={{ ...emptyPolicyForm(), displayName: 'Staff', ...initial }} directory={directory} onSave={onSave} onCancel={() => {}} externalUsersAllowed={externalUsersAllowed} />);
  return { onSave, user: userEvent.setup() };
}

/** The message a field shows, found the way a screen reader finds it: through aria-describedby. */
function messageOf(field: HTMLElement): string {
  const ids = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('the policy editor’s validation', () => {
  it('saves nothing without a name, and says so next to the name', async () => {
    const { onSave, user } = renderEditor({ displayName: '' });
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    const name = screen.getByRole('textbox', { name: /Name/ });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(messageOf(name)).toBe('Give the policy a name.');
    expect(screen.getByRole('alert').textContent).toMatch(/Fix the problem marked below/);
    expect(onSave).not.toHaveBeenCalled();
    // Put right, the message goes at once, before saving again.
    await user.type(name, 'Staff');
    expect(name.getAttribute('aria-invalid')).toBeNull();
    expect(messageOf(name)).toBe('');
  });

  it('asks for allowed requesters when the policy is for specific people, until one is added', async () => {
    const { onSave, user } = renderEditor();
    await user.click(screen.getByRole('radio', { name: 'Specific people, groups or rules' }));
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    const fieldset = screen.getByRole('group', { name: 'Allowed requesters' });
    expect(messageOf(fieldset)).toBe('Add at least one user, group or rule who may request.');
    expect(onSave).not.toHaveBeenCalled();

    // A group picked from the directory clears it.
    await user.click(within(fieldset).getByRole('combobox', { name: 'Group' }));
    await user.click(await screen.findByRole('option', { name: 'IT Team' }));
    await user.click(within(fieldset).getByRole('button', { name: 'Add to allowed requesters' }));
    expect(within(fieldset).getByText('Members of IT Team')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]![0]).toMatchObject({ allowedTargetScope: 'specificDirectoryUsers', allowedTargets: [{ kind: 'groupMembers', id: '22222222-2222-4222-8222-222222222222', label: 'IT Team' }] });
  });

  it('holds approvers to 1–14 days and at least one approver per stage', async () => {
    const { onSave, user } = renderEditor();
    const days = screen.getByRole('textbox', { name: 'Days to decide' });
    await user.clear(days);
    await user.type(days, '30');
    const approvers = screen.getByRole('group', { name: 'Stage 1 approvers' });
    await user.click(within(approvers).getByRole('button', { name: /Remove The requester's manager/ }));
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(messageOf(screen.getByRole('textbox', { name: 'Days to decide' }))).toMatch(/Approvers get 1 to 14 days to decide/);
    expect(messageOf(screen.getByRole('group', { name: 'Stage 1 approvers' }))).toBe('Choose at least one approver.');
    expect(onSave).not.toHaveBeenCalled();
  });

  it('wants escalation to come before the automatic denial, and someone to escalate to', async () => {
    const { onSave, user } = renderEditor();
    await user.click(screen.getByRole('switch', { name: 'Escalate when no one decides in time' }));
    await user.type(screen.getByRole('textbox', { name: 'Escalate after (hours)' }), '500');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(messageOf(screen.getByRole('textbox', { name: 'Escalate after (hours)' }))).toMatch(/before the request is denied/);
    expect(messageOf(screen.getByRole('group', { name: 'Stage 1 escalation approvers' }))).toBe('Choose who the request escalates to.');
    expect(onSave).not.toHaveBeenCalled();
  });

  it('wants a question’s text, and two distinct choices for a multiple choice question', async () => {
    const { onSave, user } = renderEditor();
    await user.click(screen.getByRole('button', { name: 'Add a multiple choice question' }));
    await user.type(screen.getByRole('textbox', { name: 'Question 1, choice 1' }), 'Payments');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(messageOf(screen.getByRole('textbox', { name: 'Question 1' }))).toBe('Write the question.');
    expect(screen.getByText('Give at least two choices, none of them empty.')).toBeTruthy();

    await user.type(screen.getByRole('textbox', { name: 'Question 1' }), 'Which service?');
    await user.click(screen.getByRole('button', { name: 'Add a choice' }));
    await user.type(screen.getByRole('textbox', { name: 'Question 1, choice 2' }), 'payments');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(screen.getByText('Two choices have the same value.')).toBeTruthy();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('keeps access to 1–3660 days, and an end date in the future', async () => {
    const { onSave, user } = renderEditor();
    const days = screen.getByRole('textbox', { name: 'Days' });
    await user.clear(days);
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(messageOf(screen.getByRole('textbox', { name: 'Days' }))).toBe('Access lasts 1 to 3660 days.');
    await user.click(screen.getByRole('radio', { name: 'On a date' }));
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(screen.getByText('Choose an end date in the future.')).toBeTruthy();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('puts each of the server’s refusals next to the field it names', async () => {
    const refusal = new ApiError(400, 'Request_BadRequest', 'regexPattern is not a regular expression Tessera can run', 'questions[0].regexPattern', [
      { target: 'questions[0].regexPattern', message: 'regexPattern is not a regular expression Tessera can run (RE2 syntax).' },
      { target: 'requestApprovalSettings.stages[0].durationBeforeAutomaticDenial', message: 'durationBeforeAutomaticDenial must be from PT1H to P14D.' },
    ]);
    const { onSave, user } = renderEditor({}, vi.fn(async (_form: PolicyForm) => Promise.reject(refusal)));
    await user.click(screen.getByRole('button', { name: 'Add a text question' }));
    await user.type(screen.getByRole('textbox', { name: 'Question 1' }), 'Badge number?');
    await user.type(screen.getByRole('textbox', { name: /Answer format/ }), '(a+)+(');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(await screen.findByText('regexPattern is not a regular expression Tessera can run (RE2 syntax).')).toBeTruthy();
    expect(messageOf(screen.getByRole('textbox', { name: /Answer format/ }))).toContain('regexPattern is not a regular expression Tessera can run (RE2 syntax).');
    expect(messageOf(screen.getByRole('textbox', { name: 'Days to decide' }))).toContain('durationBeforeAutomaticDenial must be from PT1H to P14D.');
    expect(screen.getByRole('alert').textContent).toMatch(/2 problems are marked below/);
  });
});

describe('the policy editor, for people outside the organisation', () => {
  it('offers the external scopes only when the catalog is enabled for external users, and says how to enable it', () => {
    renderEditor();
    expect(screen.queryByRole('radio', { name: 'Users of specific connected organizations' })).toBeNull();
    expect(screen.getByText(/enable its catalog for external users first/)).toBeTruthy();
  });

  it('lets the administrator pick the connected organizations whose people may request, and needs one', async () => {
    const { onSave, user } = renderEditor({}, undefined, true);
    expect(screen.getByRole('radio', { name: /All external users/ })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Users of every configured connected organization' })).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'Users of specific connected organizations' }));
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    const fieldset = screen.getByRole('group', { name: 'Allowed connected organizations' });
    expect(messageOf(fieldset)).toBe('Add at least one connected organization whose people may request.');
    expect(onSave).not.toHaveBeenCalled();

    await user.click(within(fieldset).getByRole('combobox', { name: 'Connected organization' }));
    await user.click(await screen.findByRole('option', { name: 'Partner Ltd' }));
    await user.click(within(fieldset).getByRole('button', { name: 'Add to allowed connected organizations' }));
    expect(within(fieldset).getByText('People of Partner Ltd')).toBeTruthy();
    // Sponsors approve: the organization's own and the requester's.
    const approvers = screen.getByRole('group', { name: 'Stage 1 approvers' });
    await user.click(within(approvers).getByRole('button', { name: /Remove The requester's manager/ }));
    await user.click(within(approvers).getByRole('combobox', { name: 'Add' }));
    await user.click(await screen.findByRole('option', { name: 'Internal sponsors' }));
    await user.click(within(approvers).getByRole('button', { name: 'Add to stage 1 approvers' }));
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]![0]).toMatchObject({
      allowedTargetScope: 'specificConnectedOrganizationUsers',
      allowedTargets: [{ kind: 'connectedOrganizationMembers', id: '44444444-4444-4444-8444-444444444444', label: 'Partner Ltd' }],
      stages: [{ approvers: [{ kind: 'internalSponsors' }] }],
    });
  });

  it('shows a stored policy for a connected organization with the organization named', () => {
    renderEditor({ allowedTargetScope: 'specificConnectedOrganizationUsers', allowedTargets: [{ kind: 'connectedOrganizationMembers', id: 'org-1', label: 'Partner Ltd' }] }, undefined, true);
    expect((screen.getByRole('radio', { name: 'Users of specific connected organizations' }) as HTMLInputElement).checked).toBe(true);
    expect(within(screen.getByRole('group', { name: 'Allowed connected organizations' })).getByText('People of Partner Ltd')).toBeTruthy();
  });
});
