/**
 * @module Test helper for scenario authors: builds the exact response a scenario sends, in memory, for
 * an SP at https://sp.example.com, so catalog and mutation tests can assert on the XML.
 */
import { MockIdpState } from '../../../mock-idp/state/mock-idp-state.js';
import { parseXml, type Document } from '../../../mock-idp/util/xml.js';
import type { Scenario } from '../../../scenarios/types.js';
import { buildScenarioResponse, type FlowTarget, type ScenarioIdp } from '../scenario-response.js';
import { createScenarioIdp } from '../scenario-idp.js';
import { createSigningCertificate, ENTRA_CERT_SUBJECT } from '../../../mock-idp/keys/signing-certificate.js';

export const SP_ENTITY_ID = 'https://sp.example.com/metadata';
export const SP_ACS_URL = 'https://sp.example.com/acs';

let shared: ScenarioIdp | undefined;
let spKeys: { certificatePem: string; privateKeyPem: string } | undefined;

/** The SP's key pair (its encryption certificate is the one scenarios encrypt to). */
export function spEncryptionKeys(): { certificatePem: string; privateKeyPem: string } {
  scenarioIdp();
  return spKeys!;
}

/** One in-memory IdP per test process (key generation is the slow part). */
export function scenarioIdp(): ScenarioIdp {
  if (shared) return shared;
  const state = MockIdpState.open();
  const app = state.defaultTenant.addApp({
    name: 'sp',
    displayName: 'Test SP',
    identifiers: [SP_ENTITY_ID],
    replyUrls: [{ url: SP_ACS_URL, isDefault: true }],
  });
  spKeys = createSigningCertificate({ commonName: 'sp.example.com' });
  const idp = createScenarioIdp(state, app, {
    spEncryptionCertificate: spKeys.certificatePem,
    spDomain: 'contoso.com',
  });
  // The rollover phase's extra certificates, so its scenarios build outside a run too.
  const keyPair = (id: string) => {
    const { privateKey, certificatePem } = state.defaultTenant.persistedKey(id, {
      commonName: ENTRA_CERT_SUBJECT,
    });
    return { privateKey, certificatePem };
  };
  shared = {
    ...idp,
    rollover: { retired: keyPair('test-retired'), neverPublished: keyPair('test-never-published') },
  };
  return shared;
}

export async function responseFor(
  scenario: Scenario,
  target: Partial<FlowTarget> = {},
): Promise<{ xml: string; baselineXml: string; doc: Document }> {
  const built = await buildScenarioResponse(
    scenario,
    { acsUrl: SP_ACS_URL, audience: SP_ENTITY_ID, inResponseTo: '_request-1', ...target },
    scenarioIdp(),
    new Date(),
  );
  let doc: Document;
  try {
    doc = parseXml(built.xml);
  } catch {
    doc = parseXml('<unparseable/>');
  }
  return { ...built, doc };
}
