/**
 * @module Parsing and validating an AuthnRequest the way Entra does (docs/entra.md §3.2): elements are found
 * by namespace URI (never by prefix), ignored fields are not read, and each refusal carries Entra's code.
 */
import { AUTHN_CONTEXT_PASSWORD, BINDING, NAMEID_FORMAT, NS } from '../constants/namespaces.js';
import { childElements, type Element } from '../util/xml.js';
import { AadstsError, aadstsMessage } from './aadsts.js';
import { parseSamlMessage, type SamlMessageDocument } from './decode-message.js';

/** The parts of `<samlp:RequestedAuthnContext>` Entra evaluates. Only `exact` comparison is supported. */
export interface RequestedAuthnContext {
  comparison: 'exact';
  classRefs: string[];
}

/** `<samlp:Scoping>`: allowed, but only its list of identity providers, which Entra ignores. */
export interface ScopingInfo {
  /** ProviderID of each IDPList/IDPEntry, for diagnostics only. */
  idpEntries: string[];
}

export interface ParsedAuthnRequest {
  id: string;
  version: '2.0';
  issueInstant: string;
  /** Exact text of `<saml:Issuer>`, untrimmed: Entra compares it to the Identifiers byte for byte. */
  issuer: string;
  destination?: string | undefined;
  acsUrl?: string | undefined;
  acsIndex?: number | undefined;
  protocolBinding?: string | undefined;
  forceAuthn: boolean;
  isPassive: boolean;
  nameIdPolicyFormat?: string | undefined;
  requestedAuthnContext?: RequestedAuthnContext | undefined;
  /** Always false for an accepted request (a Subject is refused); kept so callers need not re-check. */
  hasSubject: boolean;
  scoping?: ScopingInfo | undefined;
  /** An enveloped `<ds:Signature>` is present (POST binding); verified only if the app requires it. */
  hasSignature: boolean;
}

/** NameIDPolicy formats Entra accepts; anything else is AADSTS75016. */
export const SUPPORTED_NAMEID_POLICY_FORMATS: readonly string[] = [
  NAMEID_FORMAT.persistent,
  NAMEID_FORMAT.emailAddress,
  NAMEID_FORMAT.unspecified,
  NAMEID_FORMAT.transient,
];

/**
 * Parses and validates an AuthnRequest: decoded XML text, or the result of `parseSamlMessage` when the
 * caller has already parsed it to dispatch on the message kind.
 * @throws AadstsError 75005 (not a valid AuthnRequest), 7500529 (ID starts with a digit), 75016
 *   (NameIDPolicy format), 900236 (Subject), 75006 (unsupported Scoping part), 75003 (ProtocolBinding),
 *   75011 (Comparison other than exact).
 */
export function parseAuthnRequest(input: string | SamlMessageDocument): ParsedAuthnRequest {
  const root = rootOf(input);
  const id = requireAttr(root, 'ID');
  checkSamlId(id);
  if (root.getAttribute('Version') !== '2.0') throw invalid('Version must be 2.0');
  const issueInstant = requireAttr(root, 'IssueInstant');
  const issuer = single(root, NS.saml, 'Issuer');
  if (!issuer) throw invalid('the Issuer element is missing');
  // Entra refuses a Subject instead of ignoring it: identity must come from the sign-in, not the SP.
  if (single(root, NS.saml, 'Subject')) throw new AadstsError('900236', { property: 'Subject' });
  const protocolBinding = optionalAttr(root, 'ProtocolBinding');
  if (protocolBinding !== undefined && protocolBinding !== BINDING.post) {
    throw new AadstsError('75003', { binding: protocolBinding });
  }
  return {
    id,
    version: '2.0',
    issueInstant,
    issuer: issuer.textContent ?? '',
    destination: optionalAttr(root, 'Destination'),
    acsUrl: optionalAttr(root, 'AssertionConsumerServiceURL'),
    acsIndex: acsIndex(root),
    protocolBinding,
    forceAuthn: booleanAttr(root, 'ForceAuthn'),
    isPassive: booleanAttr(root, 'IsPassive'),
    nameIdPolicyFormat: nameIdPolicyFormat(root),
    requestedAuthnContext: requestedAuthnContext(root),
    hasSubject: false,
    scoping: scoping(root),
    hasSignature: single(root, NS.ds, 'Signature') !== undefined,
  };
}

/** How the user proved their identity; the mock signs users in with a password only. */
export type AuthnMethod = 'password';

const AC_CLASSES = 'urn:oasis:names:tc:SAML:2.0:ac:classes:';
/**
 * Requested class references each method satisfies. PasswordProtectedTransport is not in Microsoft's
 * list but real Entra accepts it for password sign-ins (its 75011 message calls it "Password,
 * ProtectedTransport"), and it is the default of node-saml and many other SP libraries.
 */
const SATISFIED_BY: Record<AuthnMethod, readonly string[]> = {
  password: [AUTHN_CONTEXT_PASSWORD, `${AC_CLASSES}PasswordProtectedTransport`, `${AC_CLASSES}unspecified`],
};

/** AADSTS75011 unless one of the requested class references is satisfied by `method`. */
export function assertAuthnContextSatisfied(
  requested: RequestedAuthnContext | undefined,
  method: AuthnMethod,
): void {
  if (!requested) return;
  if (requested.classRefs.some((ref) => SATISFIED_BY[method].includes(ref))) return;
  throw new AadstsError('75011', { requested: requested.classRefs.join(', '), method });
}

/** Entra's xs:ID rule: present and not starting with a digit (AADSTS7500529). */
export function checkSamlId(id: string): void {
  if (/^[0-9]/.test(id)) throw new AadstsError('7500529', { value: id });
}

function rootOf(input: string | SamlMessageDocument): Element {
  const message = typeof input === 'string' ? parseSamlMessage(input) : input;
  if (message.kind !== 'AuthnRequest') throw invalid('the message is not an AuthnRequest');
  return message.root;
}

function acsIndex(root: Element): number | undefined {
  const value = optionalAttr(root, 'AssertionConsumerServiceIndex');
  if (value === undefined) return undefined;
  // xs:unsignedShort
  if (!/^\s*[0-9]{1,5}\s*$/.test(value) || Number(value) > 65535) {
    throw invalid('AssertionConsumerServiceIndex is not an unsigned short');
  }
  return Number(value);
}

function nameIdPolicyFormat(root: Element): string | undefined {
  const policy = single(root, NS.samlp, 'NameIDPolicy');
  const format = policy ? optionalAttr(policy, 'Format') : undefined;
  // AllowCreate and SPNameQualifier are ignored, as Entra documents.
  if (format !== undefined && !SUPPORTED_NAMEID_POLICY_FORMATS.includes(format)) {
    throw new AadstsError('75016', { format });
  }
  return format;
}

function requestedAuthnContext(root: Element): RequestedAuthnContext | undefined {
  const context = single(root, NS.samlp, 'RequestedAuthnContext');
  if (!context) return undefined;
  const comparison = optionalAttr(context, 'Comparison') ?? 'exact';
  // minimum/better/maximum would need an ordering of methods Entra does not have.
  if (comparison !== 'exact') throw new AadstsError('75011', { comparison });
  // Entra matches class references only; a declaration reference can never match.
  if (childElements(context, NS.saml, 'AuthnContextDeclRef').length > 0) {
    throw new AadstsError('75011', { detail: 'AuthnContextDeclRef' });
  }
  const classRefs = childElements(context, NS.saml, 'AuthnContextClassRef').map((e) =>
    (e.textContent ?? '').trim(),
  );
  if (classRefs.length === 0) throw invalid('RequestedAuthnContext has no AuthnContextClassRef');
  return { comparison: 'exact', classRefs };
}

/**
 * Microsoft: "If provided, don't include the ProxyCount attribute, IDPListOption or RequesterID
 * element, as they aren't supported." The IdP list itself is what Scoping carries, so IDPEntry is
 * accepted (and ignored); GetComplete, ProxyCount and RequesterID are refused as 75006 + 90011.
 */
function scoping(root: Element): ScopingInfo | undefined {
  const element = single(root, NS.samlp, 'Scoping');
  if (!element) return undefined;
  const unsupported = (property: string): AadstsError =>
    new AadstsError('75006', { property, detail: aadstsMessage('90011', { property }) });
  if (element.hasAttribute('ProxyCount')) throw unsupported('ProxyCount');
  if (childElements(element, NS.samlp, 'RequesterID').length > 0) throw unsupported('RequesterID');
  const idpList = single(element, NS.samlp, 'IDPList');
  if (idpList && childElements(idpList, NS.samlp, 'GetComplete').length > 0) throw unsupported('GetComplete');
  const entries = idpList ? childElements(idpList, NS.samlp, 'IDPEntry') : [];
  return { idpEntries: entries.map((e) => e.getAttribute('ProviderID') ?? '') };
}

/** The one child with this name, or undefined; two of them is ambiguous (which one did who read?). */
function single(parent: Element, ns: string, localName: string): Element | undefined {
  const found = childElements(parent, ns, localName);
  if (found.length > 1) throw invalid(`more than one ${localName} element`);
  return found[0];
}

function optionalAttr(element: Element, name: string): string | undefined {
  return element.hasAttribute(name) ? (element.getAttribute(name) ?? undefined) : undefined;
}

function requireAttr(element: Element, name: string): string {
  const value = optionalAttr(element, name);
  if (value === undefined || value.trim() === '') throw invalid(`the ${name} attribute is missing`);
  return value;
}

function booleanAttr(element: Element, name: string): boolean {
  const value = optionalAttr(element, name)?.trim();
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw invalid(`${name} is not an xs:boolean`);
}

function invalid(detail: string): AadstsError {
  return new AadstsError('75005', { detail });
}
