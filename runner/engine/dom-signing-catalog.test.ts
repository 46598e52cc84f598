/**
 * @module The DOM signer and the harness's own serializer (xml-text.ts) change no byte of what the harness
 * sends: every scenario of the catalog (and every attack variant), under each signing option a run may
 * calibrate to, is built twice with the same ids, instant and randomness, once with the DOM signer and the
 * own serializer, and once with the string path they replaced (xmldom's XMLSerializer, signElement, parse),
 * and the two texts must be identical.
 *
 * Randomness is made repeatable for the comparison only: node:crypto's randomBytes and randomUUID in the
 * harness and the mock (nonces, transient NameIDs, ids of added assertions), and in xml-encryption (a
 * CommonJS package the module mock does not reach) the AES key and IV and the RSA-OAEP key transport,
 * which would otherwise differ on every build.
 */
import { createHash } from 'node:crypto';
import type * as NodeCrypto from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as SignModule from '../../mock-idp/response/sign.js';
import { setDomSigning } from '../../mock-idp/response/sign-on-dom.js';
import { sequentialIds } from '../../mock-idp/util/ids.js';
import { setXmlTextWriter } from '../../mock-idp/util/xml.js';
import { scenarios } from '../../scenarios/index.js';
import { variantsOf } from '../../scenarios/test-support/variants.js';
import type { Scenario } from '../../scenarios/types.js';
import { buildScenarioResponse, type FlowTarget } from './scenario-response.js';
import { SP_ACS_URL, SP_ENTITY_ID, scenarioIdp } from './test-support/scenario-harness.js';

const seeded = vi.hoisted(() => ({ counter: 0, bytes: (size: number): Buffer => Buffer.alloc(size) }));
const calls = vi.hoisted(() => ({ signElement: 0 }));

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof NodeCrypto>();
  /** Bytes from a counter: the same sequence on every build once the counter is reset. */
  const bytes = (size: number): Buffer => {
    const out = Buffer.alloc(size);
    for (let filled = 0; filled < size; filled += 32)
      actual.createHash('sha256').update(`b${seeded.counter++}`).digest().copy(out, filled);
    return out;
  };
  const uuid = (): `${string}-${string}-${string}-${string}-${string}` => {
    const hex = bytes(16).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  seeded.bytes = bytes;
  return { ...actual, default: actual, randomBytes: bytes, randomUUID: uuid };
});

// Counts the signatures made on the string path, to show the DOM signer is what the comparison tests.
vi.mock('../../mock-idp/response/sign.js', async (importOriginal) => {
  const actual = await importOriginal<typeof SignModule>();
  return {
    ...actual,
    signElement: (...args: Parameters<typeof actual.signElement>) => {
      calls.signElement++;
      return actual.signElement(...args);
    },
  };
});

const cjsCrypto = createRequire(import.meta.url)('node:crypto') as typeof NodeCrypto;

const OPTIONS = ['assertion', 'response', 'both'] as const;
const NOW = new Date('2026-03-01T12:00:00.000Z');
const FLOWS: ReadonlyArray<readonly [string, FlowTarget]> = [
  ['sp-initiated', { acsUrl: SP_ACS_URL, audience: SP_ENTITY_ID, inResponseTo: '_request-1' }],
  ['idp-initiated', { acsUrl: SP_ACS_URL, audience: SP_ENTITY_ID }],
];

const cases: Array<[string, Scenario]> = scenarios.flatMap((s): Array<[string, Scenario]> => [
  [s.id, s],
  ...variantsOf(s).map(([name, v]): [string, Scenario] => [`${s.id} [${name}]`, v]),
]);

/** One build with fresh ids and the randomness reset: the text, or the error it ends in. */
async function build(
  scenario: Scenario,
  target: FlowTarget,
  option: (typeof OPTIONS)[number],
  domSigning: boolean,
) {
  setDomSigning(domSigning);
  setXmlTextWriter(domSigning);
  seeded.counter = 0;
  const idp = { ...scenarioIdp(), ids: sequentialIds() };
  try {
    const built = await buildScenarioResponse(scenario, target, idp, NOW, option);
    return `${built.baselineXml}\n${built.xml}`;
  } catch (error) {
    return `threw: ${(error as Error).message}`;
  } finally {
    setDomSigning(true);
    setXmlTextWriter(true);
  }
}

describe('the whole catalog, DOM signer against the string path', () => {
  beforeAll(() => {
    scenarioIdp();
    vi.spyOn(cjsCrypto, 'randomBytes').mockImplementation(((
      size: number,
      callback?: (e: null, b: Buffer) => void,
    ) => {
      const out = seeded.bytes(size);
      if (callback) return void callback(null, out);
      return out;
    }) as typeof cjsCrypto.randomBytes);
    // The OAEP key transport pads with fresh randomness inside OpenSSL; a stand-in of the same length.
    vi.spyOn(cjsCrypto, 'publicEncrypt').mockImplementation((_key, data) =>
      Buffer.concat(
        Array.from({ length: 8 }, (_, i) => createHash('sha256').update(`${i}`).update(data).digest()),
      ),
    );
  });
  afterAll(() => vi.restoreAllMocks());

  const runs = cases.length * FLOWS.length * OPTIONS.length;
  it(`${cases.length} scenarios and variants × ${FLOWS.length} flows × ${OPTIONS.length} signing options: identical bytes`, async () => {
    let built = 0;
    const stringSignatures = { onText: 0, onDom: 0 };
    for (const [name, scenario] of cases)
      for (const [flow, target] of FLOWS)
        for (const option of OPTIONS) {
          calls.signElement = 0;
          const onText = await build(scenario, target, option, false);
          stringSignatures.onText += calls.signElement;
          calls.signElement = 0;
          const onDom = await build(scenario, target, option, true);
          stringSignatures.onDom += calls.signElement;
          expect(onDom, `${name} (${flow}, ${option})`).toBe(onText);
          if (!onText.startsWith('threw:')) built++;
        }
    // Not vacuous: nearly every case is a response, not an error both paths share, and most of the
    // signatures the string path made are made on the DOM instead.
    expect(built).toBeGreaterThan(runs * 0.9);
    expect(stringSignatures.onText).toBeGreaterThan(cases.length);
    expect(stringSignatures.onDom, JSON.stringify(stringSignatures)).toBeLessThan(
      stringSignatures.onText / 5,
    );
  });

  it('the repeatable randomness really repeats (or the comparison above would prove nothing)', async () => {
    const encrypted = cases.find(([, s]) => s.response?.encrypt !== undefined);
    expect(encrypted).toBeDefined();
    const again = () => build(encrypted![1], FLOWS[0]![1], 'both', true);
    const [first, second] = [await again(), await again()];
    expect(first).toContain('EncryptedAssertion');
    expect(second).toBe(first);
  });
});
