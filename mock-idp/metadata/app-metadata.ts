/**
 * @module Entra's federation metadata document, byte-faithful (docs/entra.md §1.2): UTF-8 BOM, lowercase
 * `utf-8` declaration, one line, enveloped exc-c14n/RSA-SHA256 Signature first, then the WS-Fed STS and
 * application-service RoleDescriptors and the IDPSSODescriptor. `buildAppMetadata` is the per-app
 * document ("App Federation Metadata Url"); tenant-metadata.ts reuses `buildFederationMetadata`.
 */
import type { Document, Element } from '@xmldom/xmldom';
import { BINDING, NS } from '../constants/namespaces.js';
import { certificateBase64 } from '../keys/signing-certificate.js';
import type { EnterpriseApp } from '../model/app.js';
import { tenantUrls } from '../model/tenant.js';
import type { SigningKey } from '../response/sign.js';
import { signedText } from '../response/sign-on-dom.js';
import type { TenantState } from '../state/tenant-state.js';
import { element, newDocument, type Attrs, type Child } from '../util/dom-builder.js';
import type { IdGenerator } from '../util/ids.js';
import { OFFERED_CLAIM_TYPES } from './claim-types.js';

/** Entra serves metadata with a BOM and its docs warn SPs about it; keeping it makes SPs prove they cope. */
export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
export const METADATA_XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
export const WSFED_PROTOCOL = 'http://docs.oasis-open.org/wsfed/federation/200706';

/** What distinguishes one federation metadata document from another. */
export interface FederationMetadataContent {
  /** EntityDescriptor@entityID, e.g. `https://sts.windows.net/{tid}/`. */
  entityId: string;
  /** fed:TargetScopes address (equals entityId, except for the `common` document). */
  targetScope: string;
  /** WS-Fed endpoint: STS, passive requestor and application service address. */
  wsfedUrl: string;
  /** SAML endpoint for SingleLogoutService and both SingleSignOnService bindings. */
  samlUrl: string;
  /** PEM certificates listed in each of the three role descriptors, in this order. */
  certificates: readonly string[];
  /** Signs the document; its certificate goes in Signature/KeyInfo. */
  signingKey: SigningKey;
  ids: IdGenerator;
}

export interface AppMetadataOptions {
  tenantId: string;
  /** The mock's base URL; endpoints are `tenantUrls(baseUrl, tenantId)`. */
  baseUrl: string;
  /** PEM certificates to publish: normally just the active one. */
  certificates: readonly string[];
  /** The app's active signing key. */
  signingKey: SigningKey;
  ids: IdGenerator;
}

/** The app-level federation metadata document as the exact bytes Entra serves. */
export function buildAppMetadata(options: AppMetadataOptions): Buffer {
  const urls = tenantUrls(options.baseUrl, options.tenantId);
  return buildFederationMetadata({
    entityId: urls.issuer,
    targetScope: urls.issuer,
    wsfedUrl: urls.wsfedUrl,
    samlUrl: urls.loginUrl,
    certificates: options.certificates,
    signingKey: options.signingKey,
    ids: options.ids,
  });
}

/**
 * The app metadata for an app in `state`: signed with the key its tokens are signed with (the active
 * certificate, or Entra's fallback when that has expired, docs/entra.md §5), listing that certificate and,
 * with `publishInactiveCertificates`, the other unexpired ones after it, so an SP can trust the next
 * certificate before it is made active.
 */
export function appMetadataFor(
  state: TenantState,
  app: EnterpriseApp,
  baseUrl: string,
  ids: IdGenerator,
  now: Date = new Date(),
): Buffer {
  const signing = state.signingMaterial(app);
  const others = app.publishInactiveCertificates
    ? app.certificates.filter((c) => c.id !== signing.record.id && now < new Date(c.notAfter))
    : [];
  return buildAppMetadata({
    tenantId: state.tenant.tenantId,
    baseUrl,
    certificates: [signing.certificatePem, ...others.map((c) => state.certificatePem(c.id))],
    signingKey: { privateKey: signing.privateKey, certificatePem: signing.certificatePem },
    ids,
  });
}

/** Builds, signs and serializes one federation metadata document. */
export function buildFederationMetadata(content: FederationMetadataContent): Buffer {
  const id = content.ids.samlId();
  const doc = newDocument();
  doc.appendChild(entityDescriptor(doc, id, content));
  const signed = signedText(doc, { key: content.signingKey, algorithm: 'sha256', elementId: id });
  return Buffer.concat([
    UTF8_BOM,
    Buffer.from(METADATA_XML_DECLARATION + dotNetEmptyElements(signed), 'utf8'),
  ]);
}

function entityDescriptor(doc: Document, id: string, content: FederationMetadataContent): Element {
  const md = (name: string, attrs: Attrs = [], children: readonly Child[] = []): Element =>
    element(doc, NS.md, name, attrs, children);
  const keyDescriptors = (): Element[] => content.certificates.map((pem) => keyDescriptor(doc, pem));
  const wsfedRole = (type: string, children: Element[]): Element =>
    md(
      'RoleDescriptor',
      [
        ['xsi:type', type],
        ['protocolSupportEnumeration', WSFED_PROTOCOL],
        ['xmlns:xsi', NS.xsi],
        ['xmlns:fed', NS.fed],
      ],
      [...keyDescriptors(), ...children],
    );
  const fed = (name: string, address: string): Element =>
    element(doc, NS.fed, `fed:${name}`, [], [endpointReference(doc, address)]);
  return md(
    'EntityDescriptor',
    [
      ['ID', id],
      ['entityID', content.entityId],
      ['xmlns', NS.md],
    ],
    [
      wsfedRole('fed:SecurityTokenServiceType', [
        claimTypesOffered(doc),
        fed('SecurityTokenServiceEndpoint', content.wsfedUrl),
        fed('PassiveRequestorEndpoint', content.wsfedUrl),
      ]),
      wsfedRole('fed:ApplicationServiceType', [
        fed('TargetScopes', content.targetScope),
        fed('ApplicationServiceEndpoint', content.wsfedUrl),
        fed('PassiveRequestorEndpoint', content.wsfedUrl),
      ]),
      // Order matters: gosaml2 (Hanko) and others take SingleSignOnService[0], which must be Redirect.
      md(
        'IDPSSODescriptor',
        [['protocolSupportEnumeration', NS.samlp]],
        [
          ...keyDescriptors(),
          md('SingleLogoutService', [
            ['Binding', BINDING.redirect],
            ['Location', content.samlUrl],
          ]),
          md('SingleSignOnService', [
            ['Binding', BINDING.redirect],
            ['Location', content.samlUrl],
          ]),
          md('SingleSignOnService', [
            ['Binding', BINDING.post],
            ['Location', content.samlUrl],
          ]),
        ],
      ),
    ],
  );
}

/** Each KeyDescriptor's KeyInfo redeclares the dsig default namespace, as Entra's bytes do. */
function keyDescriptor(doc: Document, certificatePem: string): Element {
  const ds = (name: string, attrs: Attrs, children: readonly Child[]): Element =>
    element(doc, NS.ds, name, attrs, children);
  return element(
    doc,
    NS.md,
    'KeyDescriptor',
    [['use', 'signing']],
    [
      ds(
        'KeyInfo',
        [['xmlns', NS.ds]],
        [ds('X509Data', [], [ds('X509Certificate', [], [certificateBase64(certificatePem)])])],
      ),
    ],
  );
}

/** Entra redeclares `xmlns:auth` on every ClaimType rather than once on the container. */
function claimTypesOffered(doc: Document): Element {
  return element(
    doc,
    NS.fed,
    'fed:ClaimTypesOffered',
    [],
    OFFERED_CLAIM_TYPES.map((claim) =>
      element(
        doc,
        NS.auth,
        'auth:ClaimType',
        [
          ['Uri', claim.uri],
          ['xmlns:auth', NS.auth],
        ],
        [
          element(doc, NS.auth, 'auth:DisplayName', [], [claim.displayName]),
          element(doc, NS.auth, 'auth:Description', [], [claim.description]),
        ],
      ),
    ),
  );
}

function endpointReference(doc: Document, address: string): Element {
  return element(
    doc,
    NS.wsa,
    'wsa:EndpointReference',
    [['xmlns:wsa', NS.wsa]],
    [element(doc, NS.wsa, 'wsa:Address', [], [address])],
  );
}

/**
 * .NET's XmlWriter writes empty elements as `<X a="b" />`. Only the bytes change (c14n expands empty
 * elements, so the signature still holds). Safe as a text edit: the serializer escapes `<` everywhere
 * outside markup and every attribute value is double-quoted, so the pattern only ever matches a tag.
 */
function dotNetEmptyElements(xml: string): string {
  return xml.replace(/(<[A-Za-z_][\w.:-]*(?:\s+[\w.:-]+="[^"]*")*)\/>/g, '$1 />');
}
