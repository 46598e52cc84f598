/**
 * @module The signing fast path is byte-for-byte the xml-crypto path: same inputs (content, fixed clock,
 * sequential ids) give identical bytes over randomized, hostile values, for every signing option and
 * algorithm; xmlsec1 verifies its output; anything it cannot reproduce is refused, not approximated.
 */
import { describe, expect, it } from 'vitest';
import { NAMEID_FORMAT } from '../constants/namespaces.js';
import { createSigningCertificate, loadPrivateKey } from '../keys/signing-certificate.js';
import { appSchema } from '../model/app.js';
import { userSchema } from '../model/user.js';
import { sequentialIds } from '../util/ids.js';
import { testTenant, TEST_TENANT_ID } from '../test-support/fixtures.js';
import { randomContent, randomString, seededRandom, type Random } from '../test-support/random-content.js';
import {
  contentFor,
  SAML_ID_ATTRS,
  SIGNATURE_XPATH,
  signatureElement,
  signingKeyOf,
  verifyWithXmlCrypto,
  type SignedPart,
} from '../test-support/response-fixtures.js';
import { verifyNodeWithXmlsec1 } from '../test-support/xmlsec1-decrypt.js';
import { buildResponseDraft, type AssertionContent } from './build-response.js';
import { buildClaims } from './claims.js';
import {
  fastPathApplies,
  fastSignedBaseline,
  FastPathNotApplicableError,
  signedBaseline,
  clearFastPathTemplates,
  type FastSigning,
} from './fast-path.js';
import { finishResponse } from './finish-response.js';
import { selectNameId } from './name-id.js';
import type { SigningAlgorithm } from './sign.js';

const t = testTenant();
const key = signingKeyOf(t.state, t.app);
const OPTIONS = ['assertion', 'response', 'both'] as const;
const ALGORITHMS: readonly SigningAlgorithm[] = ['sha256', 'sha1'];
const SIGNED_PARTS: Record<FastSigning['option'], SignedPart[]> = {
  assertion: ['assertion'],
  response: ['response'],
  both: ['assertion', 'response'],
};
const SEED = Number(process.env.FAST_PATH_SEED ?? 0x5a171);
const CASES = Number(process.env.FAST_PATH_CASES ?? 25);

/** Both paths with the same content, instant and id sequence. */
async function bothPaths(content: AssertionContent, now: Date, signing: FastSigning, firstId = 1) {
  const draft = buildResponseDraft(content, { ids: sequentialIds(firstId), now });
  const slow = await finishResponse(draft, { signing });
  const fast = await fastSignedBaseline(content, { ids: sequentialIds(firstId), now }, signing);
  return { slow, fast, draft };
}

function randomNow(random: Random): Date {
  return new Date(Date.UTC(2000, 0, 1) + Math.floor(random() * 100 * 365 * 86_400_000));
}

describe.each(OPTIONS)('signing option "%s"', (option) => {
  it.each(ALGORITHMS)(
    `%s: identical bytes to the xml-crypto path over ${CASES} random responses (seed ${SEED})`,
    async (algorithm) => {
      const random = seededRandom(SEED ^ (option.length * 31 + algorithm.length));
      for (let i = 0; i < CASES; i++) {
        const content = randomContent(random);
        const { slow, fast, draft } = await bothPaths(
          content,
          randomNow(random),
          { option, algorithm, key },
          i * 7 + 1,
        );
        expect(fast.xml, `case ${i}`).toBe(slow);
        expect([fast.responseId, fast.assertionId]).toEqual([draft.responseId, draft.assertionId]);
      }
    },
  );

  it.each(ALGORITHMS)(
    '%s: identical bytes for Entra content of randomized directory users (empty attributes omitted)',
    async (algorithm) => {
      const random = seededRandom(SEED + 1);
      for (let i = 0; i < CASES; i++) {
        const maybe = (): string | undefined =>
          random() < 0.3 ? undefined : random() < 0.2 ? '' : randomString(random);
        const user = userSchema.parse({
          objectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          userPrincipalName: `${randomString(random)}@contoso.com`,
          displayName: `${randomString(random)}x`,
          ...Object.fromEntries(
            Object.entries({ mail: maybe(), givenName: maybe(), surname: maybe() })
              .filter(([, v]) => v !== undefined)
              .map(([k, v]) => [k, k === 'mail' ? `${v}@m` : v]),
          ),
          groups: random() < 0.5 ? [] : ['8f2a1c7e-5b1d-4c39-9f0a-2d7e6b3a9c01'],
        });
        const app = appSchema.parse({ ...t.app, groupClaim: random() < 0.5 ? {} : undefined });
        const issuer = `https://sts.windows.net/${TEST_TENANT_ID}/`;
        const content: AssertionContent = {
          ...contentFor(t.state, app, user),
          nameId: selectNameId({
            tenant: t.state.tenant,
            app,
            user,
            pairwiseSecret: t.state.pairwiseSecret(),
          }),
          claims: buildClaims({
            tenant: t.state.tenant,
            app,
            user,
            issuer,
            groups: (id) => t.state.findGroup(id),
          }),
        };
        const { slow, fast } = await bothPaths(content, randomNow(random), { option, algorithm, key });
        expect(fast.xml, `case ${i}`).toBe(slow);
      }
    },
  );

  it.each(ALGORITHMS)(
    '%s: xmlsec1 and xml-crypto verify fast-path output carrying hostile values',
    async (algorithm) => {
      const random = seededRandom(SEED + 2);
      const content = randomContent(random, { hostile: true });
      const { fast } = await bothPaths(content, randomNow(random), { option, algorithm, key });
      // Negative control: the Assertion's Version is covered by every signature of every option.
      const tampered = fast.xml.replace(/(<Assertion [^>]*Version=")2\.0"/, '$12.1"');
      expect(tampered).not.toBe(fast.xml);
      const xmlsec1 = (xml: string, part: SignedPart): boolean =>
        verifyNodeWithXmlsec1(xml, key.certificatePem, SAML_ID_ATTRS, SIGNATURE_XPATH[part]).ok;
      for (const part of SIGNED_PARTS[option]) {
        expect(xmlsec1(fast.xml, part), part).toBe(true);
        expect(xmlsec1(tampered, part), part).toBe(false);
        expect(() =>
          verifyWithXmlCrypto(fast.xml, key.certificatePem, signatureElement(fast.xml, part)!),
        ).not.toThrow();
      }
    },
  );
});

describe('shapes and templates', () => {
  const signing: FastSigning = { option: 'assertion', algorithm: 'sha256', key };
  const base = contentFor(t.state, t.app, t.user);

  it.each([
    ['IdP-initiated (no InResponseTo)', { inResponseTo: undefined }],
    ['no claims', { claims: [] }],
    ['attribute NameFormat', { attributeNameFormat: 'uri' as const }],
    ['explicit AuthnContextClassRef', { authnContextClassRef: 'urn:federation:authentication:windows' }],
    ['transient NameID', { nameId: { format: NAMEID_FORMAT.transient, value: '_0123456789abcdef' } }],
    [
      'a claim with no values',
      {
        claims: [
          { name: 'empty', values: [] },
          { name: 'one', values: ['1'] },
        ],
      },
    ],
  ])('%s: identical bytes', async (_label, overrides: Partial<AssertionContent>) => {
    const { slow, fast } = await bothPaths(
      { ...base, ...overrides },
      new Date('2026-03-01T12:00:00.007Z'),
      signing,
    );
    expect(fast.xml).toBe(slow);
    if (!('inResponseTo' in overrides)) return;
    expect(fast.xml).not.toContain('InResponseTo');
  });

  it('reuses one shape for many values (values are never baked into the template)', async () => {
    const random = seededRandom(SEED + 3);
    for (let i = 0; i < 10; i++) {
      const content: AssertionContent = {
        ...base,
        audience: randomString(random, { hostile: true }),
        claims: base.claims.map((c) => ({
          name: randomString(random),
          values: c.values.map(() => randomString(random, { hostile: true })),
        })),
      };
      const { slow, fast } = await bothPaths(content, randomNow(random), signing);
      expect(fast.xml, `case ${i}`).toBe(slow);
    }
  });

  it('keeps each signing certificate in its own KeyInfo', async () => {
    const other = createSigningCertificate();
    const otherKey = {
      privateKey: loadPrivateKey(other.privateKeyPem),
      certificatePem: other.certificatePem,
    };
    for (const k of [key, otherKey, key]) {
      const { slow, fast } = await bothPaths(base, new Date('2026-03-01T12:00:00.000Z'), {
        ...signing,
        key: k,
      });
      expect(fast.xml).toBe(slow);
    }
  });

  it('takes exactly the ids the draft builder takes, in the same order', async () => {
    const shared = sequentialIds(100);
    const first = await fastSignedBaseline(base, { ids: shared, now: new Date() }, signing);
    const reference = sequentialIds(100);
    expect([first.responseId, first.assertionId]).toEqual([reference.samlId(), reference.samlId()]);
    expect(shared.samlId()).toBe(reference.samlId());
  });
});

describe('applicability', () => {
  const signing = { option: 'assertion', algorithm: 'sha256', key } as const;
  const base = contentFor(t.state, t.app, t.user);

  it('applies to the unmodified baseline with any signing option', () => {
    for (const option of OPTIONS)
      expect(fastPathApplies(base, { signing: { ...signing, option } })).toBe(true);
  });

  it.each([
    ['hooks', { signing, hooks: { beforeSign: () => undefined } }],
    [
      'encryption',
      {
        signing,
        encryption: { certificate: 'x', dataAlgorithm: 'aes256-gcm', keyAlgorithm: 'rsa-oaep' } as const,
      },
    ],
    ['no signature', { signing: { ...signing, option: 'none' } as const }],
  ])('does not apply with %s', (_label, options) => {
    expect(fastPathApplies(base, options)).toBe(false);
  });

  it.each([
    ['an empty text value', { audience: '' }],
    ['an empty attribute value', { inResponseTo: '' }],
    ['a C0 control character', { audience: 'a\u0001b' }],
    ['a lone surrogate', { claims: [{ name: 'n', values: ['\uD800'] }] }],
    ['U+FFFE', { issuer: 'a\uFFFEb' }],
    ['an invalid AuthnInstant', { authnInstant: new Date(Number.NaN) }],
    ['an unknown content field', { sessionNotOnOrAfter: 'x' } as unknown as Partial<AssertionContent>],
  ])(
    'refuses %s, and signedBaseline then takes the xml-crypto path with the same result',
    async (_label, overrides) => {
      const content = { ...base, ...overrides } as AssertionContent;
      expect(fastPathApplies(content, { signing })).toBe(false);
      await expect(
        fastSignedBaseline(content, { ids: sequentialIds(), now: new Date() }, signing),
      ).rejects.toMatchObject({
        code: new FastPathNotApplicableError('').code,
      });
      if (Number.isNaN(content.authnInstant.getTime())) return;
      const now = new Date('2026-03-01T12:00:00.000Z');
      const viaDispatch = await signedBaseline(content, { ids: sequentialIds(), now }, { signing });
      expect(viaDispatch.path).toBe('xml-crypto');
      expect(viaDispatch.xml).toBe(
        await finishResponse(buildResponseDraft(content, { ids: sequentialIds(), now }), { signing }),
      );
    },
  );

  it('signedBaseline learns a shape the second time it meets it, with the same bytes either way', async () => {
    clearFastPathTemplates();
    const now = new Date('2026-03-01T12:00:00.000Z');
    const first = await signedBaseline(base, { ids: sequentialIds(), now }, { signing });
    const second = await signedBaseline(base, { ids: sequentialIds(), now }, { signing });
    const third = await signedBaseline(base, { ids: sequentialIds(), now }, { signing });
    expect([first.path, second.path, third.path]).toEqual(['xml-crypto', 'fast', 'fast']);
    expect(second.xml).toBe(first.xml);
    expect(third.xml).toBe(first.xml);
    expect(second.xml).toContain(`ID="${second.assertionId}"`);
    // Another shape (one claim value more) is a first sighting again.
    const more = { ...base, claims: [...base.claims, { name: 'extra', values: ['x'] }] };
    expect((await signedBaseline(more, { ids: sequentialIds(), now }, { signing })).path).toBe('xml-crypto');
  });
});
