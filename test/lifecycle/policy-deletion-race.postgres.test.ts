import type { Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { holdPolicy, lockPolicy, markPolicyDeleted } from '../../src/features/assignment-policies/assignment-policies.repo.js';
import { submitRequest } from '../../src/features/assignment-requests/submit-request.js';
import { loadPrincipal } from '../../src/features/authorization/load-principal.js';
import { lockWaiters, person, userAdd } from '../helpers/approval-fixtures.js';
import { em } from '../helpers/entitlement-fixtures.js';
import { lifecycleRowCounts, packageWithGroup, requestAccess } from '../helpers/lifecycle-fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { skipReason } from '../helpers/test-database.js';

/**
 * A policy is deleted only while nothing is under way under it; a request being submitted holds
 * the policy shared until it is written. On PostgreSQL the two run side by side, so both orders
 * are played out here with a transaction held open at the right moment. (On SQLite transactions
 * run one at a time, and the question does not arise.)
 */
describe.skipIf(skipReason())('deleting a policy while a request is submitted under it (postgres)', () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
  });
  afterEach(async () => t.close());

  /** Runs `hold` in a transaction kept open until the returned function is called. */
  async function heldTransaction(hold: (trx: Transaction<Database>) => Promise<void>) {
    let release!: () => void;
    let ready!: () => void;
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    const done = t.handle.db.transaction().execute(async (trx) => {
      await hold(trx);
      ready();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isReady;
    return async () => {
      release();
      await done;
    };
  }

  it('a request being written keeps the policy from being deleted until it is', async () => {
    const { policyId } = await packageWithGroup(t);
    const commit = await heldTransaction(async (trx) => {
      expect(await holdPolicy(trx, 'postgres', policyId)).toBe(true);
    });
    const deleting = t.request(t.admin.token, { method: 'DELETE', url: `${em}/assignmentPolicies/${policyId}` });
    // Ended whatever happens, so that a failure here does not leave the database locked.
    await lockWaiters(t, 1).finally(commit);
    expect((await deleting).statusCode).toBe(204);
  });

  it('a request whose policy is deleted while it is made is refused (409 PolicyDeleted), and nothing is written', async () => {
    const { packageId, policyId } = await packageWithGroup(t);
    const rita = await person(t, 'Rita Requester');
    const before = await lifecycleRowCounts(t);
    const commit = await heldTransaction(async (trx) => {
      await lockPolicy(trx, policyId);
      await markPolicyDeleted(trx, policyId, new Date().toISOString());
    });
    const requesting = requestAccess(t, rita.token, userAdd(packageId));
    await lockWaiters(t, 1).finally(commit);
    const response = await requesting;
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().error.code).toBe('PolicyDeleted');
    expect(await lifecycleRowCounts(t)).toEqual(before);
  });

  it('a package being deleted counts a request written under one of its policies meanwhile (409), instead of deleting it from under the request', async () => {
    const { packageId } = await packageWithGroup(t);
    const rita = await person(t, 'Rita Requester');
    const principal = (await loadPrincipal(t.handle.db, rita.id))!;
    // The real submit, in a transaction kept open after the request is written.
    const commit = await heldTransaction(async (trx) => {
      await submitRequest({ ...t.deps, transact: (work) => work(trx) }, { correlationId: 'race', principal }, { requestType: 'userAdd', justification: null, answers: [], schedule: null, accessPackageId: packageId });
    });
    const deleting = t.request(t.admin.token, { method: 'DELETE', url: `${em}/accessPackages/${packageId}` });
    await lockWaiters(t, 1).finally(commit);
    const response = await deleting;
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().error.code).toBe('Request_ResourceInUse');
    const accessPackage = await t.request(t.admin.token, { method: 'GET', url: `${em}/accessPackages/${packageId}` });
    expect(accessPackage.statusCode).toBe(200);
  });
});
