/**
 * Remembers what `compute` gave for each text (a rule, a pattern), and forgets everything once
 * `max` texts are kept: rules are few and change rarely, but a flood of previews of ever new texts
 * must not fill the memory.
 */
export function memoByText<T>(compute: (text: string) => T, max: number): (text: string) => T {
  const kept = new Map<string, T>();
  return (text) => {
    if (kept.has(text)) return kept.get(text)!;
    if (kept.size >= max) kept.clear();
    const value = compute(text);
    kept.set(text, value);
    return value;
  };
}
