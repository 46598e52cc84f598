/** @module The entra scenario groups, composed explicitly so a missing import is a compile error. */
import type { ScenarioGroup } from '../define.js';
import claimsDirectory from './claims-directory.js';
import claimsValues from './claims-values.js';
import nameId from './name-id.js';
import signing from './signing.js';
import encryption from './encryption.js';
import tenants from './tenants.js';
import certificates from './certificates.js';
import logout from './logout.js';

export const groups: readonly ScenarioGroup[] = [
  claimsDirectory,
  claimsValues,
  nameId,
  signing,
  encryption,
  tenants,
  certificates,
  logout,
];
