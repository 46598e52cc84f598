/**
 * @module The harness's one entry point into the mock IdP: the public API (./index.ts, unchanged and
 * published as 'samlspec/mock-idp') plus what runner/ and scenarios/ need beyond it. Not published as an
 * export: these are the mock's internals, and naming them here (rather than letting the harness import any
 * file under mock-idp/) keeps the boundary visible and the mock free to rearrange its files behind it.
 * test-support/import-graph.test.ts fails when runner/ or scenarios/ import any other mock-idp module.
 */
export * from './index.js';

// Constants and XML: scenarios state what they change in Entra's terms (claim types, algorithms) and
// their mutations edit and re-sign documents with the mock's own strict parser and signer.
export { ALG, CLAIM, NS, STATUS } from './constants/namespaces.js';
export { parseXml, serializeXml } from './util/xml.js';
export { parseYamlText } from './util/yaml.js';
export { signInPlace, signedText, domSigningEnabled } from './response/sign-on-dom.js';
export { escapeXmlAttr } from './util/xml-escape.js';
export { samlInstant } from './util/clock.js';
export { ENTRA_CERT_SUBJECT, cloneCertificate } from './keys/signing-certificate.js';
export { addPreparedKeys } from './keys/prepared-keys.js';

// Tenant set-up: `idp`, `run` and `demo` open the same state, create the app the SP was configured
// with, fill it from the SP's metadata and print the app's federation metadata, as an Entra admin would.
export { DEFAULT_APP_NAME, ensureApp } from './default-app.js';
export { MemoryStatePersistence } from './state/file-persistence.js';
export { applySpMetadataToApp } from './admin/apply-sp-metadata.js';
export { appMetadataFor } from './metadata/app-metadata.js';
export { SpMetadataError, appPatchFromSpMetadata, parseSpMetadata } from './metadata/sp-metadata.js';
export type { SpMetadata } from './metadata/sp-metadata.js';
export { activeCertificate } from './model/app.js';

// Model rules the harness applies as the mock does: who may sign in to an app (the lifecycle checks).
export { isAssigned } from './model/assignment.js';

// The protocol, driven from the harness's side: it reads the SP's AuthnRequest as Entra would, then
// builds (or takes the fast path for) the response a scenario delivers, and posts it as Entra's page does.
export { decodeSamlMessage, parseRedirectQuery, parseSamlMessage } from './protocol/decode-message.js';
export { checkSamlId, parseAuthnRequest } from './protocol/authn-request.js';
export type { ParsedAuthnRequest } from './protocol/authn-request.js';
export { resolveAuthnRequest } from './protocol/resolve-request.js';
export type { ReceivedRequest } from './protocol/resolve-request.js';
export { signedBaseline } from './response/fast-path.js';

// Single logout, from the harness's side: it reads the SP's LogoutRequest as Entra would (and checks its
// redirect signature), answers it with Entra's LogoutResponse or a changed one, and sends the IdP-initiated
// LogoutRequests (genuine and forged) of the logout phase.
export { verifyRedirectSignature } from './protocol/resolve-request.js';
export { buildIdpLogoutRequest } from './protocol/idp-logout-request.js';
export { buildLogoutResponse, findLogoutApp, parseLogoutRequest } from './protocol/logout.js';
export type { LogoutResponseOverrides, ParsedLogoutRequest } from './protocol/logout.js';
export { autoPostPage } from './http/pages/auto-post-page.js';

// Shared plumbing: the run config's errors read like the mock's config errors, and files are read bounded.
export { formatIssues } from './config/config-file.js';
export { FileTooLargeError, readBoundedFile, readBoundedFileSync } from './util/bounded-read.js';
