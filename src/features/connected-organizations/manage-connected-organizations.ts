import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/database.js';
import { onUniqueViolation } from '../../db/dialect.js';
import { actorId } from '../../domain/actor-id.js';
import { identitySourceProblems, type ConnectedOrganization, type IdentitySource } from '../../domain/connected-organization.js';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { policiesByIds } from '../assignment-policies/assignment-policies.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import { entitlementAudit } from '../catalogs/catalog-audit.js';
import type { Deps } from '../deps.js';
import { organizationTarget } from './connected-organization-audit.js';
import {
  domainOwners,
  findConnectedOrganization,
  insertConnectedOrganization,
  lockConnectedOrganization,
  markConnectedOrganizationDeleted,
  policiesNamingOrganization,
  replaceConnectedOrganization,
} from './connected-organizations.repo.js';
import type { CreateConnectedOrganizationInput, IdentitySourceInput, UpdateConnectedOrganizationInput } from './connected-organizations.schemas.js';

// Two organizations claiming one domain at the same moment: the domain table's key lets one win.
const domainTaken = () => new ValidationError('A domain of these identity sources already belongs to another connected organization; an address must lead to one organization.', 'identitySources');

function identitySourceOf(input: IdentitySourceInput): IdentitySource {
  const displayName = input.displayName ?? input.domainName;
  if (input['@odata.type'] === '#microsoft.graph.externalDomainFederation') return { '@odata.type': input['@odata.type'], domainName: input.domainName, displayName, issuerUri: input.issuerUri };
  return { '@odata.type': input['@odata.type'], domainName: input.domainName, displayName };
}

/** Every problem with the sources at once, each under identitySources[i]; ownId lets an organization keep its own domains. */
async function checkIdentitySources(db: Executor, sources: readonly IdentitySource[], ownId: string | null): Promise<void> {
  const taken = await domainOwners(db, sources.map((source) => source.domainName.toLowerCase()));
  identitySourceProblems(sources, taken, ownId).throwIfAny();
}

export async function createConnectedOrganization(deps: Deps, actor: Actor, input: CreateConnectedOrganizationInput): Promise<ConnectedOrganization> {
  const now = deps.clock();
  const iso = now.toISOString();
  const organization: ConnectedOrganization = {
    id: randomUUID(),
    displayName: input.displayName,
    description: input.description ?? null,
    identitySources: input.identitySources.map(identitySourceOf),
    state: input.state ?? 'configured',
    createdDateTime: iso,
    modifiedDateTime: iso,
  };
  await deps.db
    .transaction()
    .execute(async (trx) => {
      await checkIdentitySources(trx, organization.identitySources, null);
      await insertConnectedOrganization(trx, organization, actorId(actor.principal));
      await recordAudit(trx, actor, now, entitlementAudit('Create connected organization', 'Add', [organizationTarget(organization, null, organization)]));
    })
    .catch(onUniqueViolation(domainTaken));
  return organization;
}

export async function updateConnectedOrganization(deps: Deps, actor: Actor, id: string, changes: UpdateConnectedOrganizationInput): Promise<void> {
  const now = deps.clock();
  await deps.db
    .transaction()
    .execute(async (trx) => {
      // Locked before it is read: a PATCH racing a DELETE sees the deletion and answers 404,
      // instead of writing back the living row (and its domains) it read before.
      await lockConnectedOrganization(trx, id);
      const before = await findConnectedOrganization(trx, id);
      if (!before) throw new NotFoundError('Connected organization', id);
      const after: ConnectedOrganization = {
        ...before,
        displayName: changes.displayName ?? before.displayName,
        description: changes.description === undefined ? before.description : changes.description,
        identitySources: changes.identitySources ? changes.identitySources.map(identitySourceOf) : before.identitySources,
        state: changes.state ?? before.state,
        modifiedDateTime: now.toISOString(),
      };
      const target = organizationTarget(after, before, after);
      // An update that changes nothing writes nothing, not even an audit entry.
      if (target.modifiedProperties.length === 0) return;
      if (changes.identitySources) await checkIdentitySources(trx, after.identitySources, id);
      if ((await replaceConnectedOrganization(trx, after)) === 0) throw new NotFoundError('Connected organization', id);
      await recordAudit(trx, actor, now, entitlementAudit('Update connected organization', 'Update', [target]));
    })
    .catch(onUniqueViolation(domainTaken));
}

/**
 * Soft delete, refused while a living assignment policy lets the organization's people request
 * (connectedOrganizationMembers): the policy would name an organization nobody can belong to.
 * Its domains are freed for another organization; its sponsors go with it.
 */
export async function deleteConnectedOrganization(deps: Deps, actor: Actor, id: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await lockConnectedOrganization(trx, id);
    const organization = await findConnectedOrganization(trx, id);
    if (!organization) throw new NotFoundError('Connected organization', id);
    const naming = await policiesByIds(trx, await policiesNamingOrganization(trx, organization.id));
    if (naming.length > 0) {
      const names = naming.map((policy) => `'${policy.displayName}' (${policy.id})`).join(', ');
      throw new ConflictError(
        `Connected organization '${organization.displayName}' is named by assignment ${naming.length === 1 ? 'policy' : 'policies'} ${names}; remove it from their specificAllowedTargets, or delete them, first.`,
        'id',
        'Request_ResourceInUse',
      );
    }
    await markConnectedOrganizationDeleted(trx, organization.id, now.toISOString());
    await recordAudit(trx, actor, now, entitlementAudit('Delete connected organization', 'Delete', [organizationTarget(organization)]));
  });
}
