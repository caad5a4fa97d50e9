import { NotFoundError } from '../../domain/errors.js';
import type { Group } from '../../domain/group.js';
import { applyGroupChanges } from '../../domain/group-changes.js';
import type { Actor } from '../../domain/principal.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Deps } from '../deps.js';
import { groupAudit, groupTarget } from './group-audit.js';
import { findGroup, replaceGroup } from './groups.repo.js';
import type { UpdateGroupInput } from './groups.schemas.js';

export async function updateGroup(deps: Deps, actor: Actor, groupId: string, changes: UpdateGroupInput): Promise<Group> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const before = await findGroup(trx, groupId);
    if (!before) throw new NotFoundError('Group', groupId);
    const after = applyGroupChanges(before, changes);
    const target = groupTarget(after, before, after);
    // An update that changes nothing writes nothing, not even an audit entry.
    if (target.modifiedProperties.length === 0) return before;
    await replaceGroup(trx, after, now.toISOString());
    await recordAudit(trx, actor, now, groupAudit('Update group', 'Update', [target]));
    return after;
  });
}
