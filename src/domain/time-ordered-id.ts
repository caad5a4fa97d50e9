/**
 * A UUIDv7 (RFC 9562): to clients a GUID like any other, but its first bits are the creation time,
 * so rows created together land side by side in every index that ends in the id instead of on
 * random pages. Bulk imports use it: random ids made each batch rewrite nearly every index page.
 *
 * `sequence` is a dedicated 30-bit counter (RFC 9562 §6.2, method 1) in rand_a and the top of
 * rand_b, so ids made in the same millisecond still ascend in the order they were asked for;
 * `random` supplies the remaining 44 bits (the low half of its first byte and five more).
 */
export const maxTimeOrderedSequence = 2 ** 30 - 1;

const hexOf = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function timeOrderedId(unixMilliseconds: number, sequence: number, random: Uint8Array): string {
  if (!Number.isInteger(unixMilliseconds) || unixMilliseconds < 0 || unixMilliseconds >= 2 ** 48) throw new RangeError('time out of range for a UUIDv7');
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > maxTimeOrderedSequence) throw new RangeError('sequence out of range for a UUIDv7');
  if (random.length < 6) throw new RangeError('a UUIDv7 needs 6 random bytes');
  const bytes = new Uint8Array(16);
  let time = unixMilliseconds;
  for (let index = 5; index >= 0; index -= 1) {
    bytes[index] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes[6] = 0x70 | ((sequence >>> 26) & 0x0f);
  bytes[7] = (sequence >>> 18) & 0xff;
  bytes[8] = 0x80 | ((sequence >>> 12) & 0x3f);
  bytes[9] = (sequence >>> 4) & 0xff;
  bytes[10] = ((sequence & 0x0f) << 4) | (random[0]! & 0x0f);
  bytes.set(random.subarray(1, 6), 11);
  let text = '';
  for (let index = 0; index < 16; index += 1) text += (index === 4 || index === 6 || index === 8 || index === 10 ? '-' : '') + hexOf[bytes[index]!];
  return text;
}
