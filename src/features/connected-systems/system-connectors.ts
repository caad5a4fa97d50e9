import type { Connector } from '../../connectors/connector.js';
import { ldapConnector, type LdapSecrets, type LdapSettings } from '../../connectors/ldap/ldap-connector.js';
import { scimConnector, type ScimSecrets, type ScimSettings } from '../../connectors/scim/scim-connector.js';
import { webhookConnector, type WebhookSecrets, type WebhookSettings } from '../../connectors/webhook/webhook-connector.js';
import { postgresConnector, type PostgresSecrets, type PostgresSettings } from '../../connectors/postgres/postgres-connector.js';
import { originSystemOf, type ConnectedSystemKind } from '../../domain/connected-system.js';
import type { Deps } from '../deps.js';
import { connectorInputsOf, sealPlainSecrets, type ConnectorInputs } from './connected-systems.repo.js';

/** The connector of a connected system, from its settings and secrets (both checked when saved). */
export function buildConnector(kind: ConnectedSystemKind, settings: Record<string, unknown>, secrets: Record<string, string>): Connector {
  switch (kind) {
    case 'postgresql':
      return postgresConnector(settings as PostgresSettings, secrets as PostgresSecrets);
    case 'ldap':
      return ldapConnector(settings as LdapSettings, secrets as LdapSecrets);
    case 'scim':
      return scimConnector(settings as ScimSettings, secrets as ScimSecrets);
    case 'webhook':
      return webhookConnector(settings as WebhookSettings, secrets as WebhookSecrets);
  }
}

/** At start: every connected system's connector, in the registry the job worker delivers through. */
export async function loadConnectedSystems(deps: Pick<Deps, 'db' | 'connectors' | 'secrets'>): Promise<void> {
  await sealPlainSecrets(deps.db, deps.secrets);
  for (const input of await connectorInputsOf(deps.db, deps.secrets)) deps.connectors.register(input.id, connectorOf(input));
}

/** A system whose secrets do not open still has a connector: one that says so on every call (a delivery, a connection test). */
function connectorOf(input: ConnectorInputs): Connector {
  if (input.secrets) return buildConnector(input.kind, input.settings, input.secrets);
  const refuse = async (): Promise<never> => {
    throw new Error(input.unreadable);
  };
  return { originSystem: originSystemOf[input.kind], describe: refuse, discover: refuse, grant: refuse, revoke: refuse, listHolders: refuse, test: refuse, reconciliation: { holdersOf: refuse, removeHolder: refuse } };
}

/** After a change: the system's connector as saved now (or none, once deleted). */
export async function refreshConnector(deps: Pick<Deps, 'db' | 'connectors' | 'secrets'>, id: string): Promise<void> {
  const [input] = await connectorInputsOf(deps.db, deps.secrets, id);
  if (input) deps.connectors.register(id, connectorOf(input));
  else deps.connectors.unregister(id);
}
