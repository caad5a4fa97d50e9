import { RE2JS } from 're2js';
import { memoByText } from './memo-by-text.js';

/**
 * The regular expressions of `-match` rules, compiled once with RE2 (linear-time matching, no
 * backtracking) and kept by their text: the parser compiles a pattern to check it, the compiler
 * uses the same object. Case-insensitive, as Entra compares; throws RE2's error for a pattern it
 * refuses (not kept).
 */
export const compiledPattern = memoByText((pattern) => RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE), 2000);

/**
 * How large the patterns of one rule may be together, in RE2 instructions. Matching costs the
 * value's length times the program's size, for each user the rule meets: a million users at a
 * few hundred instructions each is a fraction of a second; at tens of thousands, minutes.
 * Everyday patterns (`^[a-z]+@contoso\.com$`) take a few dozen.
 */
export const maxProgramSize = 2000;
