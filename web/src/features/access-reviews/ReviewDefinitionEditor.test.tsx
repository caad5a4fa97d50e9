import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { renderInPortal } from '../policy-editor/test-render';
import { emptyReviewForm, type ReviewForm } from './review-form';
import { ReviewDefinitionEditor, type ReviewDirectory } from './ReviewDefinitionEditor';

const today = '2026-03-10';
const directory: ReviewDirectory = {
  users: async () => [{ id: '11111111-1111-4111-8111-111111111111', label: 'Ada Administrator (admin@example.com)' }],
  groups: async () => [{ id: '22222222-2222-4222-8222-222222222222', label: 'IT Team' }],
  packages: async () => [{ id: '33333333-3333-4333-8333-333333333333', label: 'Production access' }],
};

function renderEditor(initial: Partial<ReviewForm> = {}, onSave = vi.fn(async (_form: ReviewForm) => {})) {
  renderInPortal(<ReviewDefinitionEditor initial={{ ...emptyReviewForm(today), ...initial }} directory={directory} onSave={onSave} onCancel={() => {}} today={today} />);
  return { onSave, user: userEvent.setup() };
}

/** The message a field shows, found the way a screen reader finds it: through aria-describedby. */
function messageOf(field: HTMLElement): string {
  const ids = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

const complete: Partial<ReviewForm> = { displayName: 'IT Team review', scope: { kind: 'group', id: '22222222-2222-4222-8222-222222222222', label: 'IT Team' } };

describe('the access review editor', () => {
  it('saves nothing without a name and what to review, and says so next to each', async () => {
    const { onSave, user } = renderEditor();
    await user.click(screen.getByRole('button', { name: 'Create review' }));
    expect(screen.getByRole('alert').textContent).toMatch(/Fix the 2 problems marked below/);
    expect(messageOf(screen.getByRole('textbox', { name: /Name/ }))).toBe('Give the review a name.');
    expect(messageOf(screen.getByRole('combobox', { name: /Group/ }))).toContain('Choose the group whose members are reviewed.');
    expect(onSave).not.toHaveBeenCalled();

    await user.type(screen.getByRole('textbox', { name: /Name/ }), 'IT Team review');
    await user.click(screen.getByRole('combobox', { name: /Group/ }));
    await user.click(await screen.findByRole('option', { name: 'IT Team' }));
    await user.click(screen.getByRole('button', { name: 'Create review' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]![0]).toMatchObject({ displayName: 'IT Team review', scope: { kind: 'group', id: '22222222-2222-4222-8222-222222222222', label: 'IT Team' }, reviewerKind: 'managers' });
  });

  it('warns, before saving, that a default decision of Deny applied automatically removes everyone nobody answered for, and asks again', async () => {
    const { onSave, user } = renderEditor(complete);
    expect(screen.queryByTestId('review-warnings')).toBeNull();
    await user.click(screen.getByRole('combobox', { name: "If reviewers don't answer" }));
    await user.click(await screen.findByRole('option', { name: 'Remove access' }));
    // Not applied automatically: an administrator still looks before anything is removed.
    expect(screen.queryByTestId('review-warnings')).toBeNull();
    await user.click(screen.getByRole('switch', { name: /Apply the results automatically/ }));
    expect(screen.getByTestId('review-warnings').textContent).toContain('if no reviewer answers, that is everyone');

    await user.click(screen.getByRole('button', { name: 'Create review' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create this review?' });
    expect(dialog.textContent).toContain('everyone whose reviewer does not answer in time loses their access');
    expect(onSave).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Go back' }));
    expect(onSave).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Create review' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Create this review?' })).getByRole('button', { name: 'Create anyway' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]![0]).toMatchObject({ defaultDecision: 'Deny', autoApplyDecisionsEnabled: true });
  });

  it('warns about the recommendation applied automatically too', async () => {
    renderEditor({ ...complete, autoApplyDecisionsEnabled: true });
    const user = userEvent.setup();
    await user.click(screen.getByRole('combobox', { name: "If reviewers don't answer" }));
    await user.click(await screen.findByRole('option', { name: 'Take the recommendations' }));
    expect(screen.getByTestId('review-warnings').textContent).toContain('recommendation applied automatically');
  });

  it('asks for specific reviewers when they are chosen, and adds them from the directory', async () => {
    const { onSave, user } = renderEditor(complete);
    await user.click(screen.getByRole('radio', { name: /Specific people or groups/ }));
    await user.click(screen.getByRole('button', { name: 'Create review' }));
    const reviewers = screen.getByRole('group', { name: 'Reviewers' });
    expect(messageOf(reviewers)).toBe('Add at least one reviewer.');
    expect(onSave).not.toHaveBeenCalled();

    await user.click(within(reviewers).getByRole('combobox', { name: 'Person' }));
    await user.click(await screen.findByRole('option', { name: /Ada Administrator/ }));
    await user.click(within(reviewers).getByRole('button', { name: 'Add to reviewers' }));
    await user.click(screen.getByRole('button', { name: 'Create review' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]![0].reviewers).toEqual([{ kind: 'singleUser', id: '11111111-1111-4111-8111-111111111111', label: 'Ada Administrator (admin@example.com)' }]);
  });

  it('offers the end of a recurring review only, and checks it', async () => {
    const { onSave, user } = renderEditor(complete);
    await user.click(screen.getByRole('radio', { name: 'After a number of reviews' }));
    await user.click(screen.getByRole('button', { name: 'Create review' }));
    expect(messageOf(screen.getByRole('textbox', { name: 'Number of reviews' }))).toMatch(/how many times/);
    expect(onSave).not.toHaveBeenCalled();
    await user.click(screen.getByRole('combobox', { name: 'Frequency' }));
    await user.click(await screen.findByRole('option', { name: 'One time' }));
    expect(screen.queryByRole('radio', { name: 'After a number of reviews' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Create review' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
  });

  it('puts the server’s refusals next to their fields', async () => {
    const onSave = vi.fn(async () => {
      throw new ApiError(400, 'BadRequest', 'The request is invalid.', undefined, [{ target: 'fallbackReviewers[0].query', message: 'No user 1111 exists.' }]);
    });
    const { user } = renderEditor(complete, onSave);
    await user.click(screen.getByRole('button', { name: 'Create review' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/one problem is marked below/));
    expect(messageOf(screen.getByRole('group', { name: 'Fallback reviewers' }))).toBe('No user 1111 exists.');
  });
});
