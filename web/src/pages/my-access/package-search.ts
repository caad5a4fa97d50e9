import type { AccessPackage } from '../../api/graph';

/** The resources a package gives, by the names people know them by ("Member of GitHub" → "GitHub"). */
export function resourceNames(accessPackage: AccessPackage): string[] {
  const names = (accessPackage.resourceRoleScopes ?? []).map((scope) => {
    const role = scope.role as { description?: string | null; displayName: string | null } | undefined;
    const described = role?.description?.replace(/^(Member|Owner) of /, '');
    return described || role?.displayName || scope.scope?.displayName || 'Resource';
  });
  return [...new Set(names)];
}

/** Whether a package matches what someone typed: every word, in its name, description or resources. */
export function matchesSearch(accessPackage: AccessPackage, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [accessPackage.displayName, accessPackage.description ?? '', ...resourceNames(accessPackage)].join(' ').toLowerCase();
  return words.every((word) => haystack.includes(word));
}
