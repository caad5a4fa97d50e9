/**
 * How long a failed job waits before its next attempt: doubling from one second up to five
 * minutes, with up to a fifth more at random so that jobs which failed together (a target system
 * that was down) do not all come back in the same instant.
 */
const firstDelayMs = 1_000;
const longestDelayMs = 5 * 60_000;

export function retryDelayMs(attemptsSoFar: number, random: number): number {
  const exponential = Math.min(longestDelayMs, firstDelayMs * 2 ** Math.max(0, attemptsSoFar - 1));
  return Math.round(exponential * (1 + 0.2 * Math.min(1, Math.max(0, random))));
}
