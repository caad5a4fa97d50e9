import { api, onCurrentUser, unwrap } from './client';
import type { AccessPackage, Approval, Assignment, AssignmentRequest, Collection, PolicyRequirements } from './graph';

/**
 * The reads My Access makes, each named once so that pages share their cache and a change
 * (a request submitted, an approval decided) invalidates exactly what it affects.
 */
export const keys = {
  requestable: ['requestable-packages'] as const,
  requirements: (packageId: string) => ['requirements', packageId] as const,
  myRequests: ['my-requests'] as const,
  myAccess: ['my-access'] as const,
  approvals: ['approvals'] as const,
  approval: (requestId: string) => ['approval', requestId] as const,
};

const entitlement = '/v1.0/identityGovernance/entitlementManagement';
/** Up to this many rows are read per list; the lists are one person's, so more is rare (and paged later). */
const pageSize = '200';

export const requestablePackages = () =>
  unwrap<Collection<AccessPackage>>(
    api.GET(`${entitlement}/accessPackages/filterByCurrentUser{call}`, {
      params: { path: { call: onCurrentUser('allowedRequestor') }, query: { $expand: 'resourceRoleScopes($expand=role,scope)', $top: pageSize, $orderby: 'displayName' } },
    }),
  ).then((page) => page.value);

export const requirementsOf = (packageId: string) =>
  unwrap<Collection<PolicyRequirements>>(api.POST(`${entitlement}/accessPackages/{id}/getApplicablePolicyRequirements`, { params: { path: { id: packageId } } })).then((page) => page.value);

export const accessPackage = (packageId: string) =>
  unwrap<AccessPackage>(api.GET(`${entitlement}/accessPackages/{id}`, { params: { path: { id: packageId }, query: { $expand: 'resourceRoleScopes($expand=role,scope),catalog' } } }));

export const myRequests = () =>
  unwrap<Collection<AssignmentRequest>>(
    api.GET(`${entitlement}/assignmentRequests/{id}`, { params: { path: { id: `filterByCurrentUser${onCurrentUser('target')}` }, query: { $expand: 'accessPackage', $orderby: 'createdDateTime desc', $top: pageSize } } }),
  ).then((page) => page.value);

export const myAssignments = () =>
  unwrap<Collection<Assignment>>(
    api.GET(`${entitlement}/assignments/{id}`, { params: { path: { id: `filterByCurrentUser${onCurrentUser('target')}` }, query: { $expand: 'accessPackage,assignmentPolicy', $top: pageSize } } }),
  ).then((page) => page.value);

export const requestsToApprove = () =>
  unwrap<Collection<AssignmentRequest>>(
    api.GET(`${entitlement}/assignmentRequests/{id}`, {
      params: { path: { id: `filterByCurrentUser${onCurrentUser('approver')}` }, query: { $expand: 'accessPackage,requestor,assignment($expand=target)', $orderby: 'createdDateTime desc', $top: pageSize } },
    }),
  ).then((page) => page.value);

export const approvalOf = (requestId: string) => unwrap<Approval>(api.GET(`${entitlement}/accessPackageAssignmentApprovals/{id}`, { params: { path: { id: requestId } } }));

export const approvalsForMe = () =>
  unwrap<Collection<Approval>>(
    api.GET(`${entitlement}/accessPackageAssignmentApprovals/{id}`, { params: { path: { id: `filterByCurrentUser${onCurrentUser('approver')}` }, query: { $top: pageSize } } }),
  ).then((page) => page.value);
