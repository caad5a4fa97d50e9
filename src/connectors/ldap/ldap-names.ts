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

/**
 * A DN in one form for comparing (RFC 4514): attribute types and values lowercased, values
 * unescaped (`\,` and `\2C` are one comma; hex escapes are UTF-8 bytes), spaces around separators
 * dropped unless escaped, the parts of a multi-valued RDN in order; then escaped one way again.
 */
export function normalDn(dn: string): string {
  const rdns: string[][] = [[]];
  let type = '';
  // The value being read: its bytes, and which of them came escaped (an escaped space counts).
  let value: { bytes: number[]; escaped: boolean[] } | null = null;
  const endValue = () => {
    if (value === null) return;
    const { bytes, escaped } = value;
    let start = 0;
    let end = bytes.length;
    while (start < end && bytes[start] === 0x20 && !escaped[start]) start += 1;
    while (end > start && bytes[end - 1] === 0x20 && !escaped[end - 1]) end -= 1;
    const text = Buffer.from(bytes.slice(start, end)).toString('utf8').toLowerCase();
    rdns.at(-1)!.push(`${type.trim().toLowerCase()}=${escapeDnValue(text)}`);
    type = '';
    value = null;
  };
  const push = (bytes: Iterable<number>, wasEscaped: boolean) => {
    for (const byte of bytes) {
      value!.bytes.push(byte);
      value!.escaped.push(wasEscaped);
    }
  };
  for (let i = 0; i < dn.length; i += 1) {
    const c = dn[i]!;
    if (value === null) {
      if (c === '=') value = { bytes: [], escaped: [] };
      else type += c;
    } else if (c === '\\' && i + 1 < dn.length) {
      const hex = dn.slice(i + 1, i + 3);
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        push([parseInt(hex, 16)], true);
        i += 2;
      } else {
        push(Buffer.from(dn[i + 1]!, 'utf8'), true);
        i += 1;
      }
    } else if (c === ',' || c === '+') {
      endValue();
      if (c === ',') rdns.push([]);
    } else push(Buffer.from(c, 'utf8'), false);
  }
  endValue();
  return rdns.map((avas) => [...avas].sort().join('+')).join(',');
}
