import { describe, expect, it } from 'vitest';
import type { PolicyRequirements } from '../../api/graph';
import { emptyRequestForm, requestBody, requestFormErrors } from './request-form';

const policy = (patch: Partial<PolicyRequirements> = {}): PolicyRequirements => ({
  policyId: 'p1',
  policyDisplayName: 'Staff',
  policyDescription: null,
  allowCustomAssignmentSchedule: false,
  isApprovalRequiredForAdd: true,
  isApprovalRequiredForUpdate: false,
  isRequestorJustificationRequired: true,
  schedule: { startDateTime: null, expiration: { type: 'afterDuration', duration: 'P90D', endDateTime: null } },
  questions: [
    { '@odata.type': '#microsoft.graph.accessPackageMultipleChoiceQuestion', id: 'q2', text: 'Which service?', isRequired: true, sequence: 2, choices: [{ actualValue: 'payments', text: 'Payments' }] },
    { '@odata.type': '#microsoft.graph.accessPackageTextInputQuestion', id: 'q1', text: 'Ticket?', isRequired: false, sequence: 1, isSingleLineQuestion: true },
  ],
  ...patch,
});

describe('the request form', () => {
  it('chooses the only policy by itself, and asks which one when there are several', () => {
    expect(emptyRequestForm([policy()]).policyId).toBe('p1');
    const several = [policy(), policy({ policyId: 'p2' })];
    expect(requestFormErrors(several, emptyRequestForm(several), '2026-11-27')).toEqual({ policyId: 'Choose how you want to request this access.' });
  });

  it('wants the justification and every required answer, each next to its field', () => {
    const errors = requestFormErrors([policy()], { ...emptyRequestForm([policy()]), answers: { q1: ['line one\nline two'] } }, '2026-11-27');
    expect(errors).toEqual({ justification: expect.stringContaining('Say why'), 'question:q2': 'This question needs an answer.', 'question:q1': 'Answer on one line.' });
  });

  it('checks the dates only where the policy lets the requester choose them', () => {
    const custom = [policy({ allowCustomAssignmentSchedule: true })];
    const values = { ...emptyRequestForm(custom), justification: 'on call', answers: { q2: ['payments'] }, startDate: '2026-11-20', endDate: '2026-11-19' };
    expect(requestFormErrors(custom, values, '2026-11-27')).toEqual({ startDate: 'The start cannot be in the past.', endDate: 'The end must come after the start.' });
    expect(requestFormErrors([policy()], values, '2026-11-27')).toEqual({});
  });

  it('becomes Graph’s userAdd request, with the answers given and their display values', () => {
    const values = { ...emptyRequestForm([policy()]), justification: '  on call  ', answers: { q2: ['payments'], q1: [''] } };
    expect(requestBody('me', 'pkg', [policy()], values)).toEqual({
      requestType: 'userAdd',
      assignment: { accessPackageId: 'pkg', assignmentPolicyId: 'p1', targetId: 'me' },
      justification: 'on call',
      answers: [{ '@odata.type': '#microsoft.graph.accessPackageAnswerString', value: 'payments', displayValue: 'Payments', answeredQuestion: { '@odata.type': '#microsoft.graph.accessPackageMultipleChoiceQuestion', id: 'q2' } }],
    });
  });
});
