import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { freePort } from './postgres-cluster.js';

/**
 * A throwaway OpenLDAP server (Debian's slapd) on loopback, with a configuration file of its own
 * in a temporary folder: one mdb database under `suffix`, administered by `cn=admin,<suffix>`.
 * `.ci/run` installs slapd; without it the tests that need one are skipped and say why.
 */
export type OpenLdap = { url: string; port: number; suffix: string; adminDn: string; adminPassword: string; stop: () => Promise<void>; pause: () => Promise<void>; resume: () => Promise<void> };

const slapdPath = '/usr/sbin/slapd';
export const slapdMissing = existsSync(slapdPath) ? '' : 'slapd is not installed (apt-get install slapd ldap-utils; .ci/run does)';

export async function startOpenLdap(suffix = 'dc=example,dc=org', adminPassword = 'ldap-admin-secret'): Promise<OpenLdap> {
  const folder = mkdtempSync(join(tmpdir(), 'tessera-ldap-'));
  mkdirSync(join(folder, 'data'));
  const port = await freePort();
  const adminDn = `cn=admin,${suffix}`;
  const config = join(folder, 'slapd.conf');
  writeFileSync(
    config,
    [
      ...['core', 'cosine', 'inetorgperson', 'nis'].map((schema) => `include /etc/ldap/schema/${schema}.schema`),
      'modulepath /usr/lib/ldap',
      'moduleload back_mdb',
      `pidfile ${join(folder, 'slapd.pid')}`,
      'database mdb',
      'maxsize 104857600',
      `suffix "${suffix}"`,
      `rootdn "${adminDn}"`,
      `rootpw ${adminPassword}`,
      `directory ${join(folder, 'data')}`,
      'index objectClass eq',
      'index member,uniqueMember eq',
      'index cn,uid,mail eq,sub',
    ].join('\n'),
  );
  const url = `ldap://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    // In the foreground (-d 0), so that the test owns the process and nothing outlives it.
    child = spawn(slapdPath, ['-f', config, '-h', `${url}/`, '-d', '0'], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const client = new Client({ url, connectTimeout: 500 });
      try {
        await client.bind(adminDn, adminPassword);
        await client.unbind();
        return;
      } catch (error) {
        if (Date.now() > deadline || child?.exitCode !== null) {
          // Nothing is left running behind a failed start.
          await halt();
          throw new Error(`slapd did not start on ${url}: ${String(error)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  const halt = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      // slapd flushes and exits on SIGTERM; one that has not within five seconds is killed.
      const kill = setTimeout(() => running.kill('SIGKILL'), 5_000);
      running.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      running.kill('SIGTERM');
    });
  };
  try {
    await start();
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    port,
    suffix,
    adminDn,
    adminPassword,
    pause: halt,
    resume: start,
    stop: async () => {
      await halt();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A client bound as the directory's administrator (the caller unbinds it). */
export async function bindAdmin(ldap: OpenLdap): Promise<Client> {
  const client = new Client({ url: ldap.url });
  await client.bind(ldap.adminDn, ldap.adminPassword);
  return client;
}

/** The tree every target test starts from: the suffix's entry, ou=groups and ou=people under it. Returns the bound administrator. */
export async function seedGroupsAndPeople(ldap: OpenLdap): Promise<Client> {
  const admin = await bindAdmin(ldap);
  const dc = /^dc=([^,]+)/i.exec(ldap.suffix)![1]!;
  await admin.add(ldap.suffix, { objectClass: ['dcObject', 'organization'], dc, o: dc });
  for (const ou of ['groups', 'people']) await admin.add(`ou=${ou},${ldap.suffix}`, { objectClass: 'organizationalUnit', ou });
  return admin;
}
