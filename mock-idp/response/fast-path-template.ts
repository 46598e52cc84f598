/**
 * @module Templates for the signing fast path. A template is learnt by running the real pipeline
 * (buildResponseDraft + finishResponse, i.e. xml-crypto) ONCE per response shape, with every value
 * replaced by a unique marker, and cutting the result at the markers: the posted bytes, the exclusive
 * canonical form of each signed element and of each SignedInfo. The structure therefore always comes
 * from xml-crypto; the fast path only fills in values, digests and signature values.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { ExclusiveCanonicalization } from 'xml-crypto';
import { NS } from '../constants/namespaces.js';
import { addMs, samlInstant } from '../util/clock.js';
import type { IdGenerator } from '../util/ids.js';
import { firstChildElement, parseXml, serializeXml, type Element } from '../util/xml.js';
import { buildResponseDraft, type AssertionContent } from './build-response.js';
import { afterReparse, escapeForCanonical, escapeForOutput, type ValueContext } from './fast-path-escape.js';
import { finishResponse } from './finish-response.js';
import type { SigningAlgorithm, SigningKey } from './sign.js';

/** Signing options the fast path covers ('none' has nothing to speed up). */
export type FastSigningOption = 'assertion' | 'response' | 'both';

export interface FastSigning {
  option: FastSigningOption;
  algorithm: SigningAlgorithm;
  key: SigningKey;
}

/** A hole in a template: a content or id value, a derived instant, or a signature's computed parts. */
export type Slot =
  | { kind: 'value'; index: number; context: ValueContext }
  | { kind: 'instant'; base: 'now' | 'authn'; offsetMs: number }
  | { kind: 'digest' | 'signatureValue'; signature: number };
export type Part = string | Slot;

export interface SignatureTemplate {
  /** Canonical form of the signed element without its own Signature (the enveloped transform). */
  canonical: Part[];
  /** Canonical SignedInfo, as signed. */
  signedInfo: Part[];
}

export interface BaselineTemplate {
  /** Number of content values (see visitContentValues); id values follow them in the values array. */
  contentValueCount: number;
  /** How many times the draft builder asks for an id; the fast path must ask as often, in order. */
  idCount: number;
  /** Positions in the values array of the Response and Assertion IDs. */
  responseIdIndex: number;
  assertionIdIndex: number;
  output: Part[];
  /** In signing order: the Assertion's signature before the Response's. */
  signatures: SignatureTemplate[];
}

export interface RenderInputs {
  values: readonly string[];
  now: Date;
  authnInstant: Date;
  digests: readonly string[];
  signatureValues: readonly string[];
}

/** Calls `map` on every string of `content` that ends up in the response, in one fixed order. */
export function visitContentValues(
  content: AssertionContent,
  map: (value: string) => string,
): AssertionContent {
  const result: AssertionContent = {
    ...content,
    issuer: map(content.issuer),
    acsUrl: map(content.acsUrl),
    audience: map(content.audience),
    inResponseTo: content.inResponseTo === undefined ? undefined : map(content.inResponseTo),
    nameId: { format: map(content.nameId.format), value: map(content.nameId.value) },
    claims: content.claims.map((claim) => ({ name: map(claim.name), values: claim.values.map(map) })),
  };
  if (content.authnContextClassRef !== undefined)
    result.authnContextClassRef = map(content.authnContextClassRef);
  return result;
}

// Marker characters are private-use code points: XML text, unchanged by every escaping rule involved.
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';
const marker = (token: string): string => `${MARK_OPEN}${token}${MARK_CLOSE}`;
const PIECE = /\uE000([vds])(\d+)\uE001|(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)/g;
// Far-apart reference instants, so each instant in the template is attributable to one of them.
const TEMPLATE_NOW = new Date('2001-02-03T04:05:06.007Z');
const TEMPLATE_AUTHN = new Date('1971-02-03T04:05:06.007Z');

/** Learns the template for `content`'s shape by signing a marker-valued copy with xml-crypto. */
export async function learnTemplate(
  content: AssertionContent,
  signing: FastSigning,
): Promise<BaselineTemplate> {
  let next = 0;
  const markerContent = visitContentValues(content, () => marker(`v${next++}`));
  markerContent.authnInstant = TEMPLATE_AUTHN;
  const contentValueCount = next;
  const markerIds: IdGenerator = { guid: () => marker(`v${next++}`), samlId: () => marker(`v${next++}`) };
  const draft = buildResponseDraft(markerContent, { ids: markerIds, now: TEMPLATE_NOW });
  const signed = await finishResponse(draft, { signing });
  const doc = parseXml(signed);
  const response = doc.documentElement!;
  const assertion = firstChildElement(response, NS.saml, 'Assertion');
  const signedElements = [
    ...(signing.option === 'response' ? [] : [assertion]),
    ...(signing.option === 'assertion' ? [] : [response]),
  ];
  const found = signedElements.map((element) => signatureOf(element));
  const digests = found.map((f) => f.digestValue.textContent ?? '');
  const signatureValues = found.map((f) => f.signatureValue.textContent ?? '');
  found.forEach((f, k) => {
    f.digestValue.textContent = marker(`d${k}`);
    f.signatureValue.textContent = marker(`s${k}`);
  });
  const signatures = found.map(({ element, signature }) => {
    const following = signature.nextSibling;
    element.removeChild(signature);
    const canonical = split(canonicalize(element));
    element.insertBefore(signature, following);
    return { canonical, signedInfo: split(canonicalize(firstChildElement(signature, NS.ds, 'SignedInfo')!)) };
  });
  const output = split(serializeXml(doc));
  const indexOf = (id: string): number => Number(/^\uE000v(\d+)\uE001$/.exec(id)?.[1] ?? NaN);
  const template: BaselineTemplate = {
    contentValueCount,
    idCount: next - contentValueCount,
    responseIdIndex: indexOf(draft.responseId),
    assertionIdIndex: indexOf(draft.assertionId),
    output,
    signatures,
  };
  selfCheck(
    template,
    { signed, digests, signatureValues, values: Array.from({ length: next }, (_, i) => marker(`v${i}`)) },
    signing,
  );
  return template;
}

/** xml-crypto's exc-c14n, the one its signer digests with (its typings name the DOM lib's Element). */
function canonicalize(element: Element): string {
  return new ExclusiveCanonicalization().process(
    element as unknown as Parameters<ExclusiveCanonicalization['process']>[0],
    {},
  );
}

function signatureOf(element: Element | undefined): {
  element: Element;
  signature: Element;
  digestValue: Element;
  signatureValue: Element;
} {
  const signature = element && firstChildElement(element, NS.ds, 'Signature');
  const signedInfo = signature && firstChildElement(signature, NS.ds, 'SignedInfo');
  const reference = signedInfo && firstChildElement(signedInfo, NS.ds, 'Reference');
  const digestValue = reference && firstChildElement(reference, NS.ds, 'DigestValue');
  const signatureValue = signature && firstChildElement(signature, NS.ds, 'SignatureValue');
  if (!element || !signature || !digestValue || !signatureValue) {
    throw new FastPathTemplateError('the signed template lacks an expected Signature');
  }
  return { element, signature, digestValue, signatureValue };
}

/** Cuts `text` at markers and instants; a piece inside a start tag is an attribute value. */
function split(text: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(PIECE)) {
    const start = match.index;
    if (start > last) parts.push(text.slice(last, start));
    last = start + match[0].length;
    const [, kind, number, instant] = match;
    if (instant !== undefined) {
      const at = Date.parse(instant);
      const base =
        Math.abs(at - TEMPLATE_NOW.getTime()) < Math.abs(at - TEMPLATE_AUTHN.getTime()) ? 'now' : 'authn';
      parts.push({
        kind: 'instant',
        base,
        offsetMs: at - (base === 'now' ? TEMPLATE_NOW : TEMPLATE_AUTHN).getTime(),
      });
    } else if (kind === 'v') {
      const inTag = text.lastIndexOf('<', start) > text.lastIndexOf('>', start);
      parts.push({ kind: 'value', index: Number(number), context: inTag ? 'attribute' : 'text' });
    } else {
      parts.push({ kind: kind === 'd' ? 'digest' : 'signatureValue', signature: Number(number) });
    }
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Fills a template: `output` mode gives the posted bytes, `canonical` mode the digested/signed bytes. */
export function render(parts: readonly Part[], mode: 'output' | 'canonical', inputs: RenderInputs): string {
  const escape = mode === 'output' ? escapeForOutput : escapeForCanonical;
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') text += part;
    else if (part.kind === 'value')
      text += escape(afterReparse(inputs.values[part.index] ?? '', part.context), part.context);
    else if (part.kind === 'instant')
      text += samlInstant(addMs(part.base === 'now' ? inputs.now : inputs.authnInstant, part.offsetMs));
    else if (part.kind === 'digest') text += inputs.digests[part.signature] ?? '';
    else text += inputs.signatureValues[part.signature] ?? '';
  }
  return text;
}

/**
 * Refuses a template that does not reproduce xml-crypto's own result for the marker document: same
 * bytes, same digests, and SignedInfo bytes that its signature value verifies over. Runs once per shape.
 */
function selfCheck(
  template: BaselineTemplate,
  reference: { signed: string; digests: string[]; signatureValues: string[]; values: string[] },
  signing: FastSigning,
): void {
  const inputs: RenderInputs = { ...reference, now: TEMPLATE_NOW, authnInstant: TEMPLATE_AUTHN };
  if (render(template.output, 'output', inputs) !== reference.signed) {
    throw new FastPathTemplateError('template output differs from the xml-crypto result');
  }
  const hash = signing.algorithm === 'sha1' ? 'sha1' : 'sha256';
  const publicKey = createPublicKey(signing.key.privateKey);
  template.signatures.forEach((sig, k) => {
    const digest = createHash(hash)
      .update(render(sig.canonical, 'canonical', inputs), 'utf8')
      .digest('base64');
    const signedInfo = Buffer.from(render(sig.signedInfo, 'canonical', inputs), 'utf8');
    const value = Buffer.from(reference.signatureValues[k] ?? '', 'base64');
    if (digest !== reference.digests[k] || !verify(hash, signedInfo, publicKey, value)) {
      throw new FastPathTemplateError(`template signature ${k} differs from the xml-crypto result`);
    }
  });
  if (!Number.isInteger(template.responseIdIndex) || !Number.isInteger(template.assertionIdIndex)) {
    throw new FastPathTemplateError('template ids are not plain generated ids');
  }
}

/** The template could not be learnt faithfully; callers fall back to the DOM + xml-crypto path. */
export class FastPathTemplateError extends Error {
  readonly code = 'FAST_PATH_TEMPLATE';
  constructor(message: string) {
    super(message);
    this.name = 'FastPathTemplateError';
  }
}
