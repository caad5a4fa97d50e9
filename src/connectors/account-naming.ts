import type { AccessTarget } from './connector.js';

/**
 * How a Tessera user's account is named in a connected system: by their userPrincipalName, by
 * its part before the @ (`ann@contoso.com` → `ann`), or by their mail. A user without the property
 * cannot be matched, and their delivery fails saying so.
 */
export type AccountNaming = 'userPrincipalName' | 'userPrincipalNameLocalPart' | 'mail';
export const accountNamings: readonly AccountNaming[] = ['userPrincipalName', 'userPrincipalNameLocalPart', 'mail'];

export function accountNameOf(naming: AccountNaming, target: AccessTarget, where: string): string {
  const name = naming === 'mail' ? target.mail : naming === 'userPrincipalNameLocalPart' ? target.userPrincipalName.split('@')[0] : target.userPrincipalName;
  if (!name) throw new Error(`User ${target.userId} has no ${naming === 'mail' ? 'mail' : 'userPrincipalName'} to name their account in the ${where}.`);
  return name;
}

/** The account name, or null for a user who cannot have one there (no mail, say): for reconciliation, which reports them instead of failing. */
export function nameOrNull(name: () => string): string | null {
  try {
    return name();
  } catch {
    return null;
  }
}
