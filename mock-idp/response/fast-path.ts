/**
 * @module Signing fast path for the unmodified baseline Response (docs/performance.md). xml-crypto spends ~1–2.5 ms
 * per response on parsing, XPath and canonicalization against ~0.3 ms of RSA; here the canonical form
 * is learnt once per response shape (fast-path-template.ts) and each response costs escaping, one
 * SHA digest and one RSA signature per signed element. The output is byte-for-byte what
 * buildResponseDraft + finishResponse produce for the same inputs (fast-path.test.ts proves it over
 * randomized values). Anything that mutates a response (hooks, encryption, scenarios) must not use it.
 */
import { createHash, sign } from 'node:crypto';
import { setBounded } from '../util/bounded-map.js';
import type { IdGenerator } from '../util/ids.js';
import { buildResponseDraft, type AssertionContent } from './build-response.js';
import { isXmlText } from './fast-path-escape.js';
import {
  FastPathTemplateError,
  learnTemplate,
  render,
  visitContentValues,
  type BaselineTemplate,
  type FastSigning,
  type RenderInputs,
} from './fast-path-template.js';
import { finishResponse, type FinishOptions } from './finish-response.js';

export type { FastSigning, FastSigningOption } from './fast-path-template.js';
export { FastPathTemplateError };

export interface SignedBaseline {
  xml: string;
  responseId: string;
  assertionId: string;
  issuedAt: Date;
  /** Which path produced it (for benchmarks and diagnostics). */
  path: 'fast' | 'xml-crypto';
}

export class FastPathNotApplicableError extends Error {
  readonly code = 'FAST_PATH_NOT_APPLICABLE';
  constructor(message: string) {
    super(message);
    this.name = 'FastPathNotApplicableError';
  }
}

// Fields whose handling the template knows. An unknown field could change the bytes without changing
// the template's shape key, so its presence sends the response down the DOM path.
const KNOWN_CONTENT_KEYS = new Set([
  'issuer',
  'acsUrl',
  'audience',
  'inResponseTo',
  'nameId',
  'claims',
  'authnInstant',
  'authnContextClassRef',
  'attributeNameFormat',
]);

/**
 * True when `fastSignedBaseline` can produce this response: signing only (no hooks, no encryption, option
 * assertion/response/both), known content fields, a valid authnInstant, and every value non-empty XML text.
 */
export function fastPathApplies(content: AssertionContent, options: FinishOptions): boolean {
  const { hooks, encryption, signing } = options;
  if (encryption !== undefined || signing.option === 'none') return false;
  if (hooks && (hooks.beforeSign || hooks.afterSign || hooks.serialized)) return false;
  return contentProblem(content) === undefined;
}

function contentProblem(content: AssertionContent): string | undefined {
  for (const key of Object.keys(content))
    if (!KNOWN_CONTENT_KEYS.has(key)) return `unknown content field ${key}`;
  if (!(content.authnInstant instanceof Date) || Number.isNaN(content.authnInstant.getTime()))
    return 'invalid authnInstant';
  let problem: string | undefined;
  visitContentValues(content, (value) => {
    // Empty text serializes as `<X/>` after xml-crypto's re-parse; an empty attribute is no baseline either.
    if (problem === undefined && (value === '' || !isXmlText(value)))
      problem = 'a value is empty or not XML text';
    return value;
  });
  return problem;
}

/** Signs the baseline response for `content` without xml-crypto (after the first of its shape). */
export async function fastSignedBaseline(
  content: AssertionContent,
  deps: { ids: IdGenerator; now: Date },
  signing: FastSigning,
): Promise<SignedBaseline> {
  const problem = contentProblem(content);
  if (problem !== undefined) throw new FastPathNotApplicableError(problem);
  return signChecked(content, deps, signing, templateFor(content, signing));
}

/** fastSignedBaseline once contentProblem() found nothing: signedBaseline has just checked, once is enough. */
async function signChecked(
  content: AssertionContent,
  deps: { ids: IdGenerator; now: Date },
  signing: FastSigning,
  learnt: Promise<BaselineTemplate>,
): Promise<SignedBaseline> {
  const template = await learnt;
  const values: string[] = [];
  visitContentValues(content, (value) => {
    values.push(value);
    return value;
  });
  for (let i = 0; i < template.idCount; i++) {
    const id = deps.ids.samlId();
    if (id === '' || !isXmlText(id))
      throw new FastPathNotApplicableError('the id generator gave a value that is not XML text');
    values.push(id);
  }
  const inputs: RenderInputs & { digests: string[]; signatureValues: string[] } = {
    values,
    now: deps.now,
    authnInstant: content.authnInstant,
    digests: [],
    signatureValues: [],
  };
  const hash = signing.algorithm === 'sha1' ? 'sha1' : 'sha256';
  for (const signature of template.signatures) {
    inputs.digests.push(
      createHash(hash)
        .update(render(signature.canonical, 'canonical', inputs), 'utf8')
        .digest('base64'),
    );
    const signedInfo = Buffer.from(render(signature.signedInfo, 'canonical', inputs), 'utf8');
    inputs.signatureValues.push(sign(hash, signedInfo, signing.key.privateKey).toString('base64'));
  }
  return {
    xml: render(template.output, 'output', inputs),
    responseId: values[template.responseIdIndex] ?? '',
    assertionId: values[template.assertionIdIndex] ?? '',
    issuedAt: deps.now,
    path: 'fast',
  };
}

/**
 * The baseline response as the server sends it: the fast path when it applies and its shape has been met
 * before, else the DOM draft and finishResponse(). Both consume the same ids from `deps.ids` and give the
 * same bytes.
 */
export async function signedBaseline(
  content: AssertionContent,
  deps: { ids: IdGenerator; now: Date },
  options: FinishOptions,
): Promise<SignedBaseline> {
  const { signing } = options;
  const fast = signing.option === 'none' ? undefined : { ...signing, option: signing.option };
  const template =
    fast && fastPathApplies(content, options) ? templateFor(content, fast, 'on-second-sighting') : undefined;
  if (fast && template) {
    try {
      return await signChecked(content, deps, fast, template);
    } catch (error) {
      // Thrown before any id is taken, so the DOM path below gives the response the same ids.
      if (!(error instanceof FastPathTemplateError)) throw error;
    }
  }
  const draft = buildResponseDraft(content, deps);
  const xml = await finishResponse(draft, options);
  return {
    xml,
    responseId: draft.responseId,
    assertionId: draft.assertionId,
    issuedAt: draft.issuedAt,
    path: 'xml-crypto',
  };
}

// ---- template cache: per certificate (its KeyInfo is in the bytes), then per shape ----

const MAX_CERTIFICATES = 16;
const MAX_SHAPES_PER_CERTIFICATE = 256;
/**
 * Per certificate, per shape: the learnt template, or null for a shape signedBaseline has met once. Learning
 * costs about what two DOM-path responses cost (the DOM path itself, a parse, canonicalizing and verifying), so
 * signedBaseline learns a shape when it meets it a second time: a shape sent once (a claim variant in a catalog
 * run, half the shapes there) never pays for a template it would not use again. The first response of a shape
 * takes the DOM path, which gives the same bytes.
 */
const cache = new Map<string, Map<string, Promise<BaselineTemplate> | null>>();

/** Everything that changes the template's structure rather than its values. */
function shapeKey(content: AssertionContent, signing: FastSigning): string {
  const claims = content.claims.map((c) => c.values.length).join(',');
  return [
    signing.option,
    signing.algorithm,
    content.inResponseTo === undefined ? 0 : 1,
    content.authnContextClassRef === undefined ? 0 : 1,
    content.attributeNameFormat ?? '',
    claims,
  ].join('|');
}

/** The shape's template, learnt now if need be. */
function templateFor(content: AssertionContent, signing: FastSigning): Promise<BaselineTemplate>;
/** The same on the shape's second sighting and later; the first time, undefined (the sighting is noted). */
function templateFor(
  content: AssertionContent,
  signing: FastSigning,
  learn: 'on-second-sighting',
): Promise<BaselineTemplate> | undefined;
function templateFor(
  content: AssertionContent,
  signing: FastSigning,
  learn: 'now' | 'on-second-sighting' = 'now',
): Promise<BaselineTemplate> | undefined {
  const certificate = signing.key.certificatePem;
  let shapes = cache.get(certificate);
  if (!shapes) setBounded(cache, certificate, (shapes = new Map()), MAX_CERTIFICATES);
  const key = shapeKey(content, signing);
  const known = shapes.get(key);
  if (known) return known;
  if (known === undefined && learn === 'on-second-sighting') {
    setBounded(shapes, key, null, MAX_SHAPES_PER_CERTIFICATE);
    return undefined;
  }
  const owner = shapes;
  const template = learnTemplate(content, signing);
  // A failed learning attempt must not stick: the next call starts over (and the caller falls back).
  template.catch(() => owner.delete(key));
  setBounded(owner, key, template, MAX_SHAPES_PER_CERTIFICATE);
  return template;
}

/** Forgets every learnt template (tests; a changed build-response in a long-running process). */
export function clearFastPathTemplates(): void {
  cache.clear();
}
