// ASCII-only on purpose: Graph property names are ASCII, and a narrow alphabet keeps
// later SQL identifier mapping trivially safe.
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

export function isIdentifier(text: string): boolean {
  return IDENTIFIER.test(text);
}

/** A '/'-separated path of identifiers, e.g. `catalog/id`. */
export function isPropertyPath(text: string): boolean {
  return text.split('/').every(isIdentifier);
}
