import { z } from 'zod';
import { accessReportStates, type AccessReportState } from '../../domain/access-report.js';
import { ValidationError } from '../../domain/errors.js';
import { defaultPageSize, maxPageSize } from '../../http/odata/query-options.js';
import { decodeSkipToken, encodeSkipToken } from '../../http/odata/skip-token.js';
import type { ReportPosition } from './access-reports.repo.js';

/**
 * The options of the access reports: which rows (state), which format (JSON pages or one CSV
 * file) and, for JSON, which page. Anything else that looks like an OData option is refused with
 * 400, as everywhere in Tessera, so that a script never acts on a report it did not ask for.
 */
const option = (description: string) => z.string().optional().describe(description);

export const reportQuerystring = z.looseObject({
  state: option("'active' (default): roles held now, on assignments that have not ended; 'all': the whole history"),
  $format: option("'json' (default) or 'csv'; Accept: text/csv does the same"),
  $top: option('JSON page size, 1 to 999 (default 100)'),
  $skiptoken: option('Opaque paging token from @odata.nextLink'),
});

export const reportParams = z.object({ id: z.string().min(1).max(256) });

export type ReportOptions = { state: AccessReportState; format: 'json' | 'csv'; top: number; skipToken?: string };

const supported = new Set(['$format', '$top', '$skiptoken']);

export function parseReportOptions(raw: Record<string, unknown>, accept: string | undefined): ReportOptions {
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('$') && !supported.has(key.toLowerCase())) throw new ValidationError(`Query option '${key}' is not supported on this report; it takes state, $format, $top and $skiptoken.`, key);
    const known = key.startsWith('$') || key.toLowerCase() === 'state';
    if (known && typeof value !== 'string') throw new ValidationError(`Query option '${key}' may be given only once.`, key);
  }
  const value = (name: string) => Object.entries(raw).find(([key]) => key.toLowerCase() === name)?.[1] as string | undefined;

  const state = value('state') ?? 'active';
  if (!(accessReportStates as readonly string[]).includes(state)) throw new ValidationError(`Invalid value '${state}' for state: expected active or all.`, 'state');
  const format = chooseFormat(value('$format'), accept);
  const options: ReportOptions = { state: state as AccessReportState, format, top: defaultPageSize };

  const top = value('$top');
  const skipToken = value('$skiptoken');
  if (format === 'csv' && (top !== undefined || skipToken !== undefined)) {
    throw new ValidationError('The CSV export always holds every row; $top and $skiptoken page the JSON report only.', top !== undefined ? '$top' : '$skiptoken');
  }
  if (top !== undefined) {
    if (!/^\d+$/.test(top) || Number(top) < 1 || Number(top) > maxPageSize) throw new ValidationError(`Invalid value '${top}' for $top: expected a whole number from 1 to ${maxPageSize}.`, '$top');
    options.top = Number(top);
  }
  if (skipToken !== undefined) options.skipToken = skipToken;
  return options;
}

/**
 * $format wins; otherwise the Accept header decides, and CSV only when the caller prefers it to
 * JSON (a browser's or an SDK's catch-all asks for JSON, as on every other endpoint).
 */
export function chooseFormat(format: string | undefined, accept: string | undefined): 'json' | 'csv' {
  if (format !== undefined) {
    const wanted = format.trim().toLowerCase();
    if (wanted === 'csv' || wanted === 'text/csv') return 'csv';
    if (wanted === 'json' || wanted === 'application/json') return 'json';
    throw new ValidationError(`Invalid value '${format}' for $format: expected json or csv.`, '$format');
  }
  let csv = 0;
  let json = 0;
  let anything = 0;
  for (const part of (accept ?? '').split(',').slice(0, 32)) {
    const [type = '', ...parameters] = part.trim().toLowerCase().split(';');
    const q = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (!Number.isFinite(weight)) continue;
    const mediaType = type.trim();
    if (mediaType === 'text/csv') csv = Math.max(csv, weight);
    else if (mediaType === 'application/json') json = Math.max(json, weight);
    else if (mediaType === '*/*' || mediaType === 'text/*' || mediaType === 'application/*') anything = Math.max(anything, weight);
  }
  return csv > 0 && csv > json && csv >= anything ? 'csv' : 'json';
}

/**
 * Page tokens through Tessera's one skip-token format: opaque, and bound to the report they came
 * from (its subject and state), so a token cannot be replayed against another report.
 */
const tokenIdentity = (reportKey: string) => ({ orderBy: [{ property: reportKey, direction: 'asc' }] });

export function encodeReportToken(position: ReportPosition, reportKey: string): string {
  return encodeSkipToken({ after: JSON.stringify(position) }, tokenIdentity(reportKey));
}

export function decodeReportToken(token: string, reportKey: string, length: number): ReportPosition {
  const invalid = new ValidationError('The $skiptoken is not valid for this report; follow @odata.nextLink as returned.', '$skiptoken');
  const { after } = decodeSkipToken(token, tokenIdentity(reportKey));
  let position: unknown;
  try {
    position = JSON.parse(String(after));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(position) || position.length !== length || !position.every((part) => typeof part === 'string' && part.length <= 512)) throw invalid;
  return position as string[];
}
