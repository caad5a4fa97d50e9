import type { Executor } from '../../db/database.js';
import type { Group } from '../../domain/group.js';
import type { User } from '../../domain/user.js';
import { idFromODataId } from '../schema-helpers.js';
import { findUser, findUsersByIds } from '../users/users.repo.js';
import { findGroup, findGroupsByIds } from '../groups/groups.repo.js';
import type { MemberType } from './memberships.repo.js';

/** A member or owner of a group: Graph's directoryObject, narrowed to what the directory holds. */
export type DirectoryObject = { type: 'user'; user: User } | { type: 'group'; group: Group };

/** Where an @odata.id points: a collection Graph names, and the id in it. */
export type ObjectReference = { collection: 'users' | 'groups' | 'directoryObjects'; id: string };

export function parseObjectReference(odataId: string): ObjectReference | null {
  const reference = idFromODataId(odataId);
  if (!reference || !['users', 'groups', 'directoryObjects'].includes(reference.collection)) return null;
  return reference as ObjectReference;
}

/** The living user or group a reference names; a directoryObjects id may be either. */
export async function resolveReference(db: Executor, reference: ObjectReference): Promise<DirectoryObject | undefined> {
  if (reference.collection !== 'groups') {
    const user = await findUser(db, reference.id);
    if (user) return { type: 'user', user };
  }
  if (reference.collection !== 'users') {
    const group = await findGroup(db, reference.id);
    if (group) return { type: 'group', group };
  }
  return undefined;
}

export const objectId = (object: DirectoryObject) => (object.type === 'user' ? object.user.id : object.group.id);
export const objectName = (object: DirectoryObject) => (object.type === 'user' ? object.user.displayName : object.group.displayName);

/** Loads the living users and groups behind a list of ids, in the list's order. */
export async function loadDirectoryObjects(db: Executor, members: readonly { memberId: string; memberType: MemberType }[]): Promise<DirectoryObject[]> {
  const userIds = members.filter((member) => member.memberType === 'user').map((member) => member.memberId);
  const groupIds = members.filter((member) => member.memberType === 'group').map((member) => member.memberId);
  const users = new Map((await findUsersByIds(db, userIds)).map((user) => [user.id, user]));
  const groups = new Map((await findGroupsByIds(db, groupIds)).map((group) => [group.id, group]));
  const objects: DirectoryObject[] = [];
  for (const { memberId, memberType } of members) {
    const user = memberType === 'user' ? users.get(memberId) : undefined;
    const group = memberType === 'group' ? groups.get(memberId) : undefined;
    if (user) objects.push({ type: 'user', user });
    if (group) objects.push({ type: 'group', group });
  }
  return objects;
}
