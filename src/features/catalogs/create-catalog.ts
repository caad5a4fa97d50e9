import { randomUUID } from 'node:crypto';
import { onUniqueViolation } from '../../db/dialect.js';
import { actorId } from '../../domain/actor-id.js';
import { buildCatalog, creatorBecomesOwner, type Catalog } from '../../domain/catalog.js';
import { ConflictError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { catalogAppScopeId, catalogRoles } from '../../domain/roles.js';
import { recordAudit } from '../audit/audit.repo.js';
import { insertRoleAssignment } from '../authorization/role-assignments.repo.js';
import type { Deps } from '../deps.js';
import { catalogTarget, entitlementAudit } from './catalog-audit.js';
import { catalogNameTaken, insertCatalog } from './catalogs.repo.js';
import type { CreateCatalogInput } from './catalogs.schemas.js';

export const duplicateCatalogName = (displayName: string) =>
  new ConflictError(`A catalog named '${displayName}' already exists.`, 'displayName');

export async function createCatalog(deps: Deps, actor: Actor, input: CreateCatalogInput): Promise<Catalog> {
  const now = deps.clock();
  const catalog = buildCatalog(input, randomUUID(), now);
  const { principal } = actor;
  await deps.db.transaction().execute(async (trx) => {
    if (await catalogNameTaken(trx, catalog.displayName)) throw duplicateCatalogName(catalog.displayName);
    await insertCatalog(trx, catalog);
    const drafts = [entitlementAudit('Create catalog', 'Add', [catalogTarget(catalog, null, catalog)])];
    if (principal.kind === 'user' && creatorBecomesOwner(principal)) {
      const assignment = { roleDefinitionId: catalogRoles.catalogOwner.id, principalId: principal.id, appScopeId: catalogAppScopeId(catalog.id) };
      const created = await insertRoleAssignment(trx, 'entitlementManagement', assignment, actorId(principal), now.toISOString());
      drafts.push(
        entitlementAudit('Add catalog role assignment', 'Assign', [
          catalogTarget(catalog),
          { id: created.id, displayName: catalogRoles.catalogOwner.displayName, type: 'RoleAssignment', modifiedProperties: [] },
          { id: principal.id, displayName: principal.displayName, type: 'User', userPrincipalName: principal.userPrincipalName, modifiedProperties: [] },
        ]),
      );
    }
    await recordAudit(trx, actor, now, drafts);
  }).catch(onUniqueViolation(() => duplicateCatalogName(catalog.displayName)));
  return catalog;
}
