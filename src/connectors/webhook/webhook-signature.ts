import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a webhook receiver knows a call comes from Tessera, and is not a replay. Every call carries
 * `X-Tessera-Timestamp` (Unix seconds) and `X-Tessera-Signature: v1=<hex>`, the HMAC-SHA256 of
 * `<timestamp>.<body>` under the secret both sides share; the body's `id` is unique per event.
 * A receiver checks all three with verifyWebhook (or the same steps in its own language).
 */
export const timestampHeader = 'x-tessera-timestamp';
export const signatureHeader = 'x-tessera-signature';

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type WebhookCheck = { ok: true; event: { id: string; [key: string]: unknown } } | { ok: false; reason: string };

/**
 * For receivers: accepts a call only if it is signed with the shared secret, was signed within
 * `toleranceSeconds` of now, and its event id has not been seen before (pass the same `seen` set
 * — or a store of ids kept for the tolerance window — to every call).
 */
export function verifyWebhook(secret: string, headers: Record<string, string | string[] | undefined>, body: string, seen: Set<string>, options: { toleranceSeconds?: number; now?: Date } = {}): WebhookCheck {
  const tolerance = options.toleranceSeconds ?? 300;
  const timestamp = Number(headers[timestampHeader]);
  const signature = String(headers[signatureHeader] ?? '');
  if (!Number.isInteger(timestamp)) return { ok: false, reason: 'no timestamp' };
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad signature' };
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > tolerance) return { ok: false, reason: 'too old' };
  let event: { id?: unknown };
  try {
    event = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (typeof event.id !== 'string') return { ok: false, reason: 'no event id' };
  if (seen.has(event.id)) return { ok: false, reason: 'replayed' };
  seen.add(event.id);
  return { ok: true, event: event as { id: string } };
}
