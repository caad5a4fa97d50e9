/**
 * Escaping for LDAP, so that no user text changes the meaning of a filter or a DN: RFC 4515 for
 * filter values (`*`, `(`, `)`, `\` and NUL become \2a, \28, \29, \5c, \00), RFC 4514 for attribute
 * values in a DN (`,`, `+`, `"`, `\`, `<`, `>`, `;`, `=`, a leading `#` or space, a trailing space).
 */
export function escapeFilterValue(value: string): string {
  return value.replace(/[*()\\\u0000]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function escapeDnValue(value: string): string {
  let escaped = value.replace(/[,+"\\<>;=\u0000]/g, (c) => (c === '\u0000' ? '\\00' : `\\${c}`));
  if (/^[ #]/.test(escaped)) escaped = `\\${escaped}`;
  if (/ $/.test(escaped) && !/\\ $/.test(escaped)) escaped = `${escaped.slice(0, -1)}\\ `;
  return escaped;
}

/** DNs compare without regard to case or the spaces around separators, as directories compare them. */
export function sameDn(a: string, b: string): boolean {
  return normalDn(a) === normalDn(b);
}

export function normalDn(dn: string): string {
  return dn.toLowerCase().replace(/\s*([,=+])\s*/g, '$1');
}
