import type { Executor } from '../../db/database.js';
import type { PolicySubject } from '../../domain/policy-requestors.js';
import type { User } from '../../domain/user.js';
import { connectedOrganizationOfGuest } from '../connected-organizations/connected-organizations.repo.js';
import { outsiderCatalogIds } from './governed-guests.repo.js';

/**
 * What policies need to know of a guest: the connected organization their address belongs to, and,
 * for an outsider Tessera brought in, the catalogs visible to external users (the only ones they may
 * ask in). A member belongs to no organization and is not restricted.
 */
export async function guestPolicyFacts(db: Executor, user: Pick<User, 'id' | 'userType'>): Promise<Pick<PolicySubject, 'connectedOrganization' | 'outsiderCatalogIds'>> {
  if (user.userType !== 'Guest') return { connectedOrganization: null };
  const organization = await connectedOrganizationOfGuest(db, user.id);
  const catalogIds = await outsiderCatalogIds(db, user.id);
  return { connectedOrganization: organization ? { id: organization.id, state: organization.state } : null, ...(catalogIds ? { outsiderCatalogIds: catalogIds } : {}) };
}
