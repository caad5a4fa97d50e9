import { compileRule, type CompiledRule } from '../../rules/rule-compiler.js';
import { RuleError } from '../../rules/rule-error.js';

/**
 * Compiled rules by their text. Every change to a user is tested against every processed rule,
 * and parsing a thousand rules for each change would cost more than testing them; a rule's text
 * is all its compiled form depends on. Bounded: past the limit the cache starts again.
 */
const cache = new Map<string, CompiledRule | null>();
const maxRules = 20_000;

/** The compiled rule, or undefined for a stored rule that does not parse (saved before rules were checked). */
export function compiledRule(text: string): CompiledRule | undefined {
  let rule = cache.get(text);
  if (rule === undefined) {
    if (cache.size >= maxRules) cache.clear();
    try {
      rule = compileRule(text);
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      rule = null;
    }
    cache.set(text, rule);
  }
  return rule ?? undefined;
}
