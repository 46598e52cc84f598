/**
 * @module One tenant's directory: its users and groups, kept in `directory.json` and written whole on every
 * change. Lookups follow Entra: object ids and sign-in names (UPNs) match case-insensitively.
 */
import {
  groupSchema,
  userSchema,
  type DirectoryGroup,
  type DirectoryUser,
  type DirectoryUserInput,
} from '../model/user.js';
import type { StatePersistence } from './file-persistence.js';
import type { Atomically } from './atomically.js';
import { tenantRoot } from './tenant-files.js';
import { MockIdpError } from '../errors.js';

export type GroupInput = Parameters<typeof groupSchema.parse>[0];

export class TenantDirectory {
  private readonly users = new Map<string, DirectoryUser>();
  private readonly groups = new Map<string, DirectoryGroup>();

  constructor(
    private readonly tenantId: string,
    private readonly persistence: StatePersistence,
    private readonly atomically: Atomically,
  ) {}

  /** Replaces what is in memory with what was read from disk; writes nothing. */
  replace(users: readonly DirectoryUser[], groups: readonly DirectoryGroup[]): void {
    this.groups.clear();
    this.users.clear();
    for (const g of groups) this.putGroup(g, false);
    for (const u of users) this.putUser(u, false);
  }

  listUsers(): DirectoryUser[] {
    return [...this.users.values()];
  }

  listGroups(): DirectoryGroup[] {
    return [...this.groups.values()];
  }

  /** Finds a user by object id or UPN (case-insensitive, as Entra sign-in names are). */
  findUser(idOrUpn: string): DirectoryUser | undefined {
    const byId = this.users.get(idOrUpn.toLowerCase());
    if (byId) return byId;
    const wanted = idOrUpn.toLowerCase();
    return [...this.users.values()].find((u) => u.userPrincipalName.toLowerCase() === wanted);
  }

  addUser(input: DirectoryUserInput): DirectoryUser {
    return this.atomically(() => {
      const user = userSchema.parse(input);
      if (
        this.findUser(user.userPrincipalName) &&
        this.findUser(user.userPrincipalName)?.objectId !== user.objectId
      ) {
        throw new MockIdpError('CONFLICT', `a user with UPN ${user.userPrincipalName} already exists`);
      }
      this.putUser(user, true);
      return user;
    });
  }

  updateUser(idOrUpn: string, patch: Partial<DirectoryUserInput>): DirectoryUser {
    return this.atomically(() => {
      const existing = this.requireUser(idOrUpn);
      const updated = userSchema.parse({ ...existing, ...patch, objectId: existing.objectId });
      this.putUser(updated, true);
      return updated;
    });
  }

  removeUser(idOrUpn: string): void {
    return this.atomically(() => {
      const user = this.requireUser(idOrUpn);
      this.users.delete(user.objectId.toLowerCase());
      this.save();
    });
  }

  requireUser(idOrUpn: string): DirectoryUser {
    const user = this.findUser(idOrUpn);
    if (!user) throw new MockIdpError('NOT_FOUND', `no user ${idOrUpn} in tenant ${this.tenantId}`);
    return user;
  }

  addGroup(input: GroupInput): DirectoryGroup {
    return this.atomically(() => {
      const group = groupSchema.parse(input);
      this.putGroup(group, true);
      return group;
    });
  }

  findGroup(id: string): DirectoryGroup | undefined {
    return this.groups.get(id.toLowerCase());
  }

  /** Writes the whole directory (users and groups) to `directory.json`. */
  save(): void {
    this.persistence.writeJson(`${tenantRoot(this.tenantId)}/directory.json`, {
      users: this.listUsers(),
      groups: this.listGroups(),
    });
  }

  private putUser(user: DirectoryUser, persist: boolean): void {
    this.users.set(user.objectId.toLowerCase(), user);
    if (persist) this.save();
  }

  private putGroup(group: DirectoryGroup, persist: boolean): void {
    this.groups.set(group.objectId.toLowerCase(), group);
    if (persist) this.save();
  }
}
