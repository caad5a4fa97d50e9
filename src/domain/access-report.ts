import type { RoleGrantState } from './assignment.js';

/**
 * "Who has access to what, and why" (a Tessera report; Graph has none): one row per resource role
 * an access package assignment delivers or delivered to a user, with the package, the policy, the
 * request and approvals behind it, and what ended it. Only what Tessera delivered is reported:
 * access given in the target system by other means (a group membership added by hand) is not.
 */
export const accessReportStates = ['active', 'all'] as const;
export type AccessReportState = (typeof accessReportStates)[number];

/** Grants that count as held now, on an active assignment: delivered, or on their way. */
export const heldGrantStates: readonly RoleGrantState[] = ['granted', 'pendingGrant'];

export type PersonRef = { id: string; displayName: string | null; userPrincipalName: string | null };

export type ApprovalRecord = {
  stageNumber: number;
  reviewResult: string;
  reviewedBy: { id: string; displayName: string | null } | null;
  reviewedDateTime: string | null;
  justification: string | null;
};

export type RequestRecord = {
  id: string;
  requestType: string;
  state: string;
  createdDateTime: string;
  /** Null when Tessera itself asked (systemAdd, systemRemove). */
  requestor: PersonRef | null;
  justification: string | null;
};

export type AccessReportRow = {
  /** The grant's id: one row per resource role per assignment. */
  id: string;
  user: PersonRef;
  resource: { id: string; displayName: string | null; originSystem: string | null; originId: string };
  role: { id: string | null; displayName: string | null; originId: string };
  accessPackage: { id: string; displayName: string | null };
  catalog: { id: string; displayName: string | null };
  assignment: { id: string; state: string; status: string; startDateTime: string; endDateTime: string | null; expiredDateTime: string | null; endedReason: string | null };
  grant: { state: RoleGrantState; grantedDateTime: string | null; revokedDateTime: string | null };
  policy: { id: string; displayName: string | null } | null;
  /** The add request that created the assignment, with the decisions of its approval stages. */
  request: (RequestRecord & { approvals: ApprovalRecord[] }) | null;
  /** The remove request that ended the assignment; null while it lasts or when it expired. */
  removalRequest: RequestRecord | null;
};

/** The approvals of a request in one line: "stage 1: Approved by Ann Approver (2026-…): reason; stage 2: …". */
export function approvalsText(approvals: readonly ApprovalRecord[]): string {
  return approvals
    .map((approval) => {
      const by = approval.reviewedBy ? ` by ${approval.reviewedBy.displayName ?? approval.reviewedBy.id}` : '';
      const when = approval.reviewedDateTime ? ` (${approval.reviewedDateTime})` : '';
      const why = approval.justification ? `: ${approval.justification}` : '';
      return `stage ${approval.stageNumber}: ${approval.reviewResult}${by}${when}${why}`;
    })
    .join('; ');
}

type Cell = string | number | null | undefined;

/** The CSV columns: the JSON row's paths, flattened, so a column names the property it comes from. */
const columns: readonly (readonly [string, (row: AccessReportRow) => Cell])[] = [
  ['user.id', (r) => r.user.id],
  ['user.displayName', (r) => r.user.displayName],
  ['user.userPrincipalName', (r) => r.user.userPrincipalName],
  ['resource.id', (r) => r.resource.id],
  ['resource.displayName', (r) => r.resource.displayName],
  ['resource.originSystem', (r) => r.resource.originSystem],
  ['resource.originId', (r) => r.resource.originId],
  ['role.displayName', (r) => r.role.displayName],
  ['role.originId', (r) => r.role.originId],
  ['accessPackage.id', (r) => r.accessPackage.id],
  ['accessPackage.displayName', (r) => r.accessPackage.displayName],
  ['catalog.id', (r) => r.catalog.id],
  ['catalog.displayName', (r) => r.catalog.displayName],
  ['assignment.id', (r) => r.assignment.id],
  ['assignment.state', (r) => r.assignment.state],
  ['assignment.status', (r) => r.assignment.status],
  ['assignment.startDateTime', (r) => r.assignment.startDateTime],
  ['assignment.endDateTime', (r) => r.assignment.endDateTime],
  ['assignment.expiredDateTime', (r) => r.assignment.expiredDateTime],
  ['assignment.endedReason', (r) => r.assignment.endedReason],
  ['grant.state', (r) => r.grant.state],
  ['grant.grantedDateTime', (r) => r.grant.grantedDateTime],
  ['grant.revokedDateTime', (r) => r.grant.revokedDateTime],
  ['policy.id', (r) => r.policy?.id],
  ['policy.displayName', (r) => r.policy?.displayName],
  ['request.id', (r) => r.request?.id],
  ['request.requestType', (r) => r.request?.requestType],
  ['request.createdDateTime', (r) => r.request?.createdDateTime],
  ['request.requestor.id', (r) => r.request?.requestor?.id],
  ['request.requestor.displayName', (r) => r.request?.requestor?.displayName],
  ['request.requestor.userPrincipalName', (r) => r.request?.requestor?.userPrincipalName],
  ['request.justification', (r) => r.request?.justification],
  ['request.approvals', (r) => (r.request ? approvalsText(r.request.approvals) : null)],
  ['removalRequest.id', (r) => r.removalRequest?.id],
  ['removalRequest.requestType', (r) => r.removalRequest?.requestType],
  ['removalRequest.createdDateTime', (r) => r.removalRequest?.createdDateTime],
  ['removalRequest.requestor.id', (r) => r.removalRequest?.requestor?.id],
  ['removalRequest.requestor.displayName', (r) => r.removalRequest?.requestor?.displayName],
  ['removalRequest.requestor.userPrincipalName', (r) => r.removalRequest?.requestor?.userPrincipalName],
  ['removalRequest.justification', (r) => r.removalRequest?.justification],
];

export const accessReportCsvHeader: readonly string[] = columns.map(([name]) => name);

/** One CSV record of a row, every cell safe to open in a spreadsheet. */
export function accessReportCsvRecord(row: AccessReportRow): string[] {
  return columns.map(([, value]) => spreadsheetSafe(value(row)));
}

/**
 * Spreadsheets (Excel, LibreOffice, Google Sheets) run a cell that starts with =, +, - or @ as a
 * formula, and treat a leading tab or carriage return as one too. Justifications, names and
 * display names are typed by requesters, so a justification such as `=HYPERLINK("https://…")`
 * would become a live link or a data-leaking formula on the administrator's machine that opens
 * the export (CSV injection). A leading apostrophe makes the spreadsheet show the cell as text,
 * and leaves the original readable.
 */
export function spreadsheetSafe(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
