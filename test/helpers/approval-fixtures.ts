import { sql } from 'kysely';
import { expect } from 'vitest';
import { decideStage, getApproval, getRequest, lifecycleRowCounts, setManagerOf } from './lifecycle-fixtures.js';
import type { TestContext } from './test-app.js';
import { testDialect } from './test-database.js';

/** What the approval tests share: people who receive mail, refused decisions that change nothing, lock waits. */

export const userAdd = (accessPackageId: string, extra: Record<string, unknown> = {}) => ({ requestType: 'userAdd', assignment: { accessPackageId }, ...extra });
export const minuteMs = 60_000;
export const approvalRequested = /^Action required: Approve or deny request by \d{1,2} \w+ \d{4}$/;
export const forwarded = /^Action required: Approve or deny forwarded request by \d{1,2} \w+ \d{4}$/;
export const reminder = /^Action required reminder: Approve or deny the request by \d{1,2} \w+ \d{4}$/;

/** A user who receives mail: 'Ann Approver' is ann.approver@example.com. */
export function person(t: TestContext, displayName: string) {
  const address = `${displayName.toLowerCase().replace(/\W+/g, '.')}@example.com`;
  return t.addUser({ displayName, userPrincipalName: address, mail: address });
}

/** Rita Requester, whose manager is Maja Manager, whose manager is Dina Director. */
export async function managerChain(t: TestContext) {
  const rita = await person(t, 'Rita Requester');
  const manager = await person(t, 'Maja Manager');
  const director = await person(t, 'Dina Director');
  await setManagerOf(t, rita.id, manager.id);
  await setManagerOf(t, manager.id, director.id);
  return { rita, manager, director };
}

/** Waits until this many statements of the test database wait for a lock (PostgreSQL), or a moment (SQLite). */
export async function lockWaiters(t: TestContext, count: number): Promise<void> {
  if (testDialect === 'sqlite') {
    await new Promise((resolve) => setTimeout(resolve, 20));
    return;
  }
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { rows } = await sql<{ waiting: number }>`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(t.handle.db);
    if (rows[0]!.waiting >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Fewer than ${count} statements waited for a lock within 10 s.`);
}

/** The request and its approval as they stand, to prove that a refused decision changed neither. */
const snapshot = async (t: TestContext, requestId: string) => ({ request: await getRequest(t, requestId), approval: await getApproval(t, requestId), rows: await lifecycleRowCounts(t) });

/** Sends a decision that must be refused: the status, Graph's error code, and nothing changed. */
export async function expectRefusedDecision(t: TestContext, token: string, requestId: string, stageId: string, reviewResult: 'Approve' | 'Deny', status: number, code: string, justification?: string | null) {
  const before = await snapshot(t, requestId);
  const response = await decideStage(t, token, requestId, stageId, reviewResult, justification);
  expect(response.statusCode, response.body).toBe(status);
  expect(response.json().error.code).toBe(code);
  expect(await snapshot(t, requestId)).toEqual(before);
  return response.json().error;
}
