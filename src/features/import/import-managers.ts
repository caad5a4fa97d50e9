import type { Executor } from '../../db/database.js';
import type { ImportFailure } from './import-rows.js';
import { usersByPrincipalNames, type UserReference } from './user-import.repo.js';
import type { CreateUserInput } from '../users/users.schemas.js';

/** A valid row of a users import: what it creates and the manager it names, if any. */
export type UserCandidate = { line: number; input: CreateUserInput; managerName: string | undefined };

/** A row to create and its manager: another row of the file, an existing user, or none. */
export type PlannedUser = { candidate: UserCandidate; manager: { row: UserCandidate } | { existing: UserReference } | null };

/**
 * Resolves each row's manager among the rows being created and the directory's existing users,
 * refuses chains that would loop, and orders the rows so that every manager from the file is
 * written before its reports. Each user is then created with its manager in one insert, which
 * keeps foreign keys satisfied without a second pass of updates. A row whose manager cannot be
 * set is refused whole, and so in turn is every row below it in the file's chains: creating them
 * without a manager would leave a half-imported row that a corrected re-run could not fix, as
 * the user would by then exist.
 */
export async function planManagers(db: Executor, creating: readonly UserCandidate[], lineByName: ReadonlyMap<string, number>, noun: string, failures: ImportFailure[]): Promise<PlannedUser[]> {
  const rowByName = new Map(creating.map((candidate, index) => [candidate.input.userPrincipalName.toLowerCase(), index]));
  const outside = creating.map((candidate) => candidate.managerName).filter((name): name is string => name !== undefined && !rowByName.has(name.toLowerCase()));
  const existing = await usersByPrincipalNames(db, outside);

  const refused = new Uint8Array(creating.length);
  const refuse = (index: number, message: string) => {
    refused[index] = 1;
    failures.push({ line: creating[index]!.line, field: 'manager', message });
  };
  const forest = managerForest(creating.length);
  // managerRow[i]: the index of row i's manager among the rows, or -1.
  const managerRow = new Int32Array(creating.length).fill(-1);
  const plans = creating.map((candidate, index): PlannedUser => {
    if (candidate.managerName === undefined) return { candidate, manager: null };
    const key = candidate.managerName.toLowerCase();
    const row = rowByName.get(key);
    if (row !== undefined) {
      const manager = creating[row]!;
      if (forest.find(row) === index) {
        refuse(index, `'${manager.input.displayName}' cannot be the manager of '${candidate.input.displayName}': the chain of managers would loop`);
        return { candidate, manager: null };
      }
      forest.attach(index, row);
      managerRow[index] = row;
      return { candidate, manager: { row: manager } };
    }
    const known = existing.get(key);
    if (known) return { candidate, manager: { existing: known } };
    const line = lineByName.get(key);
    refuse(index, line === undefined ? `'${candidate.managerName}' is not a user in the directory` : `'${candidate.managerName}' (${noun} ${line}) was not imported`);
    return { candidate, manager: null };
  });
  const ordered = managersFirst(managerRow);
  // Managers come before their reports, so one pass carries a refusal down every chain.
  for (const index of ordered) {
    const row = managerRow[index]!;
    if (row === -1 || refused[index] || !refused[row]) continue;
    const manager = creating[row]!;
    refuse(index, `'${manager.input.userPrincipalName}' (${noun} ${manager.line}) was not imported`);
  }
  return ordered.filter((index) => !refused[index]).map((index) => plans[index]!);
}

/**
 * Loop detection without a query per row. Existing users never report to users of this file, so a
 * loop can only close among the file's rows: each row gets a manager once, and making M the
 * manager of U loops exactly when U is already at the top of M's chain. Union-find with path
 * compression keeps each check near-constant even for deep chains.
 */
function managerForest(size: number) {
  const above = new Int32Array(size).fill(-1);
  const find = (start: number): number => {
    let top = start;
    while (above[top]! !== -1) top = above[top]!;
    for (let current = start; current !== top; ) {
      const next = above[current]!;
      above[current] = top;
      current = next;
    }
    return top;
  };
  return { find, attach: (report: number, manager: number) => void (above[report] = manager) };
}

/** Row indexes in a stable order by depth in the file's own chains: top managers first, then their reports, and so on. */
function managersFirst(managerRow: Int32Array): number[] {
  const depth = new Int32Array(managerRow.length).fill(-1);
  const chain: number[] = [];
  let deepest = 0;
  for (let start = 0; start < managerRow.length; start += 1) {
    // Walk up iteratively (chains can be thousands deep), then fill the depths back down.
    let current = start;
    while (current !== -1 && depth[current] === -1) {
      chain.push(current);
      current = managerRow[current]!;
    }
    let below = current === -1 ? -1 : depth[current]!;
    while (chain.length > 0) depth[chain.pop()!] = ++below;
    deepest = Math.max(deepest, below);
  }
  const byDepth: number[][] = Array.from({ length: deepest + 1 }, () => []);
  for (let index = 0; index < managerRow.length; index += 1) byDepth[depth[index]!]!.push(index);
  return byDepth.flat();
}
