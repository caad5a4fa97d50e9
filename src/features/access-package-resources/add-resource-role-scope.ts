import type { Executor } from '../../db/database.js';
import { onUniqueViolation } from '../../db/dialect.js';
import { actorId } from '../../domain/actor-id.js';
import { assertRoleScopeConsistent, type AccessPackage, type ResourceRoleScope } from '../../domain/access-package.js';
import type { CatalogResource, ResourceRole, ResourceScope } from '../../domain/catalog-resource.js';
import { ConflictError, NotFoundError, TargetSystemError, ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/principal.js';
import { groupRoleOriginId, isDynamicGroup } from '../../domain/group.js';
import { findGroup } from '../groups/groups.repo.js';
import { accessPackageTarget } from '../access-packages/access-package-audit.js';
import { findAccessPackage, lockAccessPackage } from '../access-packages/access-packages.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import { findCatalogResource, findCatalogResourceByOrigin, findResourcesByIds, lockResource } from '../catalog-resources/catalog-resources.repo.js';
import { resourceTarget } from '../catalog-resources/resource-audit.js';
import { findCatalogRole, findCatalogScope, findRoleByOrigin, findScopeByOrigin } from '../catalog-resources/resource-roles.repo.js';
import { entitlementAudit } from '../catalogs/catalog-audit.js';
import type { Deps } from '../deps.js';
import { findEquivalentRoleScope, insertRoleScope } from './resource-role-scopes.repo.js';
import type { CreateRoleScopeInput, ResourceReference } from './resource-role-scopes.schemas.js';

const duplicate = () => new ConflictError('The access package already has this role in this scope.', 'role');
const notInCatalog = (what: string, id: string, target: string) => new ValidationError(`The ${what} '${id}' is not in the access package's catalog.`, target);

export type AddedRoleScope = { roleScope: ResourceRoleScope; role: ResourceRole; scope: ResourceScope };

export async function addResourceRoleScope(deps: Deps, actor: Actor, accessPackageId: string, input: CreateRoleScopeInput): Promise<AddedRoleScope> {
  const now = deps.clock();
  await refuseRoleNoLongerOffered(deps, accessPackageId, input.role);
  return deps.db.transaction().execute(async (trx) => {
    // Locked before it is read, as deletion does: no role scope is added to a package being deleted.
    await lockAccessPackage(trx, accessPackageId);
    const accessPackage = await findAccessPackage(trx, accessPackageId);
    if (!accessPackage) throw new NotFoundError('Access package', accessPackageId);
    const { role, resource: roleResource } = await resolveRole(trx, accessPackage, input.role);
    const scope = await resolveScope(trx, accessPackage, roleResource, input.scope);
    // Held until commit, so the resource cannot leave the catalog while this role scope is added.
    await lockResource(trx, roleResource.id);
    const [lockedResource] = await findResourcesByIds(trx, [roleResource.id]);
    const [scopeResource] = scope.resourceId === roleResource.id ? [lockedResource] : await findResourcesByIds(trx, [scope.resourceId]);
    assertRoleScopeConsistent({ packageCatalogId: accessPackage.catalogId, role, roleResource: lockedResource!, scope, scopeResource: scopeResource! });
    await refuseMemberOfDynamicGroup(trx, lockedResource!, role);
    if (await findEquivalentRoleScope(trx, accessPackage.id, role.id, scope.id)) throw duplicate();
    const roleScope = await insertRoleScope(trx, accessPackage.id, role.id, scope.id, actorId(actor.principal), now.toISOString());
    await recordAudit(trx, actor, now, {
      ...entitlementAudit('Add resource role scope to access package', 'Add', [accessPackageTarget(accessPackage), resourceTarget(lockedResource!)]),
      additionalDetails: [
        { key: 'roleOriginId', value: role.originId },
        { key: 'scopeOriginId', value: scope.originId },
      ],
    });
    return { roleScope, role, scope };
  }).catch(onUniqueViolation(duplicate));
}

/**
 * A catalog keeps the roles its resources offered when they were added; the connected system may
 * have changed since (a group made dynamic offers no Member role: its rule decides its members).
 * Asked before the transaction opens, since connectors are never called inside one. Errors of
 * the reference itself are left to the checks in the transaction.
 */
async function refuseRoleNoLongerOffered(deps: Deps, accessPackageId: string, reference: CreateRoleScopeInput['role']): Promise<void> {
  const accessPackage = await findAccessPackage(deps.db, accessPackageId);
  if (!accessPackage) return;
  const found = await resolveRole(deps.db, accessPackage, reference).catch((error: unknown) => {
    if (error instanceof ValidationError) return undefined;
    throw error;
  });
  const connector = found && deps.connectors.forEnvironment(found.resource.environmentId);
  if (!found || !connector) return;
  const described = await connector.describe(found.resource.originId).catch((error: unknown) => {
    throw new TargetSystemError(error instanceof Error ? error.message : String(error));
  });
  if (!described) throw new ValidationError(`The resource '${found.resource.displayName}' no longer exists in its system.`, 'role');
  if (!described.roles.some((role) => role.originId === found.role.originId)) {
    throw new ValidationError(`The resource '${found.resource.displayName}' no longer offers the role '${found.role.displayName}'.`, 'role');
  }
}

/**
 * The built-in directory lives in this database, so for its groups the connector's answer is read
 * again here, under the resource's lock, which making a group dynamic takes too: a group made
 * dynamic between the connector's answer and this transaction is seen.
 */
async function refuseMemberOfDynamicGroup(trx: Executor, resource: CatalogResource, role: ResourceRole): Promise<void> {
  if (resource.originSystem !== 'AadGroup' || role.originId !== groupRoleOriginId('Member', resource.originId)) return;
  const group = await findGroup(trx, resource.originId);
  if (group && isDynamicGroup(group)) throw new ValidationError(`The resource '${resource.displayName}' no longer offers the role '${role.displayName}'.`, 'role');
}

/**
 * Everything is looked up in the package's catalog only: what another catalog holds is, to a
 * curator of this one, something that does not exist (no name of it in an error message).
 */
async function resolveResource(db: Executor, accessPackage: AccessPackage, reference: ResourceReference | undefined, fallbackOriginSystem: string | undefined, target: string): Promise<CatalogResource | undefined> {
  if (!reference) return undefined;
  if (reference.id) {
    const resource = await findCatalogResource(db, accessPackage.catalogId, reference.id);
    if (!resource) throw notInCatalog('resource', reference.id, `${target}.id`);
    return resource;
  }
  const originSystem = reference.originSystem ?? fallbackOriginSystem;
  if (!reference.originId || !originSystem) throw new ValidationError(`Name ${target} by its id, or by originSystem and originId.`, target);
  const resource = await findCatalogResourceByOrigin(db, accessPackage.catalogId, originSystem, reference.originId);
  if (!resource) throw notInCatalog('resource', reference.originId, `${target}.originId`);
  return resource;
}

async function resolveRole(db: Executor, accessPackage: AccessPackage, reference: CreateRoleScopeInput['role']): Promise<{ role: ResourceRole; resource: CatalogResource }> {
  let role: ResourceRole | undefined;
  let resource = await resolveResource(db, accessPackage, reference.resource, reference.originSystem, 'role.resource');
  if (reference.id) {
    role = await findCatalogRole(db, accessPackage.catalogId, reference.id);
    if (!role) throw notInCatalog('resource role', reference.id, 'role.id');
    if (resource && resource.id !== role.resourceId) throw new ValidationError(`The role '${reference.id}' is not a role of the resource given.`, 'role.resource.id');
  } else {
    if (!reference.originId) throw new ValidationError('Name the role by its id, or by originId with its resource.', 'role.originId');
    if (!resource) throw new ValidationError('Name the resource of the role (role.resource.id).', 'role.resource');
    role = await findRoleByOrigin(db, resource.id, reference.originId);
    if (!role) throw new ValidationError(`The resource '${resource.displayName}' has no role '${reference.originId}'.`, 'role.originId');
  }
  if (reference.originId && reference.originId !== role.originId) throw new ValidationError(`role.originId '${reference.originId}' does not match role '${role.id}'.`, 'role.originId');
  if (reference.originSystem && reference.originSystem !== role.originSystem) throw new ValidationError(`The role comes from '${role.originSystem}', not '${reference.originSystem}'.`, 'role.originSystem');
  resource ??= (await findResourcesByIds(db, [role.resourceId]))[0]!;
  return { role, resource };
}

async function resolveScope(db: Executor, accessPackage: AccessPackage, roleResource: CatalogResource, reference: CreateRoleScopeInput['scope']): Promise<ResourceScope> {
  let scope: ResourceScope | undefined;
  if (reference.id) {
    scope = await findCatalogScope(db, accessPackage.catalogId, reference.id);
    if (!scope) throw notInCatalog('resource scope', reference.id, 'scope.id');
  } else {
    if (!reference.originId) throw new ValidationError('Name the scope by its id, or by originId.', 'scope.originId');
    // A scope named only by originId is looked up in the role's resource, as Graph does.
    const resource = (await resolveResource(db, accessPackage, reference.resource, reference.originSystem, 'scope.resource')) ?? roleResource;
    scope = await findScopeByOrigin(db, resource.id, reference.originId);
    if (!scope) throw new ValidationError(`The resource '${resource.displayName}' has no scope '${reference.originId}'.`, 'scope.originId');
  }
  if (reference.originSystem && reference.originSystem !== scope.originSystem) throw new ValidationError(`The scope comes from '${scope.originSystem}', not '${reference.originSystem}'.`, 'scope.originSystem');
  return scope;
}
