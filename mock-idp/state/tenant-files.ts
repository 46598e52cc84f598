/**
 * @module Reading one tenant's stored directory and apps: every file is parsed before any of it is used, so a
 * damaged file leaves the state in memory as it was and names the file to restore.
 */
import { appSchema, type EnterpriseApp } from '../model/app.js';
import { groupSchema, userSchema, type DirectoryGroup, type DirectoryUser } from '../model/user.js';
import type { StatePersistence } from './file-persistence.js';
import { MockIdpError } from '../errors.js';

/** What a tenant keeps on disk besides its keys and its own record. */
export interface TenantFiles {
  users: DirectoryUser[];
  groups: DirectoryGroup[];
  apps: EnterpriseApp[];
}

/** The state directory's folder for one tenant. */
export function tenantRoot(tenantId: string): string {
  return `tenants/${tenantId}`;
}

/** Reads `directory.json` and `apps/*.json`; a tenant with neither reads as empty. */
export function readTenantFiles(persistence: StatePersistence, tenantId: string): TenantFiles {
  const root = tenantRoot(tenantId);
  const parse = <T>(schema: StoredSchema<T>, raw: unknown, file: string): T => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success)
      throw new MockIdpError(
        'STATE_UNUSABLE',
        `state file ${root}/${file} is damaged; restore it or remove the state directory to start over`,
      );
    return parsed.data;
  };
  const directory = persistence.readJson(`${root}/directory.json`) as
    { users?: unknown[]; groups?: unknown[] } | undefined;
  const groups = (directory?.groups ?? []).map((g) => parse(groupSchema, g, 'directory.json'));
  const users = (directory?.users ?? []).map((u) => parse(userSchema, u, 'directory.json'));
  const apps: EnterpriseApp[] = [];
  for (const file of persistence.list(`${root}/apps`)) {
    if (!file.endsWith('.json')) continue;
    apps.push(parse(appSchema, persistence.readJson(`${root}/apps/${file}`), `apps/${file}`));
  }
  return { users, groups, apps };
}

type StoredSchema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false } };
