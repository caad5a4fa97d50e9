import type { z } from 'zod';

/**
 * What the bulk imports (users, groups) share: a row is one Graph-shaped object from a file, kept
 * with where it came from so that every problem can be reported against the line the operator
 * has to fix; a bad row never stops the good ones.
 */
export type ImportRow = {
  /** CSV: the physical line in the file (header = 1); JSON: the item's position, from 1. */
  line: number;
  fields: unknown;
};

export type ImportFailure = { line: number; field: string; message: string };

export type ImportResult = { created: number; failed: ImportFailure[] };

/**
 * A write failed partway through an import (the database went away, a disk filled). The batches
 * committed before it stay, each whole with its audit entries; this says how far the import got,
 * so that the operator knows what is in the directory. Importing the same file again creates the
 * rest, as the rows already created are then refused as existing.
 */
export class ImportInterruptedError extends Error {
  constructor(
    readonly created: number,
    /** The line (or item) of the last row written, in write order; null when nothing was. */
    readonly lastCommittedLine: number | null,
    readonly failed: ImportFailure[],
    options: { cause: unknown },
  ) {
    super(`the import stopped after creating ${created}: ${options.cause instanceof Error ? options.cause.message : String(options.cause)}`, options);
    this.name = 'ImportInterruptedError';
  }
}

export type ImportOptions = {
  /** Called as work completes; `done` reaches `total` when the import is finished. */
  onProgress?: (done: number, total: number) => void;
  /** How messages name another row of the same file: "line 7" (CSV) or "item 7" (JSON). */
  rowNoun?: 'line' | 'item';
};

/**
 * Which CSV columns hold something other than one text value. CSV cells are text, so lists are
 * `;`-separated and booleans are spelled true/false; a column `a.b` fills property b of object a.
 */
export type CsvColumns = {
  known: readonly string[];
  lists: readonly string[];
  booleans: readonly string[];
};

/** A CSV record (column → cell text) as the Graph-shaped object a JSON file would have held. */
export function csvRecordToFields(record: Record<string, string | undefined>, columns: CsvColumns): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(record)) {
    // An empty cell means "not given", so that the property takes its default.
    if (cell === undefined || cell.trim() === '') continue;
    let value: unknown = cell;
    if (columns.lists.includes(column)) {
      value = cell.split(';').map((item) => item.trim()).filter((item) => item !== '');
    } else if (columns.booleans.includes(column) && /^(true|false)$/i.test(cell.trim())) {
      value = cell.trim().toLowerCase() === 'true';
    }
    const dot = column.indexOf('.');
    if (dot === -1) {
      fields[column] = value;
    } else {
      const parent = column.slice(0, dot);
      const nested = (fields[parent] ??= {}) as Record<string, unknown>;
      nested[column.slice(dot + 1)] = value;
    }
  }
  return fields;
}

/** Turns a schema's complaints about one row into failures naming the field the operator must fix. */
export function failuresFromIssues(line: number, issues: readonly z.core.$ZodIssue[], input: unknown, entity: string): ImportFailure[] {
  const failures: ImportFailure[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) failures.push({ line, field: fieldName([...path, key]), message: `is not a property of a ${entity}` });
      continue;
    }
    if (path.length === 0 && issue.code === 'invalid_type') {
      failures.push({ line, field: '(row)', message: `must be an object with the ${entity}'s properties` });
      continue;
    }
    failures.push({ line, field: fieldName(path), message: messageFor(issue, valueAt(input, issue.path)) });
  }
  return failures;
}

function messageFor(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
  if (issue.code !== 'invalid_type') return issue.message;
  if (value === undefined) return 'is required';
  if (issue.expected === 'boolean') return 'must be true or false';
  if (issue.expected === 'array') return 'must be a list';
  return issue.message;
}

function fieldName(path: readonly string[]): string {
  return path.map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : index === 0 ? part : `.${part}`)).join('') || '(row)';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

export function* inBatches<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/** Failures in file order, and a row's several problems in the order they were found. */
export function byLine(failures: ImportFailure[]): ImportFailure[] {
  return failures.map((failure, index) => ({ failure, index })).sort((a, b) => a.failure.line - b.failure.line || a.index - b.index).map(({ failure }) => failure);
}

/** How many rows had at least one problem. */
export function failedRowCount(failures: readonly ImportFailure[]): number {
  return new Set(failures.map((failure) => failure.line)).size;
}
