/**
 * Where the portal sends someone after signing in. It comes from the address bar (?returnTo=), so
 * anyone can craft it: only a path on Tessera's own origin is kept, anything else becomes `/`.
 * Browsers read `//host`, `/\host` and `\\host` as another site (a backslash counts as a slash),
 * and drop tabs and line breaks inside URLs, so those are refused outright rather than cleaned.
 */
export const returnPathMaxLength = 1024;

export function localReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > returnPathMaxLength) return '/';
  if (!value.startsWith('/') || value.startsWith('//')) return '/';
  if (value.includes('\\')) return '/';
  // Control characters, DEL, and the C1 range; spaces are left to the browser's own encoding.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return '/';
  // A path that parses onto another origin (whatever trick got it there) is not local.
  const base = 'http://tessera.invalid';
  let parsed: URL;
  try {
    parsed = new URL(value, base);
  } catch {
    return '/';
  }
  return parsed.origin === base ? value : '/';
}
