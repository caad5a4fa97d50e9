import { describe, expect, it } from 'vitest';
import { accessReportCsvHeader, accessReportCsvRecord, approvalsText, spreadsheetSafe, type AccessReportRow, type ApprovalRecord } from './access-report.js';

describe('spreadsheetSafe', () => {
  const cases: [string, string | number | null | undefined, string][] = [
    ['plain text stays', 'Quarterly reports', 'Quarterly reports'],
    ['a formula gets an apostrophe', '=HYPERLINK("https://evil.example","x")', `'=HYPERLINK("https://evil.example","x")`],
    ['so does a plus', '+1 555 0100', `'+1 555 0100`],
    ['and a minus', '-2+3', `'-2+3`],
    ['and an at sign', '@SUM(A1:A2)', `'@SUM(A1:A2)`],
    ['and a leading tab', '\t=1', `'\t=1`],
    ['and a leading carriage return', '\r=1', `'\r=1`],
    ['a sign later in the text is harmless', 'a=b', 'a=b'],
    ['a leading space is not a formula', ' =1', ' =1'],
    ['null is empty', null, ''],
    ['undefined is empty', undefined, ''],
    ['a number is text', 3, '3'],
    ['a date stays as it is', '2026-11-26T09:00:00.000Z', '2026-11-26T09:00:00.000Z'],
  ];
  it.each(cases)('%s', (_name, value, expected) => {
    expect(spreadsheetSafe(value)).toBe(expected);
  });
});

describe('approvalsText', () => {
  const approved: ApprovalRecord = { stageNumber: 1, reviewResult: 'Approved', reviewedBy: { id: 'a1', displayName: 'Ann Approver' }, reviewedDateTime: '2026-11-26T10:00:00.000Z', justification: 'Needed for Q4' };
  const cases: [string, ApprovalRecord[], string][] = [
    ['no approval', [], ''],
    ['one stage', [approved], 'stage 1: Approved by Ann Approver (2026-11-26T10:00:00.000Z): Needed for Q4'],
    [
      'two stages, the second without a reason',
      [approved, { stageNumber: 2, reviewResult: 'Approved', reviewedBy: { id: 'b2', displayName: 'Bo Boss' }, reviewedDateTime: '2026-11-27T08:00:00.000Z', justification: null }],
      'stage 1: Approved by Ann Approver (2026-11-26T10:00:00.000Z): Needed for Q4; stage 2: Approved by Bo Boss (2026-11-27T08:00:00.000Z)',
    ],
    ['a reviewer without a name shows by id', [{ ...approved, reviewedBy: { id: 'gone', displayName: null }, justification: null }], 'stage 1: Approved by gone (2026-11-26T10:00:00.000Z)'],
    ['an undecided stage', [{ stageNumber: 1, reviewResult: 'NotReviewed', reviewedBy: null, reviewedDateTime: null, justification: null }], 'stage 1: NotReviewed'],
  ];
  it.each(cases)('%s', (_name, approvals, expected) => {
    expect(approvalsText(approvals)).toBe(expected);
  });
});

describe('accessReportCsvRecord', () => {
  const row: AccessReportRow = {
    id: 'g1',
    user: { id: 'u1', displayName: 'Rita Requester', userPrincipalName: 'rita@example.com' },
    resource: { id: 'r1', displayName: 'Sales group', originSystem: 'AadGroup', originId: 'grp1' },
    role: { id: 'role1', displayName: 'Member', originId: 'Member_grp1' },
    accessPackage: { id: 'p1', displayName: 'Sales tools' },
    catalog: { id: 'c1', displayName: 'Sales' },
    assignment: { id: 'a1', state: 'delivered', status: 'Delivered', startDateTime: '2026-11-26T09:00:00.000Z', endDateTime: null, expiredDateTime: null, endedReason: null },
    grant: { state: 'granted', grantedDateTime: '2026-11-26T09:00:01.000Z', revokedDateTime: null },
    policy: { id: 'pol1', displayName: 'Members may ask' },
    request: {
      id: 'q1',
      requestType: 'userAdd',
      state: 'delivered',
      createdDateTime: '2026-11-26T08:59:00.000Z',
      requestor: { id: 'u1', displayName: 'Rita Requester', userPrincipalName: 'rita@example.com' },
      justification: '=HYPERLINK("https://evil.example","x")',
      approvals: [{ stageNumber: 1, reviewResult: 'Approved', reviewedBy: { id: 'a1', displayName: 'Ann Approver' }, reviewedDateTime: '2026-11-26T09:00:00.000Z', justification: 'Fine' }],
    },
    removalRequest: null,
  };

  it('has one cell per header column, in order', () => {
    const record = accessReportCsvRecord(row);
    expect(record).toHaveLength(accessReportCsvHeader.length);
    const cell = (name: string) => record[accessReportCsvHeader.indexOf(name)];
    expect(cell('user.userPrincipalName')).toBe('rita@example.com');
    expect(cell('role.displayName')).toBe('Member');
    expect(cell('grant.state')).toBe('granted');
    expect(cell('request.approvals')).toBe('stage 1: Approved by Ann Approver (2026-11-26T09:00:00.000Z): Fine');
    expect(cell('assignment.endDateTime')).toBe('');
    expect(cell('removalRequest.id')).toBe('');
  });

  it('neutralises formulas in text people typed', () => {
    const record = accessReportCsvRecord(row);
    expect(record[accessReportCsvHeader.indexOf('request.justification')]).toBe(`'=HYPERLINK("https://evil.example","x")`);
  });

  it('leaves the request columns empty when no request is known', () => {
    const record = accessReportCsvRecord({ ...row, request: null, policy: null });
    expect(record[accessReportCsvHeader.indexOf('request.approvals')]).toBe('');
    expect(record[accessReportCsvHeader.indexOf('policy.id')]).toBe('');
  });
});
