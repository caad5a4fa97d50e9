/**
 * A membership rule that cannot be used, and where: the message names what is wrong and the
 * offending text, and `line`/`column` (both from 1) point at it, as an administrator fixing a
 * rule in an editor needs. Rules are refused whole; nothing about a refused rule is kept.
 */
export class RuleError extends Error {
  constructor(
    readonly reason: string,
    readonly position: RulePosition,
    /** The text at fault, as written ('' at the end of the rule). */
    readonly found: string,
  ) {
    super(`${reason} (line ${position.line}, column ${position.column}${found ? `, at '${found}'` : ', at the end of the rule'})`);
    this.name = 'RuleError';
  }
}

export type RulePosition = { offset: number; line: number; column: number };

/** Entra refuses rules longer than this; so does Tessera, before reading them. */
export const maxRuleLength = 3072;

/** Line and column (from 1) of an offset into the rule; a tab counts as one column. */
export function positionAt(text: string, offset: number): RulePosition {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index += 1) {
    if (text[index] === '\n') {
      line += 1;
      lineStart = index + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}
