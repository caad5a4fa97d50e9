import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { em } from '../helpers/entitlement-fixtures.js';
import {
  approvalStages,
  auditActivitiesOf,
  dayMs,
  decideStage,
  failGrants,
  getApproval,
  getRequest,
  isMember,
  lifecycleRowCounts,
  mailTo,
  packageWithGroup,
  requestAccess,
  singleUser,
  stage,
  submitted,
  twoPackagesForOneGroup,
} from '../helpers/lifecycle-fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { skipReason, testDialect } from '../helpers/test-database.js';

const userAdd = (accessPackageId: string, extra: Record<string, unknown> = {}) => ({ requestType: 'userAdd', assignment: { accessPackageId }, ...extra });
const minuteMs = 60_000;
const selfService = { enableTargetsToSelfAddAccess: true, enableTargetsToSelfUpdateAccess: true, enableTargetsToSelfRemoveAccess: true };
const thirtyDays = { type: 'afterDuration', duration: 'P30D' };
const expiringSoon = /^Extend access for Sales tools by \d{1,2} \w+ \d{4}$/;
const iso = (at: number) => new Date(at).toISOString();

describe.skipIf(skipReason())(`assignments that end, are extended, shared, scheduled or fail to deliver (${testDialect})`, () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
  });
  afterEach(async () => t.close());

  const rita = () => t.addUser({ displayName: 'Rita Requester', userPrincipalName: 'rita@example.com', mail: 'rita@example.com' });
  /** Moves the test clock to an absolute time (never backwards). */
  const moveTo = (at: number) => {
    expect(at).toBeGreaterThanOrEqual(t.clock().getTime());
    t.clock.advance(at - t.clock().getTime());
  };
  const getAssignment = async (id: string) => {
    const response = await t.request(t.admin.token, { method: 'GET', url: `${em}/assignments/${id}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  /** A userAdd, delivered; returns the request and its assignment's id. */
  async function delivered(token: string, packageId: string) {
    const created = await submitted(t, token, userAdd(packageId));
    await t.jobs.drain();
    const request = await getRequest(t, created.id);
    expect(request.state, JSON.stringify(request)).toBe('delivered');
    return { requestId: created.id as string, assignmentId: request.assignment.id as string };
  }

  it('ends an afterDuration assignment 30 days after delivery, warns 14 days and 1 day before, then removes the access', async () => {
    const ann = await t.addUser({ displayName: 'Ann Approver', mail: 'ann@example.com' });
    const requester = await rita();
    const { packageId, group } = await packageWithGroup(t, { expiration: thirtyDays, requestApprovalSettings: approvalStages([stage([singleUser(ann.id)])]) });
    const created = await submitted(t, requester.token, userAdd(packageId));

    // The approval takes two days; the thirty days count from delivery.
    t.clock.advance(2 * dayMs);
    expect((await decideStage(t, ann.token, created.id, (await getApproval(t, created.id)).stages[0].id, 'Approve')).statusCode).toBe(204);
    await t.jobs.drain();
    const deliveredAt = t.clock().getTime();
    const request = await getRequest(t, created.id);
    expect(request).toMatchObject({ state: 'delivered', assignment: { state: 'delivered', status: 'Delivered', expiredDateTime: null } });
    const end = deliveredAt + 30 * dayMs;
    expect(request.assignment.schedule).toMatchObject({ startDateTime: iso(deliveredAt), expiration: { endDateTime: iso(end) } });
    expect(request.assignment.schedule.expiration.endDateTime).not.toBe(iso(Date.parse(created.createdDateTime) + 30 * dayMs));
    const assignmentId = request.assignment.id;
    expect(await isMember(t, group.id, requester.id)).toBe(true);

    const reminders = () => mailTo(t, 'rita@example.com').filter((subject) => expiringSoon.test(subject));
    moveTo(end - 14 * dayMs - minuteMs);
    await t.jobs.drain();
    expect(reminders()).toEqual([]);
    moveTo(end - 14 * dayMs);
    await t.jobs.drain();
    expect(reminders()).toHaveLength(1);
    moveTo(end - dayMs - minuteMs);
    await t.jobs.drain();
    expect(reminders()).toHaveLength(1);
    moveTo(end - dayMs);
    await t.jobs.drain();
    expect(reminders()).toHaveLength(2);
    expect(t.mail.filter((m) => expiringSoon.test(m.subject)).every((m) => m.to === 'rita@example.com')).toBe(true);

    moveTo(end - minuteMs);
    await t.jobs.drain();
    expect((await getAssignment(assignmentId)).state).toBe('delivered');
    expect(await isMember(t, group.id, requester.id)).toBe(true);

    moveTo(end);
    await t.jobs.drain();
    const mine = await t.request(requester.token, { method: 'GET', url: `${em}/assignments/filterByCurrentUser(on='target')` });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().value).toEqual([expect.objectContaining({ id: assignmentId, state: 'expired', status: 'Expired', expiredDateTime: iso(end) })]);
    expect(await isMember(t, group.id, requester.id)).toBe(false);
    expect(mailTo(t, 'rita@example.com').at(-1)).toBe('Access has ended for Sales tools');
    const audits = (await t.request(t.admin.token, { method: 'GET', url: `/v1.0/auditLogs/directoryAudits?$filter=targetResources/id eq '${assignmentId}'` })).json().value;
    expect(audits.map((entry: { activityDisplayName: string }) => entry.activityDisplayName)).toContain('Remove access package assignment');
    expect(audits.find((entry: { activityDisplayName: string }) => entry.activityDisplayName === 'Remove access package assignment')).toMatchObject({ activityDateTime: iso(end), result: 'success' });

    // Once it has ended, the package can be requested again.
    expect((await submitted(t, requester.token, userAdd(packageId))).state).toBe('pendingApproval');
  });

  it('sends no expiry mail under a policy whose notifications are disabled', async () => {
    const requester = await rita();
    const { packageId, group } = await packageWithGroup(t, { expiration: thirtyDays, notificationSettings: { isAssignmentNotificationDisabled: true } });
    const start = t.clock().getTime();
    const { assignmentId } = await delivered(requester.token, packageId);
    for (const at of [start + 16 * dayMs, start + 29 * dayMs, start + 30 * dayMs]) {
      moveTo(at);
      await t.jobs.drain();
    }
    expect((await getAssignment(assignmentId)).state).toBe('expired');
    expect(await isMember(t, group.id, requester.id)).toBe(false);
    // Neither "You now have access" (already honoured) nor "Extend access …" nor "Access has ended …".
    expect(mailTo(t, 'rita@example.com')).toEqual([]);
  });

  describe('extending', () => {
    it('moves the end on a userUpdate with a custom end; the old end passes without expiry, the new end expires it', async () => {
      const requester = await rita();
      const { packageId, group } = await packageWithGroup(t, { expiration: thirtyDays, requestorSettings: { ...selfService, allowCustomAssignmentSchedule: true } });
      const start = t.clock().getTime();
      const { assignmentId } = await delivered(requester.token, packageId);
      const oldEnd = start + 30 * dayMs;
      const newEnd = start + 35 * dayMs;
      expect((await getAssignment(assignmentId)).schedule.expiration.endDateTime).toBe(iso(oldEnd));

      t.clock.advance(10 * dayMs);
      const update = await submitted(t, requester.token, { requestType: 'userUpdate', assignment: { id: assignmentId }, schedule: { expiration: { type: 'afterDateTime', endDateTime: iso(newEnd) } } });
      expect(update).toMatchObject({ requestType: 'userUpdate', state: 'delivering' });
      await t.jobs.drain();
      expect(await getRequest(t, update.id)).toMatchObject({ state: 'delivered', assignment: { id: assignmentId, state: 'delivered', schedule: { expiration: { endDateTime: iso(newEnd) } } } });
      expect(await auditActivitiesOf(t, update.id)).toEqual(['Auto approve access package assignment request', 'Extend access package assignment', 'User requests to extend access package assignment'].sort());

      // The reminders and the expiry written for the old end do nothing.
      moveTo(oldEnd - 14 * dayMs);
      await t.jobs.drain();
      expect(mailTo(t, 'rita@example.com').filter((s) => expiringSoon.test(s))).toEqual([]);
      moveTo(oldEnd);
      await t.jobs.drain();
      expect(await getAssignment(assignmentId)).toMatchObject({ state: 'delivered', expiredDateTime: null });
      expect(await isMember(t, group.id, requester.id)).toBe(true);
      expect(mailTo(t, 'rita@example.com')).not.toContain('Access has ended for Sales tools');

      moveTo(newEnd - minuteMs);
      await t.jobs.drain();
      expect((await getAssignment(assignmentId)).state).toBe('delivered');
      moveTo(newEnd);
      await t.jobs.drain();
      expect(await getAssignment(assignmentId)).toMatchObject({ state: 'expired', status: 'Expired', expiredDateTime: iso(newEnd) });
      expect(await isMember(t, group.id, requester.id)).toBe(false);
      // Warned twice, both times about the new end (31 December 2026), never about the old one.
      expect(mailTo(t, 'rita@example.com').filter((s) => expiringSoon.test(s))).toEqual(['Extend access for Sales tools by 31 December 2026', 'Extend access for Sales tools by 31 December 2026']);
    });

    it('refuses (403) a userUpdate when the policy does not let targets extend their own access, and changes nothing', async () => {
      const requester = await rita();
      const { packageId } = await packageWithGroup(t, { expiration: thirtyDays, requestorSettings: { enableTargetsToSelfAddAccess: true, enableTargetsToSelfUpdateAccess: false, allowCustomAssignmentSchedule: true } });
      const { assignmentId } = await delivered(requester.token, packageId);
      const before = { rows: await lifecycleRowCounts(t), assignment: await getAssignment(assignmentId) };
      const refused = await requestAccess(t, requester.token, { requestType: 'userUpdate', assignment: { id: assignmentId }, schedule: { expiration: { type: 'afterDateTime', endDateTime: iso(t.clock().getTime() + 20 * dayMs) } } });
      expect(refused.statusCode, refused.body).toBe(403);
      expect(refused.json().error.code).toBe('Authorization_RequestDenied');
      expect({ rows: await lifecycleRowCounts(t), assignment: await getAssignment(assignmentId) }).toEqual(before);
    });

    it('waits for approval before extending when isApprovalRequiredForUpdate', async () => {
      const ann = await t.addUser({ displayName: 'Ann Approver', mail: 'ann@example.com' });
      const requester = await rita();
      const { packageId } = await packageWithGroup(t, {
        expiration: thirtyDays,
        requestorSettings: selfService,
        requestApprovalSettings: { isApprovalRequiredForAdd: false, isApprovalRequiredForUpdate: true, stages: [stage([singleUser(ann.id)])] },
      });
      const start = t.clock().getTime();
      const { assignmentId } = await delivered(requester.token, packageId);

      t.clock.advance(10 * dayMs);
      const update = await submitted(t, requester.token, { requestType: 'userUpdate', assignment: { id: assignmentId } });
      expect(update).toMatchObject({ state: 'pendingApproval' });
      await t.jobs.drain();
      expect((await getAssignment(assignmentId)).schedule.expiration.endDateTime).toBe(iso(start + 30 * dayMs));
      expect(mailTo(t, 'ann@example.com')).toEqual([expect.stringMatching(/^Action required: Approve or deny request by /)]);

      t.clock.advance(dayMs);
      expect((await decideStage(t, ann.token, update.id, (await getApproval(t, update.id)).stages[0].id, 'Approve')).statusCode).toBe(204);
      await t.jobs.drain();
      expect((await getRequest(t, update.id)).state).toBe('delivered');
      // Without dates of the requester's own, the policy's thirty days count again from the request.
      expect((await getAssignment(assignmentId)).schedule.expiration.endDateTime).toBe(iso(start + 40 * dayMs));
      expect(await auditActivitiesOf(t, update.id)).toContain('Extend access package assignment');
    });
  });

  it('keeps a group membership two packages give until the second of them is removed', async () => {
    const requester = await rita();
    const { group, packageIds } = await twoPackagesForOneGroup(t);
    const first = await delivered(requester.token, packageIds[0]);
    const second = await delivered(requester.token, packageIds[1]);
    expect(await isMember(t, group.id, requester.id)).toBe(true);

    const removeFirst = await submitted(t, requester.token, { requestType: 'userRemove', assignment: { id: first.assignmentId } });
    await t.jobs.drain();
    expect((await getRequest(t, removeFirst.id)).state).toBe('delivered');
    expect(await getAssignment(first.assignmentId)).toMatchObject({ state: 'expired', status: 'Removed' });
    expect(await isMember(t, group.id, requester.id)).toBe(true);
    expect(await auditActivitiesOf(t, removeFirst.id)).toContain('Remove access package assignment');

    const removeSecond = await submitted(t, requester.token, { requestType: 'userRemove', assignment: { id: second.assignmentId } });
    await t.jobs.drain();
    expect((await getRequest(t, removeSecond.id)).state).toBe('delivered');
    expect(await isMember(t, group.id, requester.id)).toBe(false);
  });

  /** Counts the connectors' revocations (and lets them through). */
  function countRevocations(): { calls: number } {
    const counter = { calls: 0 };
    const registry = t.deps.connectors;
    const real = registry.forEnvironment.bind(registry);
    registry.forEnvironment = (environmentId) => {
      const connector = real(environmentId);
      if (!connector) return connector;
      const counted = <A extends unknown[]>(call: (...args: A) => Promise<void>) => async (...args: A) => ((counter.calls += 1), call(...args));
      return { ...connector, revoke: counted(connector.revoke.bind(connector)), ...(connector.revokeAll ? { revokeAll: counted(connector.revokeAll.bind(connector)) } : {}) };
    };
    return counter;
  }
  const swap = async (token: string, remove: string, add: string) => {
    // Submitted together, so that one batch of the worker delivers both.
    const added = await submitted(t, token, userAdd(add));
    const removed = await submitted(t, token, { requestType: 'userRemove', assignment: { id: remove } });
    await t.jobs.drain();
    return { added, removed };
  };

  it('keeps a role, without a moment’s gap, when one package giving it is swapped for another in one batch', async () => {
    const requester = await rita();
    const { group, packageIds } = await twoPackagesForOneGroup(t);
    const first = await delivered(requester.token, packageIds[0]);
    const revocations = countRevocations();
    const { added, removed } = await swap(requester.token, first.assignmentId, packageIds[1]);
    expect((await getRequest(t, removed.id)).state).toBe('delivered');
    expect((await getRequest(t, added.id)).state).toBe('delivered');
    expect(await isMember(t, group.id, requester.id)).toBe(true);
    expect(revocations.calls).toBe(0);
  });

  it('takes a role away when the package that would have kept it fails to deliver it (a swap during an outage)', async () => {
    const requester = await rita();
    const { group, packageIds } = await twoPackagesForOneGroup(t);
    const first = await delivered(requester.token, packageIds[0]);
    const failing = failGrants(t, 'Directory is down');
    const { added, removed } = await swap(requester.token, first.assignmentId, packageIds[1]);
    // The removal does not wait on a grant that may never happen: the role goes now.
    expect((await getRequest(t, removed.id)).state).toBe('delivered');
    expect(await isMember(t, group.id, requester.id)).toBe(false);
    for (let attempt = 0; attempt < 6; attempt += 1) {
      t.clock.advance(30_000);
      await t.jobs.drain();
    }
    expect(await getRequest(t, added.id)).toMatchObject({ state: 'deliveryFailed', assignment: { state: 'deliveryFailed' } });
    expect(await isMember(t, group.id, requester.id)).toBe(false);

    failing.restore();
    expect((await t.request(t.admin.token, { method: 'POST', url: `${em}/assignmentRequests/${added.id}/reprocess` })).statusCode).toBe(202);
    await t.jobs.drain();
    expect(await getRequest(t, added.id)).toMatchObject({ state: 'delivered', assignment: { state: 'delivered' } });
    expect(await isMember(t, group.id, requester.id)).toBe(true);
  });

  describe('reprocessing an assignment', () => {
    const reprocess = (token: string, id: string) => t.request(token, { method: 'POST', url: `${em}/assignments/${id}/reprocess` });
    const grantStates = async (assignmentId: string) => (await t.handle.db.selectFrom('assignment_role_grants').select(['state', 'last_error']).where('assignment_id', '=', assignmentId).execute());

    it('puts back a membership removed by hand in the directory, and only an administrator may ask', async () => {
      const requester = await rita();
      const { packageId, group } = await packageWithGroup(t);
      const { assignmentId } = await delivered(requester.token, packageId);
      expect((await t.request(t.admin.token, { method: 'DELETE', url: `/v1.0/groups/${group.id}/members/${requester.id}/$ref` })).statusCode).toBe(204);
      expect(await isMember(t, group.id, requester.id)).toBe(false);

      const refused = await reprocess(requester.token, assignmentId);
      expect(refused.statusCode, refused.body).toBe(403);
      const accepted = await reprocess(t.admin.token, assignmentId);
      expect(accepted.statusCode, accepted.body).toBe(202);
      await t.jobs.drain();
      expect(await isMember(t, group.id, requester.id)).toBe(true);
      expect(await grantStates(assignmentId)).toEqual([{ state: 'granted', last_error: null }]);
      expect(await getAssignment(assignmentId)).toMatchObject({ state: 'delivered' });
    });

    it('delivers what had failed and makes the assignment delivered; a regrant that keeps failing ends recorded as failed', async () => {
      const requester = await rita();
      const { packageId, group } = await packageWithGroup(t);
      const failing = failGrants(t, 'Directory is read-only');
      const created = await submitted(t, requester.token, userAdd(packageId));
      for (let attempt = 0; attempt < 7; attempt += 1) {
        await t.jobs.drain();
        t.clock.advance(30_000);
      }
      const { assignment } = await getRequest(t, created.id);
      expect(assignment.state).toBe('deliveryFailed');

      // Still failing: the regrant is retried, then given up and recorded; no job is left dead.
      expect((await reprocess(t.admin.token, assignment.id)).statusCode).toBe(202);
      expect(await grantStates(assignment.id)).toEqual([{ state: 'pendingGrant', last_error: null }]);
      for (let attempt = 0; attempt < 8; attempt += 1) {
        await t.jobs.drain();
        t.clock.advance(60_000);
      }
      expect(await grantStates(assignment.id)).toEqual([{ state: 'grantFailed', last_error: 'Directory is read-only' }]);
      expect(await t.handle.db.selectFrom('jobs').select('kind').where('dead', '=', 1).execute()).toEqual([]);

      failing.restore();
      expect((await reprocess(t.admin.token, assignment.id)).statusCode).toBe(202);
      await t.jobs.drain();
      expect(await isMember(t, group.id, requester.id)).toBe(true);
      expect(await grantStates(assignment.id)).toEqual([{ state: 'granted', last_error: null }]);
      expect(await getAssignment(assignment.id)).toMatchObject({ state: 'delivered', status: 'Delivered' });
    });

    it('takes the role away again when the assignment ended while the regrant was granting it', async () => {
      const requester = await rita();
      const { packageId, group } = await packageWithGroup(t, { requestorSettings: selfService });
      const { assignmentId } = await delivered(requester.token, packageId);
      expect((await reprocess(t.admin.token, assignmentId)).statusCode).toBe(202);
      // The removal is delivered (the role revoked) just before the regrant's own call adds it back.
      const registry = t.deps.connectors;
      const real = registry.forEnvironment.bind(registry);
      let removal: string | undefined;
      registry.forEnvironment = (environmentId) => {
        const connector = real(environmentId)!;
        return {
          ...connector,
          grant: async (grant) => {
            if (!removal) {
              removal = (await submitted(t, requester.token, { requestType: 'userRemove', assignment: { id: assignmentId } })).id;
              await t.jobs.drain();
              expect(await isMember(t, group.id, requester.id)).toBe(false);
            }
            return connector.grant(grant);
          },
        };
      };
      await t.jobs.drain();
      expect((await getRequest(t, removal!)).state).toBe('delivered');
      expect(await isMember(t, group.id, requester.id)).toBe(false);
      expect(await grantStates(assignmentId)).toEqual([{ state: 'revoked', last_error: null }]);
    });

    it('refuses (400) an assignment that has ended, and writes nothing', async () => {
      const requester = await rita();
      const { packageId } = await packageWithGroup(t, { requestorSettings: selfService });
      const { assignmentId } = await delivered(requester.token, packageId);
      await submitted(t, requester.token, { requestType: 'userRemove', assignment: { id: assignmentId } });
      await t.jobs.drain();
      const before = await lifecycleRowCounts(t);
      const refused = await reprocess(t.admin.token, assignmentId);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(await lifecycleRowCounts(t)).toEqual(before);
    });
  });

  it('delivers a request with a scheduled start at that start, not before', async () => {
    const requester = await rita();
    const { packageId, group } = await packageWithGroup(t, { requestorSettings: { ...selfService, allowCustomAssignmentSchedule: true } });
    const startAt = t.clock().getTime() + 3 * dayMs;
    const created = await submitted(t, requester.token, userAdd(packageId, { schedule: { startDateTime: iso(startAt) } }));
    expect(created).toMatchObject({ state: 'scheduled', status: 'Scheduled', schedule: { startDateTime: iso(startAt) } });
    await t.jobs.drain();
    expect(await isMember(t, group.id, requester.id)).toBe(false);

    moveTo(startAt - minuteMs);
    await t.jobs.drain();
    expect((await getRequest(t, created.id)).state).toBe('scheduled');
    expect(await isMember(t, group.id, requester.id)).toBe(false);

    moveTo(startAt);
    await t.jobs.drain();
    const request = await getRequest(t, created.id);
    expect(request).toMatchObject({ state: 'delivered', status: 'Delivered', assignment: { state: 'delivered', schedule: { startDateTime: iso(startAt) } } });
    expect(await isMember(t, group.id, requester.id)).toBe(true);
    expect(await auditActivitiesOf(t, created.id)).toEqual(
      [
        'User requests access package assignment',
        'Auto approve access package assignment request',
        'Schedule a future access package assignment',
        'Ready to fulfill access package assignment request',
        'Fulfill access package assignment request',
      ].sort(),
    );
  });

  it('never delivers a scheduled request canceled before its start', async () => {
    const requester = await rita();
    const { packageId, group } = await packageWithGroup(t, { requestorSettings: { ...selfService, allowCustomAssignmentSchedule: true } });
    const startAt = t.clock().getTime() + 3 * dayMs;
    const created = await submitted(t, requester.token, userAdd(packageId, { schedule: { startDateTime: iso(startAt) } }));
    t.clock.advance(dayMs);
    const canceled = await t.request(requester.token, { method: 'POST', url: `${em}/assignmentRequests/${created.id}/cancel` });
    expect(canceled.statusCode, canceled.body).toBe(204);
    moveTo(startAt + minuteMs);
    await t.jobs.drain();
    expect(await getRequest(t, created.id)).toMatchObject({ state: 'canceled', status: 'Canceled', assignment: { id: null } });
    expect(await isMember(t, group.id, requester.id)).toBe(false);
    expect(await auditActivitiesOf(t, created.id)).not.toContain('Ready to fulfill access package assignment request');
  });

  it('retries a failing connector with backoff, ends deliveryFailed with the error, and delivers on reprocess', async () => {
    const requester = await rita();
    const { packageId, group } = await packageWithGroup(t);
    const failing = failGrants(t, 'Directory is read-only for maintenance');
    const created = await submitted(t, requester.token, userAdd(packageId));
    await t.jobs.drain();
    expect(failing.calls).toBe(1);
    expect((await getRequest(t, created.id)).state).toBe('delivering');

    // Attempts 2–5 come after 1 s, 2 s, 4 s and 8 s (plus up to a fifth at random); not before.
    for (const delay of [1_000, 2_000, 4_000, 8_000]) {
      const calls = failing.calls;
      t.clock.advance(delay / 2);
      await t.jobs.drain();
      expect(failing.calls, `before the ${delay} ms backoff`).toBe(calls);
      t.clock.advance(delay);
      await t.jobs.drain();
      expect(failing.calls, `after the ${delay} ms backoff`).toBe(calls + 1);
      const request = await getRequest(t, created.id);
      expect(request).toMatchObject({ state: 'delivering', status: 'Delivering', completedDateTime: null, assignment: { state: 'delivering' } });
    }

    // The sixth and last attempt, after 16 s.
    t.clock.advance(20_000);
    await t.jobs.drain();
    expect(failing.calls).toBe(6);
    const failed = await getRequest(t, created.id);
    expect(failed).toMatchObject({ state: 'deliveryFailed', status: 'DeliveryFailed', completedDateTime: t.clock().toISOString(), assignment: { state: 'deliveryFailed', status: 'DeliveryFailed' } });
    const grants = await t.handle.db.selectFrom('assignment_role_grants').select(['state', 'last_error']).where('assignment_id', '=', failed.assignment.id).execute();
    expect(grants).toEqual([{ state: 'grantFailed', last_error: 'Directory is read-only for maintenance' }]);
    expect(await isMember(t, group.id, requester.id)).toBe(false);
    expect(await auditActivitiesOf(t, created.id)).toContain('Failed access package assignment request');
    // Nothing is retried any more, and no job is left behind dead.
    t.clock.advance(3600_000);
    await t.jobs.drain();
    expect(failing.calls).toBe(6);
    expect(await t.handle.db.selectFrom('jobs').select('kind').where('dead', '=', 1).execute()).toEqual([]);
    expect(mailTo(t, 'rita@example.com')).toEqual([]);

    // Only an administrator may reprocess: the requester is refused and nothing changes.
    const reprocess = (token: string) => t.request(token, { method: 'POST', url: `${em}/assignmentRequests/${created.id}/reprocess` });
    const before = await lifecycleRowCounts(t);
    const refused = await reprocess(requester.token);
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().error.code).toBe('Authorization_RequestDenied');
    expect(await lifecycleRowCounts(t)).toEqual(before);

    failing.restore();
    const accepted = await reprocess(t.admin.token);
    expect(accepted.statusCode, accepted.body).toBe(202);
    expect((await getRequest(t, created.id)).state).toBe('delivering');
    await t.jobs.drain();
    expect(await getRequest(t, created.id)).toMatchObject({ state: 'delivered', status: 'Delivered', assignment: { id: failed.assignment.id, state: 'delivered', status: 'Delivered' } });
    expect(await isMember(t, group.id, requester.id)).toBe(true);
    expect(mailTo(t, 'rita@example.com')).toEqual(['You now have access to Sales tools']);
    expect(await auditActivitiesOf(t, created.id)).toEqual(
      [
        'User requests access package assignment',
        'Auto approve access package assignment request',
        'Failed access package assignment request',
        'Reprocess access package assignment request',
        'Fulfill access package assignment request',
      ].sort(),
    );

    // A delivered request has nothing to reprocess.
    const again = await reprocess(t.admin.token);
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error.code).toBe('InvalidRequestState');
  });

  it('names the access package in the audit entries of a scheduled start and of a reprocess, as in the rest of the story', async () => {
    const requester = await rita();
    const { packageId } = await packageWithGroup(t, { requestorSettings: { ...selfService, allowCustomAssignmentSchedule: true } });
    const failing = failGrants(t, 'down');
    const created = await submitted(t, requester.token, userAdd(packageId, { schedule: { startDateTime: iso(t.clock().getTime() + dayMs) } }));
    t.clock.advance(dayMs);
    for (let attempt = 0; attempt < 6; attempt += 1) {
      await t.jobs.drain();
      t.clock.advance(60_000);
    }
    expect((await getRequest(t, created.id)).state).toBe('deliveryFailed');
    failing.restore();
    expect((await t.request(t.admin.token, { method: 'POST', url: `${em}/assignmentRequests/${created.id}/reprocess` })).statusCode).toBe(202);
    await t.jobs.drain();

    const story = (await t.request(t.admin.token, { method: 'GET', url: `/v1.0/auditLogs/directoryAudits?$filter=correlationId eq '${created.id}'` })).json().value;
    const named = story.map((entry: { activityDisplayName: string; targetResources: { type: string; displayName: string }[] }) => [entry.activityDisplayName, entry.targetResources.find((target) => target.type === 'AccessPackageAssignmentRequest')?.displayName]);
    expect(named).toContainEqual(['Ready to fulfill access package assignment request', expect.anything()]);
    expect(named).toContainEqual(['Reprocess access package assignment request', expect.anything()]);
    expect(named).toEqual(named.map(([activity]: [string]) => [activity, 'Sales tools']));
  });
});
