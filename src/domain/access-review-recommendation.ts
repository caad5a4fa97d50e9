import { subtractDuration } from './duration.js';

/**
 * The recommendation shown beside each decision: Approve when the person signed in or used the
 * access within the look-back period before the instance began (30 days unless the definition
 * says otherwise), Deny otherwise, with the reason in plain words so a reviewer can judge it.
 * NotAvailable when recommendations are off.
 */
export type Recommendation = { recommendation: 'Approve' | 'Deny' | 'NotAvailable'; reason: string | null };

export const defaultLookBack = 'P30D';

export function recommend(settings: { recommendationsEnabled: boolean; recommendationLookBackDuration: string | null }, lastActivityDateTime: string | null, instanceStart: Date): Recommendation {
  if (!settings.recommendationsEnabled) return { recommendation: 'NotAvailable', reason: null };
  const lookBack = settings.recommendationLookBackDuration ?? defaultLookBack;
  const since = subtractDuration(instanceStart, lookBack);
  const days = Math.round((instanceStart.getTime() - since.getTime()) / 86_400_000);
  if (!lastActivityDateTime) return { recommendation: 'Deny', reason: 'No sign-in or use of this access has ever been recorded.' };
  const last = new Date(lastActivityDateTime);
  if (last.getTime() >= since.getTime()) return { recommendation: 'Approve', reason: `Signed in or used this access on ${lastActivityDateTime.slice(0, 10)}, within the ${days} days before the review began.` };
  return { recommendation: 'Deny', reason: `Last signed in or used this access on ${lastActivityDateTime.slice(0, 10)}: not in the ${days} days before the review began.` };
}
