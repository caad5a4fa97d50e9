import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import type { AccessReviewDecision } from '../../api/graph';
import { renderInPortal } from '../policy-editor/test-render';
import { ReviewDecisions, type AcceptRecommendations, type DecisionChange, type RecordDecisions } from './ReviewDecisions';
import { decisionOf } from './test-decisions';

const ben = decisionOf('ben', { principal: { id: 'u-ben', displayName: 'Ben Eriksen', userPrincipalName: 'ben@example.com' }, recommendation: 'Approve', recommendationReason: 'Signed in on 2026-03-01, within the 30 days before the review began.', insights: [{ lastSignInDateTime: '2026-03-01T09:00:00Z' }] });
const cleo = decisionOf('cleo', { principal: { id: 'u-cleo', displayName: 'Cleo Berg', userPrincipalName: 'cleo@example.com' }, recommendation: 'Deny', recommendationReason: 'No sign-in or use of this access has ever been recorded.' });
const dev = decisionOf('dev', { principal: { id: 'u-dev', displayName: 'Dev Fischer', userPrincipalName: 'dev@example.com' }, decision: 'Deny', justification: 'Left IT', reviewedBy: { id: 'r', displayName: 'Ada Andersen', userPrincipalName: 'ada@example.com' }, reviewedDateTime: '2026-03-02T10:00:00Z' });

type Summary = [string, DecisionChange['answer'], string];
const summary = (changes: DecisionChange[]): Summary[] => changes.map((change) => [change.decision.id, change.answer, change.justification]);

function renderDecisions(options: { open?: boolean; justificationRequired?: boolean; decisions?: AccessReviewDecision[]; undecided?: AccessReviewDecision[]; result?: { done: number; error: unknown }; acceptError?: unknown } = {}) {
  const record = vi.fn<RecordDecisions>(async (changes) => options.result ?? { done: changes.length, error: null });
  const accept = vi.fn<AcceptRecommendations>(async () => {
    if (options.acceptError) throw options.acceptError;
  });
  const loadUndecided = vi.fn(async () => options.undecided ?? [ben, cleo]);
  renderInPortal(<ReviewDecisions decisions={options.decisions ?? [ben, cleo, dev]} open={options.open ?? true} justificationRequired={options.justificationRequired ?? false} recommendationsEnabled record={record} acceptRecommendations={accept} loadUndecided={loadUndecided} />);
  return { record, accept, loadUndecided, user: userEvent.setup() };
}

describe('a reviewer’s decisions', () => {
  it('shows each person with the recommendation, its reason, the last sign-in and the decision so far', () => {
    renderDecisions();
    const rows = screen.getAllByTestId('review-decision');
    expect(rows).toHaveLength(3);
    expect(rows[0]!.textContent).toContain('Signed in on 2026-03-01');
    expect(rows[1]!.textContent).toContain('No sign-in or use of this access has ever been recorded.');
    expect(rows[1]!.textContent).toContain('Never');
    expect(within(rows[2]!).getByText('Denied')).toBeTruthy();
    expect(rows[2]!.textContent).toContain('by Ada Andersen');
    expect(rows[2]!.textContent).toContain('Left IT');
    expect(within(rows[2]!).getByRole('button', { name: 'Change the decision for Dev Fischer' })).toBeTruthy();
  });

  it('records one person’s decision with its reason', async () => {
    const { record, user } = renderDecisions();
    await user.click(screen.getByRole('button', { name: 'Decide for Cleo Berg' }));
    const form = screen.getByRole('form', { name: 'Decision for Cleo Berg' });
    await user.click(within(form).getByRole('radio', { name: 'Deny' }));
    await user.type(within(form).getByRole('textbox', { name: 'Reason' }), 'Moved to Sales');
    await user.click(within(form).getByRole('button', { name: 'Save decision' }));
    await waitFor(() => expect(record).toHaveBeenCalledTimes(1));
    expect(summary(record.mock.calls[0]![0])).toEqual([['cleo', 'Deny', 'Moved to Sales']]);
    // Recorded, the form closes, and the keyboard is back on the row's button.
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Decision for Cleo Berg' })).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Decide for Cleo Berg' })));
  });

  it('says before sending that an approval needs a reason, when the review asks for one', async () => {
    const { record, user } = renderDecisions({ justificationRequired: true });
    await user.click(screen.getByRole('button', { name: 'Decide for Ben Eriksen' }));
    const form = screen.getByRole('form', { name: 'Decision for Ben Eriksen' });
    expect(within(form).getByText('This review asks for a reason with each approval.')).toBeTruthy();
    await user.click(within(form).getByRole('radio', { name: 'Approve' }));
    await user.click(within(form).getByRole('button', { name: 'Save decision' }));
    expect(within(form).getByText('This review asks for a justification with each approval.')).toBeTruthy();
    expect(record).not.toHaveBeenCalled();
    await user.type(within(form).getByRole('textbox', { name: /Reason/ }), 'Still on call');
    await user.click(within(form).getByRole('button', { name: 'Save decision' }));
    await waitFor(() => expect(record).toHaveBeenCalledTimes(1));
    expect(summary(record.mock.calls[0]![0])).toEqual([['ben', 'Approve', 'Still on call']]);
  });

  it('changes a decision made before, starting from it', async () => {
    const { record, user } = renderDecisions();
    await user.click(screen.getByRole('button', { name: 'Change the decision for Dev Fischer' }));
    const form = screen.getByRole('form', { name: 'Decision for Dev Fischer' });
    expect((within(form).getByRole('radio', { name: 'Deny' }) as HTMLInputElement).checked).toBe(true);
    expect((within(form).getByRole('textbox', { name: 'Reason' }) as HTMLTextAreaElement).value).toBe('Left IT');
    await user.click(within(form).getByRole('radio', { name: "Don't know" }));
    await user.click(within(form).getByRole('button', { name: 'Save decision' }));
    await waitFor(() => expect(summary(record.mock.calls[0]![0])).toEqual([['dev', 'DontKnow', 'Left IT']]));
  });

  it('shows the server’s refusal and keeps the form open', async () => {
    const { user } = renderDecisions({ result: { done: 0, error: new ApiError(409, 'AccessReviewNotInProgress', 'The review is Completed: decisions can no longer change.') } });
    await user.click(screen.getByRole('button', { name: 'Decide for Cleo Berg' }));
    const form = screen.getByRole('form', { name: 'Decision for Cleo Berg' });
    await user.click(within(form).getByRole('radio', { name: 'Deny' }));
    await user.click(within(form).getByRole('button', { name: 'Save decision' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('The review is Completed: decisions can no longer change.');
  });

  it('records one decision for the selected people', async () => {
    const { record, user } = renderDecisions();
    await user.click(screen.getByRole('checkbox', { name: 'Select Ben Eriksen' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Cleo Berg' }));
    const bulk = screen.getByRole('form', { name: 'Decide for the selected people' });
    expect(within(bulk).getByText('2 people selected')).toBeTruthy();
    await user.click(within(bulk).getByRole('radio', { name: 'Deny' }));
    await user.type(within(bulk).getByRole('textbox', { name: 'Reason' }), 'Team disbanded');
    await user.click(within(bulk).getByRole('button', { name: 'Record for 2 people' }));
    await waitFor(() => expect(record).toHaveBeenCalledTimes(1));
    expect(summary(record.mock.calls[0]![0])).toEqual([
      ['ben', 'Deny', 'Team disbanded'],
      ['cleo', 'Deny', 'Team disbanded'],
    ]);
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Decide for the selected people' })).toBeNull());
  });

  it('accepts the recommendations of everyone undecided in one call, after saying what it will do', async () => {
    const eve = decisionOf('eve', { recommendation: 'NotAvailable' });
    const { record, accept, loadUndecided, user } = renderDecisions({ undecided: [ben, cleo, eve] });
    await user.click(screen.getByRole('button', { name: 'Accept recommendations' }));
    const dialog = await screen.findByRole('dialog', { name: 'Accept recommendations' });
    await within(dialog).findByText(/approve 1 person recommended for approval/);
    expect(dialog.textContent).toContain('deny 1 person recommended for denial');
    expect(dialog.textContent).toContain('1 person without a recommendation stay undecided');
    expect(dialog.textContent).toContain('recorded with the reason “Accepted the recommendation.”');
    expect(loadUndecided).toHaveBeenCalledTimes(1);
    // Nothing is sent until the reviewer confirms.
    expect(accept).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Accept 2 recommendations' }));
    await waitFor(() => expect(accept).toHaveBeenCalledTimes(1));
    // The server accepts them all: no decision is sent one by one.
    expect(record).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Accept recommendations' })).toBeNull());
  });

  it('needs no reason of the reviewer, even when the review asks for one with each approval (the server records its own)', async () => {
    const { accept, user } = renderDecisions({ justificationRequired: true });
    await user.click(screen.getByRole('button', { name: 'Accept recommendations' }));
    const dialog = await screen.findByRole('dialog', { name: 'Accept recommendations' });
    const button = await within(dialog).findByRole('button', { name: 'Accept 2 recommendations' });
    expect(within(dialog).queryByRole('textbox')).toBeNull();
    await user.click(button);
    await waitFor(() => expect(accept).toHaveBeenCalledTimes(1));
  });

  it('says there is nothing to accept when everyone with a recommendation has been decided', async () => {
    const { accept, user } = renderDecisions({ undecided: [decisionOf('eve', { recommendation: 'NotAvailable' })] });
    await user.click(screen.getByRole('button', { name: 'Accept recommendations' }));
    const dialog = await screen.findByRole('dialog', { name: 'Accept recommendations' });
    await within(dialog).findByText(/There is no recommendation to accept/);
    expect((within(dialog).getByRole('button', { name: 'Accept' }) as HTMLButtonElement).disabled).toBe(true);
    expect(accept).not.toHaveBeenCalled();
  });

  it('shows the server’s refusal to accept and keeps the dialog open', async () => {
    const { accept, user } = renderDecisions({ acceptError: new ApiError(409, 'AccessReviewNotInProgress', 'The review is Completed: decisions can no longer change.') });
    await user.click(screen.getByRole('button', { name: 'Accept recommendations' }));
    const dialog = await screen.findByRole('dialog', { name: 'Accept recommendations' });
    await user.click(await within(dialog).findByRole('button', { name: 'Accept 2 recommendations' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('The review is Completed: decisions can no longer change.');
    expect(accept).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('dialog', { name: 'Accept recommendations' })).toBeTruthy();
  });

  it('is read-only once the review has ended', () => {
    renderDecisions({ open: false });
    expect(screen.getAllByTestId('review-decision')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: /Decide for|Change the decision/ })).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Accept recommendations' })).toBeNull();
  });
});
