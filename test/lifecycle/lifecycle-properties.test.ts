import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssignmentRequestsTable, AssignmentRoleGrantsTable, AssignmentsTable, GroupMembershipsTable } from '../../src/db/database.js';
import { advanceRequest, isAddRequest, isOpenState, requestStates, type RequestEvent, type RequestState, type RequestType } from '../../src/domain/assignment-request.js';
import { addGroup, addMemberRole, addResource, createAccessPackage, createCatalog, createPolicy, em } from '../helpers/entitlement-fixtures.js';
import { approvalStages, dayMs, decideStage, requestAccess, singleUser, stage } from '../helpers/lifecycle-fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { skipReason, testDialect } from '../helpers/test-database.js';

/**
 * Property-based tests of the access lifecycle: a small world (five people, two groups, three
 * packages whose policies ask for 0–3 stages of named approvers and may expire after hours or
 * days; packages 0 and 1 share a group) is built through the API, then a random sequence of
 * requests, decisions, cancellations, removals, extensions, outages of the second group's
 * connector (grants fail, so deliveries are retried, fail partly and are reprocessed), clock moves
 * and job-worker drains is applied. Each run has its own people, groups and packages in one test
 * context per property, and ends by lifting the outage and working off everything due over thirty
 * days, so it leaves no due work behind for the next run.
 * The minimal counterexamples found so far run first, as fast-check examples (knownCounterexamples).
 * `endOnFailure` stops at the first failing run without shrinking. To shrink a failure to its
 * minimal counterexample, replay it: LIFECYCLE_PROPERTIES_REPLAY='<seed>:<path>' (from the report).
 */
const numRuns = testDialect === 'sqlite' ? 40 : 15;
const replay = process.env.LIFECYCLE_PROPERTIES_REPLAY?.match(/^(-?\d+):([\d:]+)$/);
const assertOptions = () => ({ numRuns, includeErrorInReport: true, examples: knownCounterexamples, ...(replay ? { seed: Number(replay[1]), path: replay[2], endOnFailure: false } : { endOnFailure: true }) });
// A run takes about 60 ms on SQLite and 300 ms on PostgreSQL; shrinking a replay takes hundreds of runs.
const timeout = replay ? 900_000 : testDialect === 'sqlite' ? 30_000 : 60_000;
const minuteMs = 60_000;
const systemActor = 'system:entitlement-management';
const people = 5; // u0 and u1 make the requests; anyone (u0–u4, and the admin as u5) may try to decide

// ---- The world and the actions, as fast-check generates them ----

const deadlines = [['PT6H', 'PT3H'], ['P1D', 'PT12H'], ['P2D', 'P1D'], ['P3D', 'P1D']] as const;
type StageSpec = { approvers: number[]; fallback: number[]; escalation: number[] | null; deadline: number };
type PackageSpec = { groups: number[]; stages: StageSpec[]; approveUpdates: boolean; expiration: string | null };
type WorldSpec = PackageSpec[];

const someone = fc.uniqueArray(fc.nat(people - 1), { minLength: 1, maxLength: 2 });
const stageSpec: fc.Arbitrary<StageSpec> = fc.record({ approvers: someone, fallback: fc.oneof(fc.constant<number[]>([]), someone), escalation: fc.option(someone, { nil: null }), deadline: fc.nat(deadlines.length - 1) });
const packageSpec = (groups: fc.Arbitrary<number[]>): fc.Arbitrary<PackageSpec> =>
  fc.record({ groups, stages: fc.array(stageSpec, { maxLength: 3 }), approveUpdates: fc.boolean(), expiration: fc.constantFrom(null, 'PT12H', 'P1D', 'P2D', 'P3D') });
const worldSpec: fc.Arbitrary<WorldSpec> = fc.tuple(packageSpec(fc.constant([0])), packageSpec(fc.constantFrom([0], [0, 1])), packageSpec(fc.constantFrom([1], [0, 1])));

type Action =
  | { kind: 'submit'; requester: number; pkg: number }
  | { kind: 'adminAdd'; target: number; pkg: number }
  | { kind: 'decide'; request: number; stage: 'current' | number; decider: { approver: number } | { user: number }; result: 'Approve' | 'Deny' }
  | { kind: 'cancel'; request: number }
  | { kind: 'adminRemove'; assignment: number }
  | { kind: 'userRemove'; assignment: number }
  | { kind: 'extend'; assignment: number }
  | { kind: 'reprocess'; request: number }
  | { kind: 'reprocessAssignment'; assignment: number }
  | { kind: 'outage'; down: boolean }
  | { kind: 'advance'; minutes: number }
  | { kind: 'drain'; seconds: number };

const k = <K extends string>(kind: K) => fc.constant(kind);
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: k('submit'), requester: fc.nat(1), pkg: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: k('adminAdd'), target: fc.nat(1), pkg: fc.nat(2) }) },
  {
    weight: 7,
    arbitrary: fc.record({
      kind: k('decide'),
      request: fc.nat(5),
      stage: fc.oneof({ weight: 4, arbitrary: fc.constant('current' as const) }, { weight: 1, arbitrary: fc.nat(2) }),
      decider: fc.oneof({ weight: 3, arbitrary: fc.record({ approver: fc.nat(2) }) }, { weight: 2, arbitrary: fc.record({ user: fc.nat(people) }) }),
      result: fc.oneof({ weight: 3, arbitrary: fc.constant('Approve' as const) }, { weight: 1, arbitrary: fc.constant('Deny' as const) }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: k('cancel'), request: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: k('adminRemove'), assignment: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: k('userRemove'), assignment: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: k('extend'), assignment: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: k('reprocess'), request: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: k('reprocessAssignment'), assignment: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: k('outage'), down: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: k('advance'),
      minutes: fc.oneof({ weight: 2, arbitrary: fc.integer({ min: 1, max: 59 }) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 23 }).map((h) => h * 60) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }).map((d) => d * 1440) }),
    }),
  },
  // Mostly one drain; sometimes the worker runs for two minutes, long enough to use up a delivery's retries.
  { weight: 3, arbitrary: fc.record({ kind: k('drain'), seconds: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(120) }) }) },
) as fc.Arbitrary<Action>;
const actions = fc.array(action, { minLength: 1, maxLength: 40, size: 'medium' });

/**
 * Minimal counterexamples fast-check found (shrunk), run first by every property so that the bugs
 * they show are caught every time, not only when the random search happens upon them again.
 */
const plain = (groups: number[]): PackageSpec => ({ groups, stages: [], approveUpdates: false, expiration: null });
const knownCounterexamples: [WorldSpec, Action[]][] = [
  // Property 1: an approval given a day after the stage's PT6H deadline (its deadline job not yet run) is accepted and delivered.
  [
    [plain([0]), { ...plain([0]), stages: [{ approvers: [1], fallback: [], escalation: null, deadline: 0 }] }, plain([1])],
    [{ kind: 'submit', requester: 0, pkg: 1 }, { kind: 'advance', minutes: 1440 }, { kind: 'decide', request: 0, stage: 'current', decider: { approver: 0 }, result: 'Approve' }],
  ],
  // All three: reprocessing a partly delivered request while a removal of its assignment is open answers 500.
  [
    [plain([0]), plain([0, 1]), plain([1])],
    [{ kind: 'outage', down: true }, { kind: 'adminAdd', target: 0, pkg: 1 }, { kind: 'drain', seconds: 120 }, { kind: 'adminRemove', assignment: 0 }, { kind: 'reprocess', request: 0 }],
  ],
  // Property 2: a removal and, in the same batch, a delivery of another package giving the same
  // group, while that group's connector is down: the removal skipped the revocation because the
  // other grant was pending, the grant then failed, and the membership was left with no assignment.
  [
    [plain([0]), { ...plain([0, 1]), stages: [{ approvers: [0], fallback: [1], escalation: null, deadline: 0 }] }, plain([1])],
    [
      { kind: 'submit', requester: 0, pkg: 1 },
      { kind: 'submit', requester: 0, pkg: 2 },
      { kind: 'drain', seconds: 0 },
      { kind: 'adminRemove', assignment: 0 },
      { kind: 'outage', down: true },
      { kind: 'decide', request: 0, stage: 'current', decider: { approver: 0 }, result: 'Approve' },
      { kind: 'drain', seconds: 120 },
    ],
  ],
  // Property 2: a reprocess of a delivered assignment while one of its groups' connector is down
  // gave up after its retries and recorded the granted role as failed, though the membership stood.
  [
    [plain([0]), plain([0, 1]), plain([1])],
    [{ kind: 'adminAdd', target: 0, pkg: 1 }, { kind: 'drain', seconds: 120 }, { kind: 'outage', down: true }, { kind: 'reprocessAssignment', assignment: 0 }, { kind: 'drain', seconds: 120 }],
  ],
];

// ---- Building a run's world and driving it through the API ----

type Person = { id: string; token: string; name: string };
type Run = { t: TestContext; spec: WorldSpec; people: Person[]; groupIds: string[]; packages: { id: string; policyId: string }[]; requestIds: string[]; log: string[] };
/** The group whose grants fail while its connector is "down" (revocations still work). */
type Outage = { groupId: string | null };

/** Makes the directory connector fail every grant of the outage's group, one by one and in bulk. */
function injectOutage(t: TestContext): Outage {
  const outage: Outage = { groupId: null };
  const registry = t.deps.connectors;
  const real = registry.forEnvironment.bind(registry);
  const refuse = (grants: readonly { resourceOriginId: string }[]) => {
    if (grants.some((grant) => grant.resourceOriginId === outage.groupId)) throw new Error('the directory is down for this group');
  };
  registry.forEnvironment = (environmentId) => {
    const connector = real(environmentId);
    if (!connector) return connector;
    return { ...connector, grant: async (grant) => (refuse([grant]), connector.grant(grant)), grantAll: async (grants) => (refuse(grants), connector.grantAll!(grants)) };
  };
  return outage;
}

const subjects = (run: { people: Person[] }, indices: readonly number[]) => indices.map((i) => singleUser(run.people[i]!.id));

async function buildWorld(t: TestContext, spec: WorldSpec): Promise<Run> {
  const tag = randomUUID().slice(0, 8);
  const run: Run = { t, spec, people: [], groupIds: [], packages: [], requestIds: [], log: [] };
  for (let i = 0; i < people; i += 1) run.people.push({ ...(await t.addUser({ displayName: `u${i}-${tag}` })), name: `u${i}` });
  run.people.push({ id: t.admin.id, token: t.admin.token, name: 'admin' });
  const catalog = await createCatalog(t, `Properties ${tag}`);
  const groups = [await addGroup(t, `G0 ${tag}`), await addGroup(t, `G1 ${tag}`)];
  run.groupIds = groups.map((group) => group.id);
  const resources = [await addResource(t, catalog.id, groups[0]!.id), await addResource(t, catalog.id, groups[1]!.id)];
  for (const [index, pkg] of spec.entries()) {
    const accessPackage = await createAccessPackage(t, catalog.id, `P${index} ${tag}`);
    for (const g of pkg.groups) expect((await addMemberRole(t, accessPackage.id, resources[g]!.id, groups[g]!.id)).statusCode).toBe(201);
    const stages = pkg.stages.map((s) =>
      stage(subjects(run, s.approvers), {
        durationBeforeAutomaticDenial: deadlines[s.deadline]![0],
        fallbackPrimaryApprovers: subjects(run, s.fallback),
        ...(s.escalation ? { isEscalationEnabled: true, durationBeforeEscalation: deadlines[s.deadline]![1], escalationApprovers: subjects(run, s.escalation) } : {}),
      }),
    );
    const policy = await createPolicy(t, accessPackage.id, {
      expiration: pkg.expiration ? { type: 'afterDuration', duration: pkg.expiration } : { type: 'noExpiration' },
      requestApprovalSettings: stages.length ? approvalStages(stages, { isApprovalRequiredForUpdate: pkg.approveUpdates }) : { isApprovalRequiredForAdd: false, isApprovalRequiredForUpdate: false, stages: [] },
    });
    run.packages.push({ id: accessPackage.id, policyId: policy.id });
  }
  return run;
}

/** The run's assignments in the order of the requests that created them (ids alone tie within a millisecond). */
async function assignmentsInOrder(run: Run): Promise<AssignmentsTable[]> {
  const requests = await requestRows(run);
  const all = await run.t.handle.db.selectFrom('assignments').selectAll().where('target_id', 'in', run.people.slice(0, people).map((p) => p.id)).execute();
  const order = new Map(requests.filter((r) => isAddRequest(r.request_type as RequestType) && r.assignment_id).map((r) => [r.assignment_id!, run.requestIds.indexOf(r.id)]));
  return all.sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9));
}

async function requestRows(run: Run): Promise<AssignmentRequestsTable[]> {
  if (run.requestIds.length === 0) return [];
  const rows = await run.t.handle.db.selectFrom('assignment_requests').selectAll().where('id', 'in', run.requestIds).execute();
  return rows.sort((a, b) => run.requestIds.indexOf(a.id) - run.requestIds.indexOf(b.id));
}

const personOf = (run: Run, id: string | null) => run.people.find((p) => p.id === id);
const nameOf = (run: Run, id: string | null) => personOf(run, id)?.name ?? String(id);
const describeRequest = (run: Run, r: AssignmentRequestsTable) => `req#${run.requestIds.indexOf(r.id)}(${r.request_type} ${nameOf(run, r.target_id)} P${run.packages.findIndex((p) => p.id === r.access_package_id)})`;

function expectStatus(response: { statusCode: number; body: string }, allowed: number[], what: string): string {
  expect(allowed, `${what} answered ${response.statusCode}: ${response.body}`).toContain(response.statusCode);
  return `${response.statusCode}${response.statusCode >= 400 ? ` ${JSON.parse(response.body).error?.code ?? ''}` : ''}`;
}

async function submit(run: Run, token: string, body: Record<string, unknown>, allowed: number[], what: string): Promise<string> {
  const response = await requestAccess(run.t, token, body);
  const outcome = expectStatus(response, allowed, what);
  if (response.statusCode === 201) run.requestIds.push(response.json().id);
  return response.statusCode === 201 ? `${outcome} → req#${run.requestIds.length - 1}` : outcome;
}

async function perform(run: Run, outage: Outage, step: Action): Promise<string> {
  const { t } = run;
  switch (step.kind) {
    case 'submit': {
      const requester = run.people[step.requester]!;
      return `${requester.name} userAdd P${step.pkg}: ${await submit(run, requester.token, { requestType: 'userAdd', assignment: { accessPackageId: run.packages[step.pkg]!.id } }, [201, 400, 409], 'userAdd')}`;
    }
    case 'adminAdd': {
      const { id, policyId } = run.packages[step.pkg]!;
      const body = { requestType: 'adminAdd', assignment: { accessPackageId: id, assignmentPolicyId: policyId, targetId: run.people[step.target]!.id } };
      return `admin adminAdd P${step.pkg} for u${step.target}: ${await submit(run, t.admin.token, body, [201, 409], 'adminAdd')}`;
    }
    case 'decide': {
      const requests = await requestRows(run);
      const stages = requests.length ? await t.handle.db.selectFrom('approval_stages').selectAll().where('request_id', 'in', run.requestIds).orderBy('stage_number').execute() : [];
      const withStages = requests.filter((r) => stages.some((s) => s.request_id === r.id));
      if (withStages.length === 0) return 'decide: no request has stages (skipped)';
      const request = withStages[step.request % withStages.length]!;
      const own = stages.filter((s) => s.request_id === request.id);
      const chosen = step.stage === 'current' ? (own.find((s) => s.status === 'InProgress') ?? own[0]!) : own[step.stage % own.length]!;
      let decider: Person;
      if ('approver' in step.decider) {
        const approverIds = (await t.handle.db.selectFrom('approval_stage_approvers').select('approver_id').where('stage_id', '=', chosen.id).execute()).map((row) => row.approver_id);
        const approvers = run.people.filter((p) => approverIds.includes(p.id));
        decider = approvers.length ? approvers[step.decider.approver % approvers.length]! : run.people[step.decider.approver % people]!;
      } else decider = run.people[step.decider.user]!;
      const response = await decideStage(t, decider.token, request.id, chosen.id, step.result);
      return `${decider.name} ${step.result} ${describeRequest(run, request)} stage ${chosen.stage_number} (${chosen.status}/${chosen.review_result}): ${expectStatus(response, [204, 403, 404, 409], 'decision')}`;
    }
    case 'cancel':
    case 'reprocess': {
      const requests = await requestRows(run);
      if (requests.length === 0) return `${step.kind}: no requests (skipped)`;
      const request = requests[step.request % requests.length]!;
      const by = step.kind === 'cancel' ? personOf(run, request.requestor_id)! : run.people[people]!;
      const response = await t.request(by.token, { method: 'POST', url: `${em}/assignmentRequests/${request.id}/${step.kind}` });
      return `${by.name} ${step.kind} ${describeRequest(run, request)} (${request.state}): ${expectStatus(response, step.kind === 'cancel' ? [204, 409] : [202, 409], step.kind)}`;
    }
    case 'adminRemove':
    case 'userRemove':
    case 'extend':
    case 'reprocessAssignment': {
      const assignments = await assignmentsInOrder(run);
      if (assignments.length === 0) return `${step.kind}: no assignments (skipped)`;
      const assignment = assignments[step.assignment % assignments.length]!;
      if (step.kind === 'reprocessAssignment') {
        const response = await t.request(t.admin.token, { method: 'POST', url: `${em}/assignments/${assignment.id}/reprocess` });
        return `admin reprocesses assignment#${step.assignment % assignments.length}(${assignment.state}${assignment.is_active ? '' : ' ended'}): ${expectStatus(response, [202, 400], 'assignment reprocess')}`;
      }
      const by = step.kind === 'adminRemove' ? run.people[people]! : personOf(run, assignment.target_id)!;
      const requestType = step.kind === 'extend' ? 'userUpdate' : step.kind;
      const label = `${by.name} ${requestType} assignment#${step.assignment % assignments.length}(${nameOf(run, assignment.target_id)} P${run.packages.findIndex((p) => p.id === assignment.access_package_id)} ${assignment.state}${assignment.is_active ? '' : ' ended'})`;
      return `${label}: ${await submit(run, by.token, { requestType, assignment: { id: assignment.id } }, [201, 400, 409], requestType)}`;
    }
    case 'outage':
      outage.groupId = step.down ? run.groupIds[1]! : null;
      return `the connector of G1 is ${step.down ? 'down' : 'up'}`;
    case 'advance':
      t.clock.advance(step.minutes * minuteMs);
      return `advance ${step.minutes} min → ${t.clock().toISOString()}`;
    case 'drain': {
      let jobs = await t.jobs.drain();
      for (let second = 0; second < step.seconds; second += 10) {
        t.clock.advance(10_000);
        jobs += await t.jobs.drain();
      }
      return `drain${step.seconds ? ` for ${step.seconds} s` : ''}: ${jobs} jobs`;
    }
  }
}

type Observer = { afterStep?(run: Run, step: Action | 'final'): Promise<void>; atEnd?(run: Run): Promise<void> };

/** One run: the world, the actions with the observer's checks after each, then everything due. */
async function explore(t: TestContext, outage: Outage, spec: WorldSpec, steps: Action[], observer: Observer): Promise<void> {
  outage.groupId = null;
  const run = await buildWorld(t, spec);
  try {
    for (const step of steps) {
      run.log.push(`#${run.log.length} ${JSON.stringify(step)} …`);
      run.log[run.log.length - 1] = `#${run.log.length - 1} ${await perform(run, outage, step)}`;
      await observer.afterStep?.(run, step);
    }
    // The connector comes back; retries (backing off up to a minute apart) and then every
    // deadline and expiry run out.
    outage.groupId = null;
    let jobs = 0;
    for (let minute = 0; minute < 10; minute += 1) {
      jobs += await t.jobs.drain();
      t.clock.advance(minuteMs);
    }
    t.clock.advance(30 * dayMs);
    jobs += await t.jobs.drain();
    run.log.push(`final: connector up, drains over 10 minutes, 30 days, drain: ${jobs} jobs`);
    await observer.afterStep?.(run, 'final');
    await observer.atEnd?.(run);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n--- what the run did ---\n${run.log.join('\n')}`);
  }
}

// ---- What the database says, in one read per table ----

type Snapshot = {
  requests: AssignmentRequestsTable[];
  stages: { id: string; request_id: string; stage_number: number; status: string; review_result: string; reviewed_by_id: string | null; reviewed_date_time: string | null; due_date_time: string | null }[];
  approvers: { stage_id: string; approver_id: string }[];
  assignments: AssignmentsTable[];
  grants: AssignmentRoleGrantsTable[];
  memberships: GroupMembershipsTable[];
};

async function snapshot(run: Run): Promise<Snapshot> {
  const db = run.t.handle.db;
  const userIds = run.people.slice(0, people).map((p) => p.id);
  const ids = run.requestIds.length ? run.requestIds : ['none'];
  return {
    requests: await requestRows(run),
    stages: (await db.selectFrom('approval_stages').selectAll().where('request_id', 'in', ids).execute()).map((s) => ({ ...s, stage_number: Number(s.stage_number) })),
    approvers: await db.selectFrom('approval_stage_approvers').select(['stage_id', 'approver_id']).where('request_id', 'in', ids).execute(),
    assignments: await db.selectFrom('assignments').selectAll().where('target_id', 'in', userIds).execute(),
    grants: await db.selectFrom('assignment_role_grants').selectAll().where('target_id', 'in', userIds).execute(),
    memberships: await db.selectFrom('group_memberships').selectAll().where('group_id', 'in', run.groupIds).where('ended_date_time', 'is', null).execute(),
  };
}

/** Fails with every problem spelled out (an array diff would show only its length). */
function expectNone(problems: readonly string[]): void {
  if (problems.length) throw new Error(`${problems.length} invariant violation(s):\n  ${problems.join('\n  ')}`);
}

const roleOf = (m: Pick<GroupMembershipsTable, 'group_id' | 'relationship'>) => `${m.relationship === 'owner' ? 'Owner' : 'Member'}_${m.group_id}`;
const membershipName = (run: Run, m: GroupMembershipsTable) => `${nameOf(run, m.member_id)} in G${run.groupIds.indexOf(m.group_id)} (${m.relationship})`;

/**
 * Why this add request should not have led to access, or null when it may: a userAdd under a
 * policy with stages needs every stage approved, before the stage's deadline, by someone the policy
 * names for that stage, whom Tessera listed as its approver, and who is neither the requester nor
 * the target.
 */
function approvalProblem(run: Run, s: Snapshot, r: AssignmentRequestsTable): string | null {
  if (r.request_type !== 'userAdd') return null;
  const spec = run.spec[run.packages.findIndex((p) => p.id === r.access_package_id)]!;
  if (spec.stages.length === 0) return null;
  const stages = s.stages.filter((st) => st.request_id === r.id).sort((a, b) => a.stage_number - b.stage_number);
  if (stages.length !== spec.stages.length) return `it has ${stages.length} approval stages where its policy has ${spec.stages.length}`;
  for (const [index, st] of stages.entries()) {
    const by = st.reviewed_by_id;
    const named = subjects(run, [...spec.stages[index]!.approvers, ...spec.stages[index]!.fallback, ...(spec.stages[index]!.escalation ?? [])]).map((set) => set.userId);
    if (st.review_result !== 'Approved') return `stage ${st.stage_number} is ${st.review_result} (${st.status})`;
    // "Deadlines auto-deny": a stage still undecided at its due time is denied, not approved later.
    if (st.due_date_time && st.reviewed_date_time && st.reviewed_date_time > st.due_date_time) return `stage ${st.stage_number} was approved at ${st.reviewed_date_time}, after its deadline ${st.due_date_time}`;
    if (!by) return `stage ${st.stage_number} was approved by nobody`;
    if (by === r.requestor_id || by === r.target_id) return `stage ${st.stage_number} was approved by the requester or target ${nameOf(run, by)}`;
    if (!s.approvers.some((a) => a.stage_id === st.id && a.approver_id === by)) return `stage ${st.stage_number} was approved by ${nameOf(run, by)}, not an approver of the stage`;
    if (!named.includes(by)) return `stage ${st.stage_number} was approved by ${nameOf(run, by)}, whom the policy does not name for it`;
  }
  return null;
}

/** Property 1: every open membership Tessera gave stands on an active assignment with every approval it needed. */
async function checkNoAccessWithoutApproval(run: Run): Promise<void> {
  const s = await snapshot(run);
  const problems: string[] = [];
  for (const m of s.memberships.filter((row) => row.added_by === systemActor)) {
    const backing = s.assignments.filter((a) => a.is_active === 1 && a.target_id === m.member_id && s.grants.some((g) => g.assignment_id === a.id && g.resource_origin_id === m.group_id && g.role_origin_id === roleOf(m)));
    const reasons = backing.map((a) => {
      const add = s.requests.find((r) => r.assignment_id === a.id && isAddRequest(r.request_type as RequestType));
      return add ? approvalProblem(run, s, add) : `assignment ${a.id} has no add request`;
    });
    if (!reasons.includes(null)) problems.push(`open membership of ${membershipName(run, m)} without an approved active assignment (${reasons.join('; ') || 'none backs it'})`);
  }
  for (const r of s.requests) {
    if (!isAddRequest(r.request_type as RequestType) || ['submitted', 'pendingApproval', 'denied', 'canceled'].includes(r.state)) continue;
    const problem = approvalProblem(run, s, r);
    if (problem) problems.push(`${describeRequest(run, r)} is ${r.state} although ${problem}`);
  }
  expectNone(problems);
}

/** Property 2: after the worker has run what is due, open memberships and active grants agree, both ways. */
async function checkRolesMatchAssignments(run: Run, final: boolean): Promise<void> {
  const s = await snapshot(run);
  const problems: string[] = [];
  const active = new Map(s.assignments.filter((a) => a.is_active === 1).map((a) => [a.id, a]));
  const system = s.memberships.filter((m) => m.added_by === systemActor);
  const holdings = s.memberships.map((m) => membershipName(run, m));
  for (const [index, name] of holdings.entries()) if (holdings.indexOf(name) !== index) problems.push(`a second open membership of ${name}`);
  for (const m of system) {
    const held = s.grants.some((g) => active.has(g.assignment_id) && ['granted', 'pendingGrant'].includes(g.state) && g.target_id === m.member_id && g.resource_origin_id === m.group_id && g.role_origin_id === roleOf(m));
    if (!held) problems.push(`open membership of ${membershipName(run, m)} that no active assignment grants`);
  }
  for (const g of s.grants) {
    const assignment = s.assignments.find((a) => a.id === g.assignment_id)!;
    const where = `grant of G${run.groupIds.indexOf(g.resource_origin_id)} to ${nameOf(run, g.target_id)} by assignment P${run.packages.findIndex((p) => p.id === assignment.access_package_id)} (${assignment.state}, ${assignment.is_active ? 'active' : 'ended'})`;
    if (assignment.is_active !== 1 && ['granted', 'pendingGrant', 'pendingRevoke'].includes(g.state)) problems.push(`${where} is still ${g.state}`);
    // A grant being retried (pendingGrant, its job backing off through an outage) is on its way.
    if (assignment.is_active !== 1 || assignment.state !== 'delivered' || g.state !== 'granted') continue;
    const open = s.memberships.some((m) => m.group_id === g.resource_origin_id && m.member_id === g.target_id && roleOf(m) === g.role_origin_id);
    if (!open) problems.push(`${where} is granted but has no open membership`);
  }
  if (final) {
    const now = run.t.clock().toISOString();
    for (const a of active.values()) if (a.end_date_time && a.end_date_time <= now) problems.push(`assignment ${a.id} ended at ${a.end_date_time} and is still active`);
  }
  expectNone(problems);
}

// ---- Property 3's oracle: the transitions advanceRequest allows ----

const events: RequestEvent[] = [
  ...[true, false].flatMap((flag) => [true, false].flatMap((startsLater) => [{ kind: 'accept' as const, approvalRequired: flag, startsLater }, { kind: 'approveStage' as const, isLastStage: flag, startsLater }])),
  ...(['deny', 'timeOut', 'escalate', 'cancel', 'startScheduled', 'reprocess'] as const).map((kind) => ({ kind })),
  ...[[1, 0], [1, 1], [0, 1]].map(([delivered, failed]) => ({ kind: 'finishDelivery' as const, delivered: delivered!, failed: failed! })),
];
type Observed = { state: string; status: string; completed: string | null };
const key = (o: { state: string; status: string }) => `${o.state}/${o.status}`;
function successors(from: { state: string; status: string }, only?: RequestEvent['kind']): Set<string> {
  const found = new Set<string>();
  for (const event of events) {
    if (only && event.kind !== only) continue;
    try {
      found.add(key(advanceRequest({ state: from.state as RequestState, status: from.status }, event)));
    } catch {
      // not a transition of the lifecycle
    }
  }
  return found;
}
const isFinal = (state: string) => successors({ state, status: '' }).size === 0;

/** Property 3: every change seen between two steps is one transition advanceRequest allows; final states stay. */
function trackTransitions(run: Run, seen: Map<string, Observed>, rows: AssignmentRequestsTable[]): string[] {
  const problems: string[] = [];
  for (const r of rows) {
    const now: Observed = { state: r.state, status: r.status, completed: r.completed_date_time };
    const before = seen.get(r.id);
    seen.set(r.id, now);
    if (!requestStates.includes(r.state as RequestState)) problems.push(`${describeRequest(run, r)} is in the unknown state ${r.state}`);
    if (!before) {
      if (!successors({ state: 'submitted', status: 'Accepted' }, 'accept').has(key(now))) problems.push(`${describeRequest(run, r)} appeared as ${key(now)}, which accepting a request never gives`);
      continue;
    }
    if (key(before) === key(now) && before.completed === now.completed) continue;
    if (isFinal(before.state)) problems.push(`${describeRequest(run, r)} changed from the final ${key(before)} (completed ${before.completed}) to ${key(now)} (completed ${now.completed})`);
    else if (key(before) !== key(now) && !successors(before).has(key(now))) problems.push(`${describeRequest(run, r)} moved ${key(before)} → ${key(now)}, which advanceRequest does not allow`);
    if (isOpenState(now.state as RequestState) === (now.completed !== null)) problems.push(`${describeRequest(run, r)} is ${now.state} with completedDateTime ${now.completed}`);
  }
  return problems;
}

describe.skipIf(skipReason())(`properties of the access lifecycle (${testDialect})`, () => {
  // One context per property, a fresh world per run: a fresh context per run would cost 50 ms more
  // a run on SQLite, but 300 ms and a database of its own each on PostgreSQL.
  let t: TestContext;
  let outage: Outage;
  beforeEach(async () => {
    t = await createTestContext();
    outage = injectOutage(t);
  });
  afterEach(async () => t?.close());

  const property = (observer: () => Observer) => fc.assert(fc.asyncProperty(worldSpec, actions, (spec, steps) => explore(t, outage, spec, steps, observer())), assertOptions());

  it('gives no access without every required approval (property 1)', () => property(() => ({ afterStep: (run) => checkNoAccessWithoutApproval(run) })), timeout);

  it('leaves no role behind once its last assignment has ended, and every delivered role in place (property 2)', () =>
    property(() => ({ afterStep: (run, step) => (step === 'final' || step.kind === 'drain' ? checkRolesMatchAssignments(run, step === 'final') : Promise.resolve()) })), timeout);

  it('moves requests only along the lifecycle’s transitions, and every request ends (property 3)', () =>
    property(() => {
      const seen = new Map<string, Observed>();
      return {
        afterStep: async (run) => expectNone(trackTransitions(run, seen, await requestRows(run))),
        atEnd: async (run) => expectNone((await requestRows(run)).filter((r) => isOpenState(r.state as RequestState)).map((r) => `${describeRequest(run, r)} is still ${r.state}`)),
      };
    }), timeout);
});
