import type { Principal } from './principal.js';

/** The id recorded as "who did it" on history rows: a user's id, or the system's name. */
export function actorId(principal: Principal): string {
  return principal.kind === 'user' ? principal.id : `system:${principal.name}`;
}
