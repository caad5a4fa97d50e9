import { stringify } from 'csv-stringify/sync';
import type { Executor } from '../../db/database.js';
import { accessReportCsvHeader, accessReportCsvRecord } from '../../domain/access-report.js';
import { accessReportPage, type ReportPosition, type ReportScope, type ReportSubject } from './access-reports.repo.js';

/** Rows read and written per step: a resource with 100,000 holders never sits in memory at once. */
export const csvChunkRows = 1000;

// RFC 4180 line ends; csv-stringify quotes whatever needs it (commas, quotes, line breaks).
const csvOptions = { record_delimiter: 'windows' } as const;

/**
 * The CSV export of a report, produced chunk by chunk as the response is written: one header
 * line, then every row. Each chunk is its own keyset query, so the export is consistent row by
 * row (each row is whole) but not one snapshot — access delivered while a long export runs may
 * or may not appear, as with any paged read.
 */
export async function* accessReportCsv(db: Executor, subject: ReportSubject, scope: ReportScope, chunkRows = csvChunkRows): AsyncGenerator<string> {
  yield stringify([accessReportCsvHeader as string[]], csvOptions);
  let after: ReportPosition | undefined;
  do {
    const page = await accessReportPage(db, subject, scope, after, chunkRows);
    if (page.rows.length) yield stringify(page.rows.map(accessReportCsvRecord), csvOptions);
    after = page.next;
  } while (after);
}
