import { secretBox } from '../../src/features/connected-systems/secret-box.js';
import { unitOfWork } from '../../src/db/group-commit.js';
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { createConnectorRegistry } from '../../src/connectors/registry.js';
import type { DatabaseHandle } from '../../src/db/dialect.js';
import { systemPrincipal, type Actor } from '../../src/domain/principal.js';
import { directoryRoles } from '../../src/domain/roles.js';
import { buildUser, type NewUserFields, type User } from '../../src/domain/user.js';
import { hashToken, insertToken } from '../../src/features/authorization/access-tokens.repo.js';
import { insertRoleAssignment } from '../../src/features/authorization/role-assignments.repo.js';
import type { Deps } from '../../src/features/deps.js';
import type { MailMessage, Mailer } from '../../src/features/notifications/mailer.js';
import { insertUsers } from '../../src/features/users/users.repo.js';
import { jobHandlers } from '../../src/jobs/job-handlers.js';
import { createJobWorker, type JobWorker } from '../../src/jobs/job-worker.js';
import type { OidcSettings } from '../../src/config.js';
import { freePort } from './postgres-cluster.js';
import { freshDatabase } from './test-database.js';

/** A clock tests can move. */
export type TestClock = { now: Date; (): Date; advance(milliseconds: number): void };

/** The wall clock, in TestClock's shape; it cannot be moved. */
function wallClock(): TestClock {
  const clock = (() => new Date()) as TestClock;
  Object.defineProperty(clock, 'now', { get: () => new Date() });
  clock.advance = () => {
    throw new Error('A real-time test context cannot move its clock.');
  };
  return clock;
}

export function testClock(start = '2026-11-26T09:00:00.000Z'): TestClock {
  const clock = (() => clock.now) as TestClock;
  clock.now = new Date(start);
  clock.advance = (milliseconds) => {
    clock.now = new Date(clock.now.getTime() + milliseconds);
  };
  return clock;
}

export type TestContext = {
  handle: DatabaseHandle;
  deps: Deps;
  app: FastifyInstance;
  /** Where the app is reached (it listens there with options.listen). */
  publicUrl: string;
  clock: TestClock;
  /** The job worker, not started: `await t.jobs.drain()` runs every job due by the test clock. */
  jobs: JobWorker;
  /** The e-mail the jobs sent, in order (with the default in-memory mailer; empty with options.mailer). */
  mail: MailMessage[];
  /** A Global Administrator and a plain member, with tokens. */
  admin: User & { token: string };
  member: User & { token: string };
  system: Actor;
  addUser(fields: Partial<NewUserFields>, roles?: string[]): Promise<User & { token: string }>;
  request(token: string | undefined, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
};

/** A mailer that keeps what it is given, so tests can read the notifications without SMTP. */
export function memoryMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
    },
    async close() {},
  };
}

const silentLog = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };

/**
 * `realTime`: the wall clock and a running job worker, woken by changes as in production — for
 * the few tests about timing itself (access ending within seconds of its end).
 * `listen`: the app listens on 127.0.0.1 at a free port, which is its public URL — for tests that
 * need a real client (a browser's redirects, an OpenID provider calling back).
 * `clockStart`: where the test clock starts (e.g. now, when cookies' expiry dates must be real).
 * `portalRoot`: where the built portal is (dist/web by default, served when it has been built).
 */
export async function createTestContext(
  options: { publicUrl?: string; https?: { key: string; cert: string }; mailer?: Mailer; realTime?: boolean; listen?: boolean; clockStart?: string; oidc?: OidcSettings; demoIdentityProvider?: boolean; portalRoot?: string } = {},
): Promise<TestContext> {
  const handle = await freshDatabase();
  const clock = options.realTime ? wallClock() : testClock(options.clockStart);
  const deps: Deps = { db: handle.db, dialect: handle.dialect, clock, connectors: createConnectorRegistry(handle.db, clock), transact: unitOfWork(handle.db, handle.dialect), wakeJobs: () => {}, secrets: secretBox(randomBytes(32)) };
  const port = options.listen ? await freePort() : undefined;
  const publicUrl = port !== undefined ? `http://127.0.0.1:${port}` : (options.publicUrl ?? 'http://tessera.test');
  const recorded = memoryMailer();
  const handlers = jobHandlers(deps, { mailer: options.mailer ?? recorded, publicUrl, log: silentLog });
  // Tests run due jobs when they choose (t.jobs.drain()), with the test's clock, for determinism.
  const jobs = createJobWorker({ db: handle.db, dialect: handle.dialect, clock, handlers, log: silentLog });
  const app = await buildApp(deps, {
    config: { bodyLimitBytes: 64 * 1024, logLevel: 'silent', publicUrl, oidc: options.oidc },
    logger: false,
    demoIdentityProvider: options.demoIdentityProvider,
    ...(options.portalRoot ? { portalRoot: options.portalRoot } : {}),
    ...(options.https ? { https: options.https } : {}),
  });
  if (port !== undefined) await app.listen({ host: '127.0.0.1', port });
  if (options.realTime) {
    deps.wakeJobs = jobs.wake;
    jobs.start();
  }

  async function addUser(fields: Partial<NewUserFields>, roles: string[] = []): Promise<User & { token: string }> {
    const id = randomUUID();
    const name = fields.userPrincipalName ?? `user-${id.slice(0, 8)}@example.com`;
    const user = buildUser({ displayName: name.split('@')[0]!, ...fields, userPrincipalName: name }, id, clock());
    await insertUsers(handle.db, [{ user, managerId: null }], clock().toISOString());
    for (const roleId of roles) {
      await insertRoleAssignment(handle.db, 'directory', { roleDefinitionId: roleId, principalId: user.id, appScopeId: null }, null, clock().toISOString());
    }
    const token = `test_${randomUUID()}`;
    await insertToken(handle.db, user.id, hashToken(token), clock().toISOString(), '2099-01-01T00:00:00.000Z', 'test');
    return { ...user, token };
  }

  const admin = await addUser({ userPrincipalName: 'admin@example.com', displayName: 'Ada Admin' }, [directoryRoles.globalAdministrator.id]);
  const member = await addUser({ userPrincipalName: 'mia@example.com', displayName: 'Mia Member', department: 'Sales' });

  return {
    handle,
    deps,
    app,
    publicUrl,
    clock,
    jobs,
    mail: recorded.sent,
    admin,
    member,
    system: { correlationId: randomUUID(), principal: systemPrincipal('tests') },
    addUser,
    request: (token, options) =>
      app.inject({ ...options, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(options.headers ?? {}) } }),
    close: async () => {
      await app.close();
      await jobs.stop();
      await deps.connectors.close();
      await handle.close();
    },
  };
}

/** Counts rows of a table, to prove that a refused write left nothing behind. */
export async function countRows(context: TestContext, table: 'users' | 'groups' | 'group_memberships' | 'directory_audits' | 'catalogs' | 'resources' | 'access_packages' | 'access_package_resource_role_scopes' | 'role_assignments' | 'user_sponsors' | 'access_package_incompatibilities' | 'resource_requests' | 'resource_roles' | 'resource_scopes' | 'assignment_policies' | 'connected_systems'): Promise<number> {
  const row = await context.handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}
