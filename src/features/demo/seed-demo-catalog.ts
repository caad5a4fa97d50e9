import type { Actor } from '../../domain/principal.js';
import type { Deps } from '../deps.js';

/**
 * The IT catalog with the "New hire in IT" package, built through the catalog and access-package
 * use cases. Filled in once those use cases exist (same issue).
 */
export async function seedDemoCatalog(_deps: Deps, _actor: Actor, _groupIds: Map<string, string>): Promise<void> {
  // Completed below when the catalog use cases land.
}
