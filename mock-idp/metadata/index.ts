/** @module Federation metadata: the IdP documents the mock publishes and the SP metadata it imports. */
export * from './claim-types.js';
export * from './app-metadata.js';
export * from './tenant-metadata.js';
export * from './sp-metadata.js';
