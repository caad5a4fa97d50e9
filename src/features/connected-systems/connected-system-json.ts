import { connectedSystemPropertyNames, type ConnectedSystem } from '../../domain/connected-system.js';
import type { ResourceShape } from '../../http/odata/query-options.js';

/** A connected system as the API shows it: its settings, and the names of the secrets that are set (never their values). */
export function connectedSystemJson(system: ConnectedSystem): Record<string, unknown> {
  return { ...system };
}

export const connectedSystemShape: ResourceShape = { name: 'tessera.connectedSystem', properties: connectedSystemPropertyNames, expandable: {} };
