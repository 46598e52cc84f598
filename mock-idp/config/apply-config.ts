/**
 * @module Applies a config file to the state: upserts users by UPN, groups by object id and apps by
 * name, keeping existing apps' certificates so an SP configured earlier keeps trusting the mock.
 */
import { dirname, resolve } from 'node:path';
import { MAX_CONFIG_BYTES, type ConfigFile } from './config-file.js';
import type { MockIdpState } from '../state/mock-idp-state.js';
import type { TenantState } from '../state/tenant-state.js';
import type { EnterpriseAppInput } from '../model/app.js';
import { MockIdpError } from '../errors.js';
import { definedOnly } from '../util/objects.js';
import { readBoundedFileSync } from '../util/bounded-read.js';

export interface SpMetadataApplier {
  (tenant: TenantState, appRef: string, metadataXml: string): void;
}

export function applyConfig(
  state: MockIdpState,
  config: ConfigFile,
  options: { configPath?: string; applySpMetadata?: SpMetadataApplier } = {},
): TenantState {
  const tenant = state.defaultTenant;
  for (const group of config.groups) {
    tenant.addGroup({ ...group, objectId: group.objectId ?? state.ids.guid() });
  }
  if (!config.includeDefaultUsers) {
    const configured = new Set(config.users.map((u) => u.userPrincipalName?.toLowerCase()));
    for (const user of tenant.listUsers()) {
      if (!configured.has(user.userPrincipalName.toLowerCase())) tenant.removeUser(user.objectId);
    }
  }
  for (const user of config.users) {
    const existing = tenant.findUser(user.userPrincipalName);
    const { objectId, ...fields } = user;
    if (existing) tenant.updateUser(existing.objectId, definedOnly(fields));
    else
      tenant.addUser({
        ...fields,
        userPrincipalName: user.userPrincipalName,
        displayName: user.displayName ?? user.userPrincipalName,
        objectId: objectId ?? state.ids.guid(),
      });
  }
  for (const app of config.apps) {
    const { spMetadataFile, ...settings } = app;
    const input = { ...settings, displayName: settings.displayName ?? settings.name } as EnterpriseAppInput;
    const existing = tenant.findApp(settings.name);
    if (existing) tenant.updateApp(existing.appId, input);
    else tenant.addApp(input);
    if (spMetadataFile) {
      if (!options.applySpMetadata)
        throw new MockIdpError('INVALID_CONFIG', 'spMetadataFile is not supported here');
      const path = options.configPath ? resolve(dirname(options.configPath), spMetadataFile) : spMetadataFile;
      let xml: string;
      try {
        xml = readBoundedFileSync(path, MAX_CONFIG_BYTES).toString('utf8');
      } catch (error) {
        throw new MockIdpError(
          'INVALID_CONFIG',
          `apps[${settings.name}].spMetadataFile: cannot read ${path}: ${(error as Error).message}`,
        );
      }
      options.applySpMetadata(tenant, settings.name, xml);
    }
  }
  return tenant;
}
