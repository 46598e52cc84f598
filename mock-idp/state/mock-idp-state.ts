/**
 * @module The whole mock's state: one or more tenants (the first is the default), opened from a state
 * directory or kept in memory. Opening the same directory again gives the same tenants, apps and keys.
 */
import { tenantSchema, type Tenant } from '../model/tenant.js';
import { defaultUsers, DEFAULT_GROUPS } from '../directory/default-directory.js';
import { FileStatePersistence, MemoryStatePersistence, type StatePersistence } from './file-persistence.js';
import { TenantState } from './tenant-state.js';
import { randomIds, type IdGenerator } from '../util/ids.js';
import { systemClock, type Clock } from '../util/clock.js';
import { MockIdpError } from '../errors.js';

export const DEFAULT_STATE_DIR = '.samlspec';

export interface OpenStateOptions {
  /** Directory to persist to; omit to keep everything in memory (nothing is written). */
  stateDir?: string | undefined;
  /**
   * Persistence to open instead (stateDir is then ignored): e.g. a copy of an in-memory state made once,
   * whose keys a test reuses rather than generating new ones for every IdP it starts.
   */
  persistence?: StatePersistence | undefined;
  ids?: IdGenerator;
  clock?: Clock;
}

interface StateIndex {
  version: 1;
  defaultTenantId: string;
  tenantIds: string[];
}

export class MockIdpState {
  private readonly tenants = new Map<string, TenantState>();
  private index: StateIndex;

  private constructor(
    readonly persistence: StatePersistence,
    readonly ids: IdGenerator,
    readonly clock: Clock,
  ) {
    const stored = persistence.readJson('state.json') as StateIndex | undefined;
    this.index = stored ?? { version: 1, defaultTenantId: '', tenantIds: [] };
    for (const tenantId of this.index.tenantIds) {
      const raw = persistence.readJson(`tenants/${tenantId}/tenant.json`);
      const parsed = tenantSchema.safeParse(raw);
      if (!parsed.success)
        throw new MockIdpError('INVALID_CONFIG', `state file tenants/${tenantId}/tenant.json is damaged`);
      const tenant = new TenantState(parsed.data, persistence, ids, clock);
      tenant.load();
      this.tenants.set(tenantId, tenant);
    }
  }

  static open(options: OpenStateOptions = {}): MockIdpState {
    const persistence =
      options.persistence ??
      (options.stateDir ? new FileStatePersistence(options.stateDir) : new MemoryStatePersistence());
    // Under the lock: of several processes opening one fresh directory, one creates the tenant and the
    // others load it.
    return persistence.transaction(() => {
      const state = new MockIdpState(persistence, options.ids ?? randomIds, options.clock ?? systemClock);
      if (state.tenants.size === 0) state.createTenant({});
      return state;
    });
  }

  get location(): string | undefined {
    return this.persistence.location;
  }

  get defaultTenant(): TenantState {
    const tenant = this.tenants.get(this.index.defaultTenantId) ?? [...this.tenants.values()][0];
    if (!tenant) throw new MockIdpError('NOT_FOUND', 'the state has no tenant');
    return tenant;
  }

  listTenants(): TenantState[] {
    return [...this.tenants.values()];
  }

  /** Finds a tenant by GUID or by its verified domain (Entra accepts either in metadata URLs). */
  findTenant(idOrDomain: string): TenantState | undefined {
    const key = idOrDomain.toLowerCase();
    return (
      this.tenants.get(key) ?? this.listTenants().find((t) => t.tenant.primaryDomain.toLowerCase() === key)
    );
  }

  /** Creates a tenant with the built-in directory (B.Simon, a user without mail, a guest). */
  createTenant(input: Partial<Tenant>, options: { withDefaultDirectory?: boolean } = {}): TenantState {
    return this.persistence.transaction(() => this.createTenantLocked(input, options));
  }

  private createTenantLocked(
    input: Partial<Tenant>,
    options: { withDefaultDirectory?: boolean },
  ): TenantState {
    // Another process may have added tenants since this one loaded the index.
    const stored = this.persistence.shared
      ? (this.persistence.readJson('state.json') as StateIndex | undefined)
      : undefined;
    if (stored)
      this.index = { ...stored, tenantIds: [...new Set([...stored.tenantIds, ...this.index.tenantIds])] };
    const tenant = tenantSchema.parse({ tenantId: input.tenantId ?? this.ids.guid(), ...input });
    if (this.tenants.has(tenant.tenantId))
      throw new MockIdpError('CONFLICT', `tenant ${tenant.tenantId} already exists`);
    const state = new TenantState(tenant, this.persistence, this.ids, this.clock);
    if (options.withDefaultDirectory ?? true) {
      for (const group of DEFAULT_GROUPS) state.addGroup(group);
      for (const user of defaultUsers(tenant.primaryDomain)) state.addUser(user);
    }
    state.save();
    this.tenants.set(tenant.tenantId, state);
    this.index = {
      ...this.index,
      defaultTenantId: this.index.defaultTenantId || tenant.tenantId,
      tenantIds: [...this.index.tenantIds, tenant.tenantId],
    };
    this.persistence.writeJson('state.json', this.index);
    return state;
  }
}
