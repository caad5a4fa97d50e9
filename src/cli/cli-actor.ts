import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { systemPrincipal, type Actor } from '../domain/principal.js';

/** What the CLI's writes are attributed to: the operating-system account that ran it. */
export function cliActor(): Actor {
  let account = 'unknown';
  try {
    account = userInfo().username;
  } catch {
    // no passwd entry (containers): keep "unknown"
  }
  return { correlationId: randomUUID(), principal: systemPrincipal(`tessera-cli (${account})`) };
}
