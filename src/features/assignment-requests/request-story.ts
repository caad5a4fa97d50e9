import type { Executor } from '../../db/database.js';
import type { AssignmentRequest } from '../../domain/assignment-request.js';
import { findAccessPackagesByIds } from '../access-packages/access-packages.repo.js';
import type { NotificationFacts } from '../notifications/notification.js';
import { findUsersByIds } from '../users/users.repo.js';
import type { Named } from './lifecycle-audit.js';

/**
 * What every later step of a request tells about it — in its audit entries and its mail: the
 * package by name, who it is for, who asked and why (the requester's justification; an
 * approver's reason travels separately, as `reason`).
 */
export type RequestStory = { accessPackage: Named; facts: NotificationFacts };

export async function requestStory(db: Executor, request: AssignmentRequest): Promise<RequestStory> {
  const [accessPackage] = await findAccessPackagesByIds(db, [request.accessPackageId]);
  const people = new Map((await findUsersByIds(db, [request.targetId, ...(request.requestorId ? [request.requestorId] : [])])).map((user) => [user.id, user]));
  const named = { id: request.accessPackageId, displayName: accessPackage?.displayName ?? request.accessPackageId };
  return {
    accessPackage: named,
    facts: {
      accessPackageId: named.id,
      accessPackageDisplayName: named.displayName,
      requestId: request.id,
      targetDisplayName: people.get(request.targetId)?.displayName,
      requestorDisplayName: request.requestorId ? people.get(request.requestorId)?.displayName : 'Tessera',
      justification: request.justification,
    },
  };
}
