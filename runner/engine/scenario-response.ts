/**
 * @module Builds the exact response a scenario sends: the mock IdP's real baseline for the flow (the
 * same code path as the IdP's own endpoints), changed by the scenario's overrides before it is built,
 * its mutations at their stage, and its signing choices (key, option, algorithm, encryption).
 */
import { randomBytes } from 'node:crypto';
import type { Document } from '@xmldom/xmldom';
import {
  NS,
  assertionContentFor,
  buildResponseDraft,
  type AssertionContent,
  finishResponse,
  type ResponseHooks,
  signedBaseline,
  parseXml,
  serializeXml,
  samlInstant,
  domSigningEnabled,
} from '../../mock-idp/internal.js';
import type { TenantState, EnterpriseApp, IdGenerator } from '../../mock-idp/internal.js';
import type {
  DomMutation,
  KeyPair,
  MutationContext,
  ResponseOverrides,
  Scenario,
  TextMutation,
} from '../../scenarios/types.js';
import { once } from './once.js';
import { shift } from './relative-time.js';
import { HarnessError } from '../errors.js';

/** Where and to whom this delivery answers: the result of the flow so far. */
export interface FlowTarget {
  acsUrl: string;
  audience: string;
  inResponseTo?: string | undefined;
  requestedNameIdFormat?: string | undefined;
}

export interface ScenarioIdp {
  tenant: TenantState;
  app: EnterpriseApp;
  /** A second tenant of the same mock with the same app registered (cross-tenant scenarios). */
  otherTenant: TenantState;
  otherApp: EnterpriseApp;
  attacker: KeyPair;
  /** In the certificate rollover phase: the keys of the retired and the never-published certificate. */
  rollover?: { retired: KeyPair; neverPublished: KeyPair } | undefined;
  ids: IdGenerator;
  baselineUser: string;
  victim: string;
  /** The SP's encryption certificate, when it has one. */
  spEncryptionCertificate?: string | undefined;
  /** The SP's email domain (--sp-domain), for domain-mismatch mutations. */
  spDomain?: string | undefined;
}

export interface BuiltResponse {
  /** The exact text posted (before base64). */
  xml: string;
  /**
   * The unmodified baseline for the same inputs, for showing the mutation as a diff. Built when first
   * read: only a report that shows the result in full reads it (a pass's evidence is dropped unread).
   */
  readonly baselineXml: string;
}

export async function buildScenarioResponse(
  scenario: Scenario,
  target: FlowTarget,
  idp: ScenarioIdp,
  now: Date,
  /** The run's signing option for this flow (calibrated), when the scenario does not choose one. */
  defaultSigning?: 'assertion' | 'response' | 'both',
): Promise<BuiltResponse> {
  const overrides = scenario.response ?? {};
  const tenant = overrides.tenant === 'other' ? idp.otherTenant : idp.tenant;
  const app = overrides.tenant === 'other' ? idp.otherApp : idp.app;
  const user = tenant.requireUser(overrides.user ?? counterpart(idp.baselineUser, tenant));
  const issuedAt = overrides.issuedAt ? shift(now, overrides.issuedAt) : now;
  const content = applyContentOverrides(
    assertionContentFor(tenant, app, { user, authnInstant: issuedAt }, target),
    overrides,
    target,
  );
  const material = tenant.signingMaterial(app);
  const idpKey: KeyPair = { privateKey: material.privateKey, certificatePem: material.certificatePem };
  let nonce: string | undefined;
  const ctx: MutationContext = {
    keys: { idp: idpKey, attacker: idp.attacker },
    identities: { baseline: user.userPrincipalName, victim: idp.victim },
    acsUrl: target.acsUrl,
    audience: target.audience,
    issuer: content.issuer,
    now,
    spDomain: idp.spDomain,
    // Drawn when a mutation first reads it (the signature-wrapping ones): a random draw is a system call,
    // and most responses have no use for one.
    get nonce() {
      return (nonce ??= randomBytes(6).toString('hex'));
    },
  };
  const mutations = scenario.mutations ?? [];
  const before = mutations.filter((m): m is DomMutation => m.stage === 'before-sign');
  const after = mutations.filter((m): m is DomMutation => m.stage === 'after-sign');
  const text = mutations.filter((m): m is TextMutation => m.stage === 'serialized');
  const encryption = overrides.encrypt
    ? {
        certificate: requireEncryptionCertificate(idp),
        dataAlgorithm: overrides.encrypt,
        keyAlgorithm: 'rsa-oaep-mgf1p' as const,
      }
    : app.encryption;
  const signing = {
    option: overrides.sign ?? defaultSigning ?? app.signing.option,
    algorithm: overrides.signatureAlgorithm ?? app.signing.algorithm,
    key:
      overrides.signingKey === 'attacker'
        ? idp.attacker
        : overrides.signingCertificate
          ? rolloverKey(idp, overrides.signingCertificate)
          : idpKey,
  };
  // The baseline draft and the sent response take the same ids, so the report's diff shows only the change.
  const ids = replayingIds(idp.ids);
  const baselineIds = ids.replay();
  const baseline = once(() =>
    serializeXml(buildResponseDraft(content, { ids: baselineIds, now: issuedAt }).document),
  );
  const deps = { ids: ids.replay(), now: issuedAt };
  const beforeSignWork = before.length > 0 || hasDomOverrides(overrides);
  // After-sign mutations edit the signed draft itself (no serialize and parse in between); with the DOM
  // signer switched off (its byte-identity test), they edit the signed text parsed back, as before it.
  const afterOnDraft = after.length > 0 && domSigningEnabled();
  let xml: string;
  if (beforeSignWork || afterOnDraft) {
    const hooks: ResponseHooks = {
      beforeSign: (doc) => {
        applyDomOverrides(doc, overrides, issuedAt);
        for (const m of before) m.apply(doc, ctx);
      },
      ...(afterOnDraft ? { afterSign: (doc: Document) => after.forEach((m) => m.apply(doc, ctx)) } : {}),
    };
    xml = await finishResponse(buildResponseDraft(content, deps), { signing, encryption, hooks });
  } else {
    // Nothing changes before signing: the IdP's own baseline path (fast, byte-identical to xml-crypto's).
    xml = (await signedBaseline(content, deps, { signing, encryption })).xml;
  }
  if (after.length > 0 && !afterOnDraft) {
    const doc = parseXml(xml);
    for (const m of after) m.apply(doc, ctx);
    xml = serializeXml(doc);
  }
  for (const m of text) xml = m.apply(xml, ctx);
  return {
    xml,
    get baselineXml() {
      return baseline();
    },
  };
}

function hasDomOverrides(o: ResponseOverrides): boolean {
  return (
    o.destination !== undefined ||
    o.recipient !== undefined ||
    o.audience === null ||
    o.notBefore !== undefined ||
    o.notOnOrAfter !== undefined ||
    o.subjectNotOnOrAfter !== undefined
  );
}

/** Ids taken once and handed out again by every `replay()`. */
function replayingIds(source: IdGenerator): { replay(): IdGenerator } {
  const guids: string[] = [];
  const samlIds: string[] = [];
  return {
    replay() {
      let g = 0;
      let s = 0;
      return {
        guid: () => ((guids[g] ??= source.guid()), guids[g++]!),
        samlId: () => ((samlIds[s] ??= source.samlId()), samlIds[s++]!),
      };
    },
  };
}

/** The baseline user's counterpart in another tenant: same local part, that tenant's domain. */
function counterpart(upn: string, tenant: TenantState): string {
  if (tenant.findUser(upn)) return upn;
  return `${upn.split('@')[0]}@${tenant.tenant.primaryDomain}`;
}

function requireEncryptionCertificate(idp: ScenarioIdp): string {
  if (!idp.spEncryptionCertificate) throw new Error('the SP has no encryption certificate');
  return idp.spEncryptionCertificate;
}

function applyContentOverrides(
  content: AssertionContent,
  o: ResponseOverrides,
  target: FlowTarget,
): AssertionContent {
  let claims = [...content.claims];
  for (const [name, values] of Object.entries(o.attributes ?? {})) {
    claims = claims.filter((c) => c.name !== name);
    if (values.length > 0) claims.push({ name, values: [...values] });
  }
  return {
    ...content,
    issuer: o.issuer ?? content.issuer,
    audience: typeof o.audience === 'string' ? o.audience : content.audience,
    inResponseTo: o.inResponseTo === null ? undefined : (o.inResponseTo ?? target.inResponseTo),
    nameId: { format: o.nameIdFormat ?? content.nameId.format, value: o.nameId ?? content.nameId.value },
    claims,
  };
}

/** Overrides that are attribute edits on the built DOM (still before signing, so they are signed). */
function applyDomOverrides(doc: Document, o: ResponseOverrides, issuedAt: Date): void {
  const first = (local: string) => doc.getElementsByTagNameNS(NS.saml, local)[0];
  const response = doc.documentElement!;
  const conditions = first('Conditions');
  const confirmation = first('SubjectConfirmationData');
  if (o.destination === null) response.removeAttribute('Destination');
  else if (o.destination) response.setAttribute('Destination', o.destination);
  if (o.recipient === null) confirmation?.removeAttribute('Recipient');
  else if (o.recipient) confirmation?.setAttribute('Recipient', o.recipient);
  if (o.audience === null) {
    const restriction = first('AudienceRestriction');
    restriction?.parentNode?.removeChild(restriction);
  }
  if (o.notBefore === null) conditions?.removeAttribute('NotBefore');
  else if (o.notBefore) conditions?.setAttribute('NotBefore', samlInstant(shift(issuedAt, o.notBefore)));
  if (o.notOnOrAfter) {
    const value = samlInstant(shift(issuedAt, o.notOnOrAfter));
    conditions?.setAttribute('NotOnOrAfter', value);
    confirmation?.setAttribute('NotOnOrAfter', value);
  }
  if (o.subjectNotOnOrAfter)
    confirmation?.setAttribute('NotOnOrAfter', samlInstant(shift(issuedAt, o.subjectNotOnOrAfter)));
}

/** A rollover-phase certificate's key; outside the phase the scenario cannot be built (a harness error). */
function rolloverKey(idp: ScenarioIdp, which: 'retired' | 'never-published'): KeyPair {
  if (!idp.rollover)
    throw new HarnessError(
      'SCENARIO_INVALID',
      `signingCertificate '${which}' exists only in the certificate rollover phase`,
    );
  return which === 'retired' ? idp.rollover.retired : idp.rollover.neverPublished;
}
