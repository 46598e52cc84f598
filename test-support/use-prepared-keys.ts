/**
 * @module vitest setup file of both projects: gives this test file the RSA keys generated up front
 * (prepared-keys-setup.ts), so its IdPs and SPs do not each generate theirs.
 */
import { inject } from 'vitest';
import { addPreparedKeys } from '../mock-idp/keys/prepared-keys.js';

addPreparedKeys(inject('preparedRsaKeys'));
