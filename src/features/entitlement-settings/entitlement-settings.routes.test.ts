import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { em, type Reply } from '../../../test/helpers/entitlement-fixtures.js';
import { countRows, createTestContext, type TestContext } from '../../../test/helpers/test-app.js';
import { skipReason } from '../../../test/helpers/test-database.js';
import { directoryRoles } from '../../domain/roles.js';

const url = `${em}/settings`;

describe.skipIf(skipReason())('/v1.0/identityGovernance/entitlementManagement/settings', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t?.close());

  const get = (token = t.admin.token, query = '') => t.request(token, { method: 'GET', url: `${url}${query}` });
  const patch = (payload: unknown, token = t.admin.token) => t.request(token, { method: 'PATCH', url, payload: payload as never });
  const stored = () => t.handle.db.selectFrom('entitlement_management_settings').selectAll().execute();
  const settingsAudits = async () =>
    (await t.request(t.admin.token, { method: 'GET', url: "/v1.0/auditLogs/directoryAudits?$filter=activityDisplayName eq 'Update entitlement management settings'" })).json().value;

  /** A refused PATCH: its status, code and the property it names, with the settings and the audit log as they were. */
  async function expectRefused(send: () => Promise<Reply>, status: number, code: string, names?: string | RegExp) {
    const before = { settings: await stored(), audits: await countRows(t, 'directory_audits') };
    const response = await send();
    expect(response.statusCode, response.body).toBe(status);
    const { error } = response.json();
    expect(error.code).toBe(code);
    if (typeof names === 'string') expect(error.target).toBe(names);
    else if (names) expect(`${error.target ?? ''} ${error.message}`).toMatch(names);
    expect({ settings: await stored(), audits: await countRows(t, 'directory_audits') }).toEqual(before);
  }

  it("answers Entra's defaults until someone changes them", async () => {
    const response = await get();
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      '@odata.context': 'http://tessera.test/v1.0/$metadata#identityGovernance/entitlementManagement/settings/$entity',
      '@odata.type': '#microsoft.graph.entitlementManagementSettings',
      id: expect.any(String),
      externalUserLifecycleAction: 'blockSignInAndDelete',
      durationUntilExternalUserDeletedAfterBlocked: 'P30D',
    });
    expect(await stored()).toEqual([]);
    expect(Object.keys((await get(t.admin.token, '?$select=externalUserLifecycleAction')).json()).sort()).toEqual(['@odata.context', '@odata.type', 'externalUserLifecycleAction', 'id']);
  });

  it('changes one property at a time, keeps the other, and audits what changed', async () => {
    expect((await patch({ externalUserLifecycleAction: 'blockSignIn' })).statusCode).toBe(204);
    expect((await get()).json()).toMatchObject({ externalUserLifecycleAction: 'blockSignIn', durationUntilExternalUserDeletedAfterBlocked: 'P30D' });
    t.clock.advance(60_000);
    // Graph's SDKs send the type annotation along.
    expect((await patch({ '@odata.type': '#microsoft.graph.entitlementManagementSettings', durationUntilExternalUserDeletedAfterBlocked: 'P90D' })).statusCode).toBe(204);
    expect((await get()).json()).toMatchObject({ externalUserLifecycleAction: 'blockSignIn', durationUntilExternalUserDeletedAfterBlocked: 'P90D' });
    const [latest, first] = await settingsAudits();
    expect(latest).toMatchObject({ category: 'EntitlementManagement', loggedByService: 'Entitlement Management', operationType: 'Update' });
    expect(latest.targetResources[0]).toMatchObject({
      type: 'EntitlementManagementSettings',
      modifiedProperties: [{ displayName: 'durationUntilExternalUserDeletedAfterBlocked', oldValue: '"P30D"', newValue: '"P90D"' }],
    });
    expect(first.targetResources[0].modifiedProperties).toEqual([{ displayName: 'externalUserLifecycleAction', oldValue: '"blockSignInAndDelete"', newValue: '"blockSignIn"' }]);
    // The same values again: 204, and no audit entry.
    expect((await patch({ externalUserLifecycleAction: 'blockSignIn', durationUntilExternalUserDeletedAfterBlocked: 'P90D' })).statusCode).toBe(204);
    expect((await patch({})).statusCode).toBe(204);
    expect(await settingsAudits()).toHaveLength(2);
    expect((await patch({ externalUserLifecycleAction: 'none' })).statusCode).toBe(204);
    expect((await get()).json().externalUserLifecycleAction).toBe('none');
  });

  it('lets Global Readers read and Identity Governance Administrators change them; nobody else', async () => {
    const reader = await t.addUser({ displayName: 'Gus Reader' }, [directoryRoles.globalReader.id]);
    const governance = await t.addUser({ displayName: 'Gina Governance' }, [directoryRoles.identityGovernanceAdministrator.id]);
    const userAdministrator = await t.addUser({ displayName: 'Uma Users' }, [directoryRoles.userAdministrator.id]);
    expect((await get(reader.token)).statusCode).toBe(200);
    await expectRefused(() => patch({ externalUserLifecycleAction: 'blockSignIn' }, reader.token), 403, 'Authorization_RequestDenied');
    await expectRefused(() => get(t.member.token), 403, 'Authorization_RequestDenied');
    await expectRefused(() => patch({ externalUserLifecycleAction: 'blockSignIn' }, t.member.token), 403, 'Authorization_RequestDenied');
    await expectRefused(() => patch({ externalUserLifecycleAction: 'blockSignIn' }, userAdministrator.token), 403, 'Authorization_RequestDenied');
    await expectRefused(() => t.request(undefined, { method: 'GET', url }), 401, 'InvalidAuthenticationToken');
    expect((await patch({ externalUserLifecycleAction: 'blockSignInAndDelete' }, governance.token)).statusCode).toBe(204);
  });

  describe('refuses bad values with the property named, and writes nothing', () => {
    const cases: [string, unknown, string | RegExp][] = [
      ['an unknown action', { externalUserLifecycleAction: 'deleteNow' }, 'externalUserLifecycleAction'],
      ["Graph's unknownFutureValue", { externalUserLifecycleAction: 'unknownFutureValue' }, 'externalUserLifecycleAction'],
      ['a null action', { externalUserLifecycleAction: null }, 'externalUserLifecycleAction'],
      ['a duration that is not one', { durationUntilExternalUserDeletedAfterBlocked: 'thirty days' }, 'durationUntilExternalUserDeletedAfterBlocked'],
      ['a duration over a year', { durationUntilExternalUserDeletedAfterBlocked: 'P400D' }, 'durationUntilExternalUserDeletedAfterBlocked'],
      ['a number of days', { durationUntilExternalUserDeletedAfterBlocked: 30 }, 'durationUntilExternalUserDeletedAfterBlocked'],
      ['an empty duration', { durationUntilExternalUserDeletedAfterBlocked: '' }, 'durationUntilExternalUserDeletedAfterBlocked'],
      ['a bad duration beside a good action', { externalUserLifecycleAction: 'blockSignIn', durationUntilExternalUserDeletedAfterBlocked: 'P2Y' }, 'durationUntilExternalUserDeletedAfterBlocked'],
      ["the beta API's property", { daysUntilExternalUserDeletedAfterBlocked: 30 }, /daysUntilExternalUserDeletedAfterBlocked/],
      ['the read-only id', { id: 'other' }, /\bid\b/],
    ];
    it.each(cases)('%s', async (_name, payload, names) => {
      await expectRefused(() => patch(payload), 400, 'Request_BadRequest', names);
    });
  });
});
