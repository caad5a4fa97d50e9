/**
 * The portal pages that notifications link to: the one place that knows their paths, so the
 * portal (which arrives later) and the e-mails cannot drift apart silently.
 */
const segment = (id: string) => encodeURIComponent(id);

export const portalPaths = {
  /** Where an approver decides a request. */
  approval: (requestId?: string) => (requestId ? `/my-access/approvals/${segment(requestId)}` : '/my-access/approvals'),
  /** Where a requester follows a request. */
  request: (requestId?: string) => (requestId ? `/my-access/requests/${segment(requestId)}` : '/my-access/requests'),
  /** The packages a user holds, where they extend or give up access. */
  access: () => '/my-access/access',
  /** Where a user requests a package (again). */
  accessPackage: (accessPackageId: string) => `/my-access/access-packages/${segment(accessPackageId)}`,
  /** Where a reviewer decides an access review's instance. */
  review: (instanceId: string) => `/my-access/reviews/${segment(instanceId)}`,
};

export function portalUrl(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}
