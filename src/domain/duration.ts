import { parse as parseIsoDuration } from 'tinyduration';

/**
 * ISO 8601 durations (P30D, PT8H, P1Y2M) as Graph uses them for expirations and deadlines.
 * Calendar units are applied in UTC so that "P1M" from 31 January lands where people expect
 * (the date arithmetic of the platform), and negative durations are refused: nothing in Tessera
 * expires in the past by configuration.
 */
export function isValidDuration(text: string): boolean {
  try {
    const duration = parseIsoDuration(text);
    return !duration.negative && Object.values(duration).some((value) => typeof value === 'number' && value > 0);
  } catch {
    return false;
  }
}

export function addDuration(start: Date, text: string): Date {
  return shiftByDuration(start, text, 1);
}

/** The moment `text` before `start` (membership rules' `system.now -minus P1Y`). */
export function subtractDuration(start: Date, text: string): Date {
  return shiftByDuration(start, text, -1);
}

function shiftByDuration(start: Date, text: string, sign: 1 | -1): Date {
  const duration = parseIsoDuration(text);
  if (duration.negative) throw new RangeError(`Negative durations are not allowed: ${text}`);
  const result = new Date(start.getTime());
  result.setUTCFullYear(result.getUTCFullYear() + sign * (duration.years ?? 0));
  result.setUTCMonth(result.getUTCMonth() + sign * (duration.months ?? 0));
  result.setUTCDate(result.getUTCDate() + sign * ((duration.weeks ?? 0) * 7 + (duration.days ?? 0)));
  const milliseconds = ((duration.hours ?? 0) * 3600 + (duration.minutes ?? 0) * 60 + (duration.seconds ?? 0)) * 1000;
  return new Date(result.getTime() + sign * milliseconds);
}
