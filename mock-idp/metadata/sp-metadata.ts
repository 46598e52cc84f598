/**
 * @module SP metadata as the portal's "Upload metadata file" reads it (docs/entra.md §4.1): untrusted XML,
 * parsed through `parseUntrustedXml` (no DTDs, bounded size, BOM accepted), reduced to the fields a
 * SAML app's Basic SAML Configuration needs. Failures are `SpMetadataError`s with a stable `code`.
 */
import { X509Certificate } from 'node:crypto';
import { BINDING, NS } from '../constants/namespaces.js';
import { toPem } from '../keys/signing-certificate.js';
import {
  isAllowedReplyUrl,
  isHttpUrl,
  type EnterpriseApp,
  type EnterpriseAppInput,
  type ReplyUrl,
} from '../model/app.js';
import { childElements, descendants, parseUntrustedXml, XmlParseError, type Element } from '../util/xml.js';

export type SpMetadataErrorCode =
  | 'INVALID_XML'
  | 'DTD_NOT_ALLOWED'
  | 'NOT_METADATA'
  | 'NO_SP_DESCRIPTOR'
  | 'MULTIPLE_SP_ENTITIES'
  | 'NO_ENTITY_ID'
  | 'NO_ACS'
  | 'INVALID_CERTIFICATE';

/** Entra's limit per Reply URL (model/app.ts enforces the same). */
const MAX_REPLY_URL_LENGTH = 256;

export class SpMetadataError extends Error {
  constructor(
    readonly code: SpMetadataErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'SpMetadataError';
  }
}

/** An AssertionConsumerService endpoint, attributes as written (index absent when missing or invalid). */
export interface SpAcsEndpoint {
  binding: string;
  location: string;
  index?: number;
  /** True only for an explicit `isDefault="true"` (or `"1"`). */
  isDefault: boolean;
}

export interface SpSloEndpoint {
  binding: string;
  location: string;
  /** Where LogoutResponses go, when it differs from `location`. */
  responseLocation?: string;
}

export interface SpMetadata {
  /** EntityDescriptor@entityID, verbatim: Entra compares Identifiers exactly (trailing slash included). */
  entityId: string;
  assertionConsumerServices: SpAcsEndpoint[];
  singleLogoutServices: SpSloEndpoint[];
  /** PEM certificates from KeyDescriptors with use="signing" or no use. */
  signingCertificates: string[];
  /** PEM certificates from KeyDescriptors with use="encryption" or no use. */
  encryptionCertificates: string[];
  authnRequestsSigned: boolean;
  wantAssertionsSigned: boolean;
  nameIdFormats: string[];
  /** What was unusual but still read (e.g. an SPSSODescriptor split into several, as some generators write it). */
  warnings?: string[];
}

/** Parses SP metadata: an EntityDescriptor, or an EntitiesDescriptor holding exactly one SP entity. */
export function parseSpMetadata(input: string | Uint8Array): SpMetadata {
  const entity = spEntity(parseDocumentElement(input));
  const entityId = entity.getAttribute('entityID')?.trim();
  if (!entityId) throw new SpMetadataError('NO_ENTITY_ID', 'EntityDescriptor has no entityID');
  const parts = saml2SpDescriptors(entity);
  const sp = parts[0]!;
  // Some metadata generators (older xmlbuilder-based ones) write one SPSSODescriptor per child element;
  // Entra's upload rejects nothing it can read, so read them as one descriptor and say so.
  const children = (local: string): Element[] => parts.flatMap((part) => childElements(part, NS.md, local));
  const warnings =
    parts.length > 1
      ? [
          `the SP metadata splits its SPSSODescriptor into ${parts.length} elements; read as one (a single SPSSODescriptor is what SAML metadata §2.4.4 means)`,
        ]
      : [];
  const assertionConsumerServices = children('AssertionConsumerService').map(acsEndpoint);
  if (assertionConsumerServices.length === 0) {
    throw new SpMetadataError('NO_ACS', `SPSSODescriptor of ${entityId} has no AssertionConsumerService`);
  }
  const keys = children('KeyDescriptor');
  const certificatesFor = (use: 'signing' | 'encryption'): string[] =>
    unique(
      keys.filter((k) => [use, ''].includes(k.getAttribute('use')?.trim() ?? '')).flatMap(certificatesOf),
    );
  return {
    entityId,
    assertionConsumerServices,
    singleLogoutServices: children('SingleLogoutService').map(sloEndpoint),
    signingCertificates: certificatesFor('signing'),
    encryptionCertificates: certificatesFor('encryption'),
    authnRequestsSigned: xsBoolean(sp.getAttribute('AuthnRequestsSigned')),
    wantAssertionsSigned: xsBoolean(sp.getAttribute('WantAssertionsSigned')),
    nameIdFormats: children('NameIDFormat').map((e) => (e.textContent ?? '').trim()),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

function parseDocumentElement(input: string | Uint8Array): Element {
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
  try {
    return parseUntrustedXml(text).documentElement!;
  } catch (error) {
    if (!(error instanceof XmlParseError)) throw error;
    const code = error.reason === 'dtd' ? 'DTD_NOT_ALLOWED' : 'INVALID_XML';
    throw new SpMetadataError(code, `SP metadata is not acceptable XML: ${error.message}`, { cause: error });
  }
}

function spEntity(root: Element): Element {
  const isMd = (name: string): boolean => root.namespaceURI === NS.md && root.localName === name;
  if (isMd('EntityDescriptor')) return root;
  if (!isMd('EntitiesDescriptor')) {
    throw new SpMetadataError(
      'NOT_METADATA',
      `not SAML 2.0 metadata: root element is {${root.namespaceURI ?? ''}}${root.localName}`,
    );
  }
  const sps = descendants(root, NS.md, 'EntityDescriptor').filter(
    (e) => childElements(e, NS.md, 'SPSSODescriptor').length > 0,
  );
  if (sps.length === 0)
    throw new SpMetadataError('NO_SP_DESCRIPTOR', 'EntitiesDescriptor contains no SP entity');
  // One upload configures one app; picking one of several SPs would configure the wrong one silently.
  if (sps.length > 1)
    throw new SpMetadataError(
      'MULTIPLE_SP_ENTITIES',
      `EntitiesDescriptor contains ${sps.length} SP entities`,
    );
  return sps[0]!;
}

/** The SAML 2.0 SPSSODescriptor, first; then descriptors that declare no protocol at all (split parts of it). */
function saml2SpDescriptors(entity: Element): [Element, ...Element[]] {
  const descriptors = childElements(entity, NS.md, 'SPSSODescriptor');
  const saml2 = descriptors.find((d) =>
    (d.getAttribute('protocolSupportEnumeration') ?? '').split(/\s+/).includes(NS.samlp),
  );
  if (saml2) {
    const parts = descriptors.filter((d) => d !== saml2 && !d.hasAttribute('protocolSupportEnumeration'));
    return [saml2, ...parts];
  }
  throw new SpMetadataError(
    'NO_SP_DESCRIPTOR',
    descriptors.length === 0
      ? 'EntityDescriptor has no SPSSODescriptor'
      : 'no SPSSODescriptor supports SAML 2.0',
  );
}

function acsEndpoint(e: Element): SpAcsEndpoint {
  const index = (e.getAttribute('index') ?? '').trim();
  return {
    binding: (e.getAttribute('Binding') ?? '').trim(),
    location: (e.getAttribute('Location') ?? '').trim(),
    ...(/^\d{1,5}$/.test(index) && Number(index) <= 65535 ? { index: Number(index) } : {}),
    isDefault: xsBoolean(e.getAttribute('isDefault')),
  };
}

function sloEndpoint(e: Element): SpSloEndpoint {
  const responseLocation = e.getAttribute('ResponseLocation')?.trim();
  return {
    binding: (e.getAttribute('Binding') ?? '').trim(),
    location: (e.getAttribute('Location') ?? '').trim(),
    ...(responseLocation ? { responseLocation } : {}),
  };
}

function certificatesOf(keyDescriptor: Element): string[] {
  return descendants(keyDescriptor, NS.ds, 'X509Certificate').map((e) => {
    const pem = toPem(e.textContent ?? '');
    try {
      new X509Certificate(pem);
    } catch (error) {
      throw new SpMetadataError(
        'INVALID_CERTIFICATE',
        'a KeyDescriptor holds an X509Certificate that does not parse',
        {
          cause: error,
        },
      );
    }
    return pem;
  });
}

function xsBoolean(value: string | null): boolean {
  const v = value?.trim();
  return v === 'true' || v === '1';
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

// ---- "Upload metadata file": metadata → Basic SAML Configuration ----

export type SkipReason = 'unsupported-binding' | 'invalid-url' | 'not-https' | 'too-long' | 'duplicate';

/** An endpoint the import left out, and why (shown to the user, as the portal flags rejected URLs). */
export interface SkippedEndpoint {
  service: 'AssertionConsumerService' | 'SingleLogoutService';
  binding: string;
  location: string;
  reason: SkipReason;
}

export interface AppPatchOptions {
  /** The app being configured: its verification and encryption settings other than certificates are kept. */
  existing?: Pick<EnterpriseApp, 'verification' | 'encryption'>;
  /** Also set the token encryption certificate (the portal's upload leaves Token encryption alone). */
  includeEncryption?: boolean;
}

export interface SpMetadataImport {
  patch: Partial<EnterpriseAppInput>;
  skipped: SkippedEndpoint[];
}

/**
 * What "Upload metadata file" fills in: the entityID as the (default) Identifier, the HTTP-POST ACS
 * endpoints Entra accepts as Reply URLs (Entra answers only by POST), the HTTP-Redirect SLO endpoint as
 * Logout Url (Entra logs out only by Redirect) and the signing certificates as verification
 * certificates, without turning "require verification certificates" on. Fields with nothing usable are
 * left out of the patch, so an import never blanks existing settings.
 */
export function appPatchFromSpMetadata(meta: SpMetadata, options: AppPatchOptions = {}): SpMetadataImport {
  const skipped: SkippedEndpoint[] = [];
  const patch: Partial<EnterpriseAppInput> = {
    identifiers: [meta.entityId],
    defaultIdentifier: meta.entityId,
  };
  const replyUrls = importReplyUrls(meta.assertionConsumerServices, skipped);
  if (replyUrls.length > 0) patch.replyUrls = replyUrls;
  const logoutUrl = importLogoutUrl(meta.singleLogoutServices, skipped);
  if (logoutUrl !== undefined) patch.logoutUrl = logoutUrl;
  if (meta.signingCertificates.length > 0) {
    const verification = options.existing?.verification;
    patch.verification = {
      required: verification?.required ?? false,
      allowSha1: verification?.allowSha1 ?? false,
      certificates: meta.signingCertificates,
    };
  }
  const encryptionCertificate = meta.encryptionCertificates[0];
  if (options.includeEncryption && encryptionCertificate !== undefined) {
    patch.encryption = { ...options.existing?.encryption, certificate: encryptionCertificate };
  }
  return { patch, skipped };
}

function importReplyUrls(endpoints: readonly SpAcsEndpoint[], skipped: SkippedEndpoint[]): ReplyUrl[] {
  const replyUrls: ReplyUrl[] = [];
  for (const acs of endpoints) {
    const skip = (reason: SkipReason): void => {
      skipped.push({
        service: 'AssertionConsumerService',
        binding: acs.binding,
        location: acs.location,
        reason,
      });
    };
    if (acs.binding !== BINDING.post) skip('unsupported-binding');
    else if (!isAllowedReplyUrl(acs.location)) skip(URL.canParse(acs.location) ? 'not-https' : 'invalid-url');
    else if (acs.location.length > MAX_REPLY_URL_LENGTH) skip('too-long');
    // Entra keys Reply URLs by URL; a second index for the same URL cannot be represented.
    else if (replyUrls.some((r) => r.url === acs.location)) skip('duplicate');
    else {
      // Only one Reply URL may be the default; metadata with several isDefault="true" keeps the first.
      const isDefault = acs.isDefault && !replyUrls.some((r) => r.isDefault);
      replyUrls.push({
        url: acs.location,
        ...(acs.index !== undefined ? { index: acs.index } : {}),
        ...(isDefault ? { isDefault: true } : {}),
      });
    }
  }
  return replyUrls;
}

/** Entra sends its LogoutResponse to the Logout Url, so ResponseLocation wins over Location. */
function importLogoutUrl(
  endpoints: readonly SpSloEndpoint[],
  skipped: SkippedEndpoint[],
): string | undefined {
  let logoutUrl: string | undefined;
  for (const slo of endpoints) {
    const target = slo.responseLocation ?? slo.location;
    const skip = (reason: SkipReason): void => {
      skipped.push({ service: 'SingleLogoutService', binding: slo.binding, location: target, reason });
    };
    if (slo.binding !== BINDING.redirect) skip('unsupported-binding');
    // http(s) only: a `javascript:` Logout URL would be where the mock redirects the browser.
    else if (!isHttpUrl(target)) skip('invalid-url');
    else if (logoutUrl !== undefined) skip('duplicate');
    else logoutUrl = target;
  }
  return logoutUrl;
}
