/**
 * The portal pages that notifications link to: the one place that knows their paths, so the
 * portal and the e-mails cannot drift apart silently (web/src/App.tsx has the routes; the
 * portal's tests open each of these paths).
 */
const segment = (id: string) => encodeURIComponent(id);

export const portalPaths = {
  /** Where an approver decides a request: the page lists what waits for them, the request named in the link. */
  approval: (requestId?: string) => (requestId ? `/approvals?request=${segment(requestId)}` : '/approvals'),
  /** Where a requester follows their requests, the request named in the link. */
  request: (requestId?: string) => (requestId ? `/requests?request=${segment(requestId)}` : '/requests'),
  /** The packages a user holds, where they extend or give up access. */
  access: () => '/access',
  /** Where a user requests a package (again). */
  accessPackage: (accessPackageId: string) => `/access-packages/${segment(accessPackageId)}`,
  /** Where a reviewer decides an access review's instance. */
  review: (definitionId: string, instanceId: string) => `/reviews/${segment(definitionId)}/${segment(instanceId)}`,
};

export function portalUrl(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}
