import { oneTimeCodeRules } from '../../domain/one-time-code.js';
import { jobKinds, type OneTimeCodePayload } from '../../jobs/job-kinds.js';
import { oneJobAtATime } from '../../jobs/one-job-at-a-time.js';
import type { Deps } from '../deps.js';
import type { Mailer } from '../notifications/mailer.js';
import { layoutMessage, paragraph, rich, strong, type RenderedMessage } from '../notifications/message-layout.js';
import { findCode } from './one-time-codes.repo.js';
import { codeContext } from './request-one-time-code.js';

/** The mail with a one-time code: the code alone, what it is for, and what to do if one did not ask. */
export function oneTimeCodeMessage(code: string, publicUrl: string): RenderedMessage {
  const grouped = `${code.slice(0, 4)} ${code.slice(4)}`;
  return layoutMessage({
    subject: rich`Your sign-in code for Tessera`,
    recipientName: 'there',
    blocks: [
      paragraph`Your code is ${strong(grouped)}. Type it where you asked for it; it works once, for ${String(oneTimeCodeRules.lifetimeMs / 60_000)} minutes.`,
      paragraph`If you did not ask for a code, someone typed your address by mistake: you can ignore this message. Nobody can sign in as you without the code.`,
    ],
    about: rich`signing in at ${publicUrl}`,
  });
}

/**
 * send-one-time-code: reads the code from its row and mails it. A code used or expired by the
 * time the job runs (a retry after a long mail server outage) is not sent.
 */
export const sendOneTimeCodeHandler = (deps: Deps, mailer: Mailer, publicUrl: string) =>
  oneJobAtATime(jobKinds.sendOneTimeCode, 5, async (_deps, { codeId }: OneTimeCodePayload) => {
    const stored = await findCode(deps.db, codeId);
    if (!stored || stored.usedDateTime || Date.parse(stored.expiresDateTime) <= deps.clock().getTime()) return;
    const code = deps.secrets.open(stored.sealedCode, codeContext(stored.id, stored.email));
    await mailer.send({ to: stored.email, ...oneTimeCodeMessage(code, publicUrl) });
  })(deps);
