import { compileRule, type CompiledRule } from '../../rules/rule-compiler.js';
import { RuleError } from '../../rules/rule-error.js';
import { memoByText } from '../../rules/memo-by-text.js';

/**
 * Compiled rules by their text. Every change to a user is tested against every processed rule,
 * and parsing a thousand rules for each change would cost more than testing them; a rule's text
 * is all its compiled form depends on.
 */
const compiled = memoByText((text): CompiledRule | null => {
  try {
    return compileRule(text);
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    return null;
  }
}, 20_000);

/** The compiled rule, or undefined for a stored rule that does not parse (saved before rules were checked). */
export function compiledRule(text: string): CompiledRule | undefined {
  return compiled(text) ?? undefined;
}
