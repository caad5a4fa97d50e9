import { RE2JS } from 're2js';

/**
 * The regular expressions of `-match` rules, compiled once with RE2 (linear-time matching, no
 * backtracking) and kept by their text: the parser compiles a pattern to check it, the compiler
 * uses the same object. Rules are few and change rarely; the cache is emptied if it ever grows
 * past a bound, so that previews of ever new patterns cannot fill the memory.
 */
const compiled = new Map<string, RE2JS>();
const maxKept = 2000;

/** Compiles case-insensitively, as Entra compares; throws RE2's error for a pattern it refuses. */
export function compiledPattern(pattern: string): RE2JS {
  let regex = compiled.get(pattern);
  if (!regex) {
    if (compiled.size >= maxKept) compiled.clear();
    regex = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    compiled.set(pattern, regex);
  }
  return regex;
}

/**
 * How large the patterns of one rule may be together, in RE2 instructions. Matching costs the
 * value's length times the program's size, for each user the rule meets: a million users at a
 * few hundred instructions each is a fraction of a second; at tens of thousands, minutes.
 * Everyday patterns (`^[a-z]+@contoso\.com$`) take a few dozen.
 */
export const maxProgramSize = 2000;
