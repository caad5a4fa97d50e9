import type { Executor } from '../../db/database.js';
import type { ImportFailure } from '../import-rows.js';
import { usersByPrincipalNames, type UserReference } from './user-import.repo.js';
import type { CreateUserInput } from './users.schemas.js';

/** A valid row of a users import: what it creates and the manager it names, if any. */
export type UserCandidate = { line: number; input: CreateUserInput; managerName: string | undefined };

/** A row to create and its manager: another row of the file, an existing user, or none. */
export type PlannedUser = { candidate: UserCandidate; manager: { row: UserCandidate } | { existing: UserReference } | null };

/**
 * Resolves each row's manager among the rows being created and the directory's existing users,
 * refuses chains that would loop, and orders the rows so that every manager from the file is
 * written before its reports. Each user is then created with its manager in one insert, which
 * keeps foreign keys satisfied without a second pass of updates. A manager problem is a failure
 * of that row's manager only: the user is still created, without one.
 */
export async function planManagers(db: Executor, creating: readonly UserCandidate[], lineByName: ReadonlyMap<string, number>, noun: string, failures: ImportFailure[]): Promise<PlannedUser[]> {
  const rowByName = new Map(creating.map((candidate, index) => [candidate.input.userPrincipalName.toLowerCase(), index]));
  const outside = creating.map((candidate) => candidate.managerName).filter((name): name is string => name !== undefined && !rowByName.has(name.toLowerCase()));
  const existing = await usersByPrincipalNames(db, outside);

  const refuse = (candidate: UserCandidate, reason: string) =>
    failures.push({ line: candidate.line, field: 'manager', message: `${reason}; the user was created without a manager` });
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
        refuse(candidate, `'${manager.input.displayName}' cannot be the manager of '${candidate.input.displayName}': the chain of managers would loop`);
        return { candidate, manager: null };
      }
      forest.attach(index, row);
      managerRow[index] = row;
      return { candidate, manager: { row: manager } };
    }
    const known = existing.get(key);
    if (known) return { candidate, manager: { existing: known } };
    const line = lineByName.get(key);
    refuse(candidate, line === undefined ? `'${candidate.managerName}' is not a user in the directory` : `'${candidate.managerName}' (${noun} ${line}) was not imported`);
    return { candidate, manager: null };
  });
  return managersFirst(plans, managerRow);
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

/** Stable order by depth in the file's own chains: top managers first, then their reports, and so on. */
function managersFirst(plans: PlannedUser[], managerRow: Int32Array): PlannedUser[] {
  const depth = new Int32Array(plans.length).fill(-1);
  const chain: number[] = [];
  let deepest = 0;
  for (let start = 0; start < plans.length; start += 1) {
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
  const byDepth: PlannedUser[][] = Array.from({ length: deepest + 1 }, () => []);
  plans.forEach((plan, index) => byDepth[depth[index]!]!.push(plan));
  return byDepth.flat();
}
