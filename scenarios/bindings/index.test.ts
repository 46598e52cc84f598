/** @module Each bindings/* scenario carries its change: in the XML, or in how it is delivered. */
import { describe, expect, it } from 'vitest';
import {
  attr,
  build,
  count,
  expectCheckForEvery,
  idpCertificate,
  scenariosOf,
  verifiedIds,
  type Built,
  type Check,
} from '../test-support/xml-checks.js';
import { groups } from './index.js';
import { RELAY_STATE_80_BYTES, RELAY_STATE_DEEP_LINK, RELAY_STATE_SPECIAL } from './relay-state.js';

const SP_ORIGIN = 'https://sp.example.com';

/** The XML is the untouched, validly signed baseline: only the delivery differs. */
function deliveryOnly(built: Built): void {
  expect(built.scenario.response).toBeUndefined();
  expect(built.scenario.mutations).toBeUndefined();
  expect(verifiedIds(built.xml, built.doc, idpCertificate())).toEqual([attr(built.doc, 'Assertion', 'ID')]);
}

function relayState(value: string | undefined): Check {
  return (built) => {
    deliveryOnly(built);
    expect(built.scenario.delivery?.relayState).toBe(value);
  };
}

/** Resolved the way a browser resolves a Location header, the RelayState leaves the SP's origin. */
function offSite(value: string): Check {
  return (built) => {
    relayState(value)(built);
    expect(new URL(value, `${SP_ORIGIN}/acs`).origin).toBe('https://evil.example');
    expect(built.scenario.tags).toContain('landing-same-origin');
  };
}

function destination(value: string | null, signed: string[]): Check {
  return ({ xml, doc }) => {
    expect(attr(doc, 'Response', 'Destination')).toBe(value);
    const ids = { Response: attr(doc, 'Response', 'ID'), Assertion: attr(doc, 'Assertion', 'ID') };
    expect(verifiedIds(xml, doc, idpCertificate()).sort()).toEqual(
      signed.map((s) => ids[s as keyof typeof ids]).sort(),
    );
  };
}

const checks: Record<string, Check> = {
  'bindings/3.5.3/relay-state-echoed': (built) => {
    relayState(undefined)(built);
    expect(built.scenario.flows).toEqual(['sp-initiated']);
  },
  'bindings/3.5.3/relay-state-from-app-config': (built) => {
    relayState(undefined)(built);
    expect(built.scenario.flows).toEqual(['idp-initiated']);
  },
  'bindings/3.5.3/relay-state-deep-link': relayState(RELAY_STATE_DEEP_LINK),
  'bindings/3.5.3/relay-state-special-characters': (built) => {
    relayState(RELAY_STATE_SPECIAL)(built);
    expect(RELAY_STATE_SPECIAL).toMatch(/[ &%"<>#]/);
    expect(RELAY_STATE_SPECIAL).toMatch(/[^\p{ASCII}]/u);
    expect(Buffer.byteLength(RELAY_STATE_SPECIAL)).toBeLessThanOrEqual(80);
  },
  'bindings/3.5.3/relay-state-80-bytes': (built) => {
    relayState(RELAY_STATE_80_BYTES)(built);
    expect(Buffer.byteLength(RELAY_STATE_80_BYTES, 'utf8')).toBe(80);
  },
  'bindings/3.5.3/relay-state-absolute-off-site': offSite('https://evil.example/'),
  'bindings/3.5.3/relay-state-protocol-relative': offSite('//evil.example/'),
  'bindings/3.5.3/relay-state-backslash': offSite('/\\evil.example/'),
  'bindings/3.5.4/get-delivery': (built) => {
    deliveryOnly(built);
    expect(built.scenario.delivery).toEqual({ method: 'GET' });
  },
  'bindings/3.5.4/xml-declaration': ({ xml, doc }) => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><samlp:Response ')).toBe(true);
    expect(verifiedIds(xml, doc, idpCertificate())).toHaveLength(1);
  },
  'bindings/3.5.4/indented-before-signing': ({ xml, doc }) => {
    expect(xml).toMatch(/>\n {2}<Issuer /);
    expect(xml).toMatch(/>\n {6}<NameID /);
    expect(count(doc, 'Signature')).toBe(1);
    expect(verifiedIds(xml, doc, idpCertificate())).toEqual([attr(doc, 'Assertion', 'ID')]);
  },
  'bindings/3.5.5.2/destination-other-signed-response': destination('https://other-sp.example.net/saml/acs', [
    'Response',
    'Assertion',
  ]),
  'bindings/3.5.5.2/destination-missing-signed-response': destination(null, ['Response', 'Assertion']),
  'bindings/3.5.5.2/destination-missing-unsigned-response': destination(null, ['Assertion']),
};

describe('bindings scenarios', () => {
  const scenarios = scenariosOf(groups);

  it('has a check for every scenario', () => expectCheckForEvery(groups, checks));

  it.each(Object.keys(checks))('%s carries its change', async (id) => {
    await checks[id]!(await build(scenarios.get(id)!));
  });
});
