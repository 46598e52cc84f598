/**
 * @module The mock IdP's RSA keys in `samlspec demo`: six fixed test keys (fixtures/keys/demo-idp-keys.ts), one
 * for each certificate a whole-catalog demo makes (the in-memory tenant's app, the second tenant, the attacker,
 * the certificate rollover phase's three). Handed to the prepared keys (mock-idp/keys/prepared-keys.ts), each
 * is used at most once per process, so no two certificates of a demo share a key, exactly as with generated
 * ones; a demo that needs more generates the rest on the spot. Generating them had cost every demo ~0.9 s of CPU
 * on a two-core machine whose start-up and run are CPU-bound (docs/performance.md).
 */
import { DEMO_IDP_PRIVATE_KEYS } from '../../fixtures/keys/demo-idp-keys.js';
import { addPreparedKeys } from '../../mock-idp/internal.js';
import { once } from '../engine/once.js';

/** Makes the demo's fixed IdP keys the next ones handed out; once per process (a key is never handed out twice). */
export const seedDemoIdpKeys: () => void = once(() => addPreparedKeys(DEMO_IDP_PRIVATE_KEYS));
