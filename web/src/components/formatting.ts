/** Dates and durations as people read them; everything is stored and sent in UTC ISO 8601. */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export const formatDateTime = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—');
export const formatDate = (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : '—');

/** P365D → "365 days", PT8H → "8 hours": the durations policies use. */
export function formatDuration(iso: string | null | undefined): string {
  if (!iso) return '—';
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  if (!match) return iso;
  const units = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'];
  const parts = match.slice(1).flatMap((value, index) => (value && value !== '0' ? [`${value} ${units[index]}${value === '1' ? '' : 's'}`] : []));
  return parts.length ? parts.join(' ') : '0 days';
}
