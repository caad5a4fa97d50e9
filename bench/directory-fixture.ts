import type { ImportRow } from '../src/features/import/import-rows.js';

/**
 * A made-up organisation for the benchmark, the same on every run (seeded PRNG): `count` users in
 * eight departments under a management tree eight wide. The file lists reports before their
 * managers, so every manager is a forward reference, the hardest case for the import.
 */
const firstNames = ['Anna', 'Aksel', 'Amir', 'Bjørn', 'Carla', 'Dag', 'Eva', 'Farah', 'Gustav', 'Hanna', 'Ingrid', 'Jonas', 'Kari', 'Lars', 'Maja', 'Nils', 'Olav', 'Petra', 'Rune', 'Sofie', 'Tor', 'Ulla', 'Vera', 'Wenche', 'Yusuf', 'Zara'];
const surnames = ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen'];
const departments = ['Engineering', 'Sales', 'Marketing', 'Finance', 'HR', 'Operations', 'Legal', 'Support'];
const jobTitles = ['Engineer', 'Senior Engineer', 'Manager', 'Analyst', 'Consultant', 'Director', 'Specialist'];
const countries = ['NO', 'SE', 'DK', 'FI', 'DE'];

export function benchUserRows(count: number): ImportRow[] {
  const random = mulberry32(20261126);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const rows: ImportRow[] = [];
  for (let index = count - 1; index >= 0; index -= 1) {
    const given = pick(firstNames);
    const surname = pick(surnames);
    rows.push({
      line: rows.length + 2,
      fields: {
        userPrincipalName: `user${index}@bench.example`,
        displayName: `${given} ${surname}`,
        givenName: given,
        surname,
        department: pick(departments),
        jobTitle: pick(jobTitles),
        country: pick(countries),
        ...(random() < 0.3 ? { otherMails: [`user${index}@home.example`] } : {}),
        ...(index > 0 ? { manager: `user${Math.floor((index - 1) / 8)}@bench.example` } : {}),
      },
    });
  }
  return rows;
}

const csvColumns = ['userPrincipalName', 'displayName', 'givenName', 'surname', 'department', 'jobTitle', 'country', 'otherMails', 'manager'];

/** The same rows as the users CSV an operator would hand to `tessera import users`. */
export function benchUsersCsv(rows: readonly ImportRow[]): string {
  const cell = (value: unknown): string => {
    const text = Array.isArray(value) ? value.join(';') : value === undefined ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = rows.map(({ fields }) => csvColumns.map((column) => cell((fields as Record<string, unknown>)[column])).join(','));
  return `${csvColumns.join(',')}\n${lines.join('\n')}\n`;
}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
