import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';
import { csvRecordToFields, type CsvColumns, type ImportFailure, type ImportRow } from '../features/import/import-rows.js';

/**
 * Reads the file given to `tessera import`: CSV (a header of Graph property names, then one row a
 * line) or JSON (an array of objects, or Graph's own `{"value": […]}`). Rows keep their place in
 * the file so that every problem names the line (CSV) or item (JSON) to fix.
 */
export const maxImportFileBytes = 200 * 1024 * 1024;
/** JSON is parsed whole, which takes several times the file's size in memory; CSV is streamed. */
export const maxJsonFileBytes = 64 * 1024 * 1024;

export type ImportSource = { format: 'csv' | 'json'; rows: ImportRow[]; rejected: ImportFailure[] };

/** The file cannot be read as an import at all (exit code 2); problems of single rows are not this. */
export class ImportFileError extends Error {}

export async function readImportFile(path: string, columns: CsvColumns): Promise<ImportSource> {
  const extension = extname(path).toLowerCase();
  if (extension !== '.csv' && extension !== '.json') throw new ImportFileError(`'${path}' is neither CSV nor JSON: the file name must end in .csv or .json.`);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ImportFileError(`'${path}' is not a file.`);
    size = info.size;
  } catch (error) {
    throw error instanceof ImportFileError ? error : new ImportFileError(`cannot read '${path}': ${describeFileError(error)}`);
  }
  if (size > maxImportFileBytes) throw new ImportFileError(`'${path}' is ${(size / 1024 / 1024).toFixed(0)} MB; files over ${maxImportFileBytes / 1024 / 1024} MB are refused: split it into several imports.`);
  if (extension === '.json' && size > maxJsonFileBytes) {
    throw new ImportFileError(`'${path}' is ${(size / 1024 / 1024).toFixed(0)} MB; JSON files over ${maxJsonFileBytes / 1024 / 1024} MB are refused, as JSON is read whole: save it as CSV (read as it streams, up to ${maxImportFileBytes / 1024 / 1024} MB) or split it into several imports.`);
  }
  if (size === 0) throw new ImportFileError(`'${path}' is empty.`);
  try {
    return extension === '.csv' ? await readCsv(path, columns) : await readJson(path);
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    if (String((error as { code?: unknown }).code).startsWith('CSV_')) throw new ImportFileError(`'${path}' is not valid CSV: ${(error as Error).message}`);
    throw new ImportFileError(`cannot read '${path}': ${describeFileError(error)}`);
  }
}

function describeFileError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return (error as Error).message;
}

async function readJson(path: string): Promise<ImportSource> {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ImportFileError(`'${path}' is not valid JSON: ${describeJsonError(text, error as Error)}`);
  }
  const items = Array.isArray(document) ? document : (document as { value?: unknown } | null)?.value;
  if (!Array.isArray(items)) throw new ImportFileError(`'${path}' must hold a JSON array of objects, or an object whose "value" is one (as Graph returns collections).`);
  return { format: 'json', rows: items.map((fields, index) => ({ line: index + 1, fields })), rejected: [] };
}

/** V8 says where JSON broke as a character position; people look for a line and column. */
function describeJsonError(text: string, error: Error): string {
  const position = /at position (\d+)/.exec(error.message);
  if (!position) return error.message;
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${error.message.replace(/ in JSON at position \d+.*$/s, '')} at line ${line}, column ${column} (position ${offset})`;
}

async function readCsv(path: string, columns: CsvColumns): Promise<ImportSource> {
  let width = 0;
  const lines = new RecordLines();
  const parser = createReadStream(path, { encoding: 'utf8' })
    .pipe(lines)
    .pipe(
      parse({
        bom: true,
        columns: (header: string[]) => {
          width = header.length;
          return checkHeader(header, columns);
        },
        // The same line breaks RecordLines counts, so that both see the same records.
        record_delimiter: ['\r\n', '\n', '\r'],
        relax_column_count: true,
        skip_empty_lines: true,
        trim: true,
        info: true,
      }),
    );
  const rows: ImportRow[] = [];
  const rejected: ImportFailure[] = [];
  let index = 1; // record 0 is the header
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { error?: { record?: unknown[] } } }>) {
    const line = lines.startOf(index++);
    if (info.error) {
      rejected.push({ line, field: '(row)', message: `has ${info.error.record?.length ?? 'a different number of'} fields; the header has ${width}` });
      continue;
    }
    rows.push({ line, fields: csvRecordToFields(record, columns) });
  }
  // csv-parse asks for the header check only when there is a header; a blank file has none.
  if (width === 0) throw new ImportFileError(`'${path}' has no header line.`);
  return { format: 'csv', rows, rejected };
}

/**
 * Passes the text through and notes the physical line on which each CSV record starts. csv-parse
 * counts lines itself, but drifts on a CRLF inside a quoted cell and on blank or whitespace-only
 * lines it skips; the operator needs the line their editor shows. \r\n, \r and \n are each one
 * break; a record starts at its first non-blank character outside quotes, and breaks inside
 * quotes belong to the cell.
 */
export class RecordLines extends Transform {
  private readonly starts: number[] = [];
  private line = 1;
  private quoted = false;
  private inRecord = false;
  private afterCr = false;

  constructor() {
    super({ decodeStrings: false, encoding: 'utf8' });
  }

  /** The line the index-th record (0 = the header) starts on. */
  startOf(index: number): number {
    return this.starts[index] ?? this.line;
  }

  override _transform(chunk: string, _encoding: BufferEncoding, done: TransformCallback): void {
    for (let at = 0; at < chunk.length; at += 1) {
      const code = chunk.charCodeAt(at);
      const afterCr = this.afterCr;
      this.afterCr = code === 13;
      if (code === 10 || code === 13) {
        if (!(code === 10 && afterCr)) this.line += 1;
        if (!this.quoted) this.inRecord = false;
      } else if (code === 34) {
        this.startRecord();
        // A doubled quote inside a quoted cell toggles twice, which leaves it quoted.
        this.quoted = !this.quoted;
      } else if (!this.inRecord && !isBlank(code)) {
        this.startRecord();
      }
    }
    done(null, chunk);
  }

  private startRecord(): void {
    if (this.inRecord) return;
    this.inRecord = true;
    this.starts.push(this.line);
  }
}

/** Space, tab, vertical tab, form feed, no-break space and the byte-order mark, which trim removes. */
function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 11 || code === 12 || code === 160 || code === 0xfeff;
}

function checkHeader(header: string[], columns: CsvColumns): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [index, name] of header.entries()) {
    if (name === '') problems.push(`column ${index + 1} has no name`);
    else if (seen.has(name)) problems.push(`column '${name}' appears twice`);
    else if (!columns.known.includes(name)) problems.push(`unknown column '${name}'`);
    seen.add(name);
  }
  if (problems.length > 0) {
    // Fifteen extension attributes would drown the list; one stands for all.
    const names = columns.known.filter((name) => !/^onPremisesExtensionAttributes\.extensionAttribute([2-9]|1\d)$/.test(name));
    const listed = names.map((name) => (name.endsWith('extensionAttribute1') ? `${name}…15` : name));
    throw new ImportFileError(`the header (line 1) is not usable: ${problems.join('; ')}. Columns are Graph property names: ${listed.join(', ')}.`);
  }
  return header;
}
