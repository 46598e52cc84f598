/**
 * @module Test helper for the per-folder catalog tests: builds a scenario's exact response (in the flow
 * it runs in) and reads it back — attributes, texts, instants relative to IssueInstant, claim values,
 * and signatures verified against a given certificate only.
 */
import { expect } from 'vitest';
import xmlenc from 'xml-encryption';
import { verifyWithXmlCrypto } from '../../mock-idp/test-support/response-fixtures.js';
import { parseXml, serializeXml, type Document, type Element } from '../../mock-idp/util/xml.js';
// Test support only (never imported by the catalog): it drives the engine's own response builder.
import {
  responseFor,
  scenarioIdp,
  spEncryptionKeys,
} from '../../runner/engine/test-support/scenario-harness.js';
import type { ScenarioGroup } from '../define.js';
import { all, childrenOf } from '../mutations/dom.js';
import type { Scenario } from '../types.js';

export interface Built {
  scenario: Scenario;
  xml: string;
  baselineXml: string;
  doc: Document;
}

export type Check = (built: Built) => void | Promise<void>;

/** The SP's encryption key pair: the harness's, which the shared in-memory IdP encrypts to. */
const spEncryption = spEncryptionKeys();

/** Builds the response a scenario sends, in its first flow (IdP-initiated: no InResponseTo). */
export async function build(scenario: Scenario): Promise<Built> {
  const target = scenario.flows[0] === 'idp-initiated' ? { inResponseTo: undefined } : {};
  return { scenario, ...(await responseFor(scenario, target)) };
}

export function scenariosOf(groups: readonly ScenarioGroup[]): Map<string, Scenario> {
  return new Map(groups.flatMap((g) => g.scenarios.map((s) => [s.id, s] as const)));
}

/** The id set of `checks` must equal the folder's: every scenario's change is asserted. */
export function expectCheckForEvery(groups: readonly ScenarioGroup[], checks: Record<string, Check>): void {
  expect(Object.keys(checks).sort()).toEqual([...scenariosOf(groups).keys()].sort());
}

export function count(doc: Document, local: string): number {
  return all(doc, local).length;
}

export function attr(doc: Document, local: string, name: string, index = 0): string | null {
  const el = all(doc, local)[index];
  return el && el.hasAttribute(name) ? el.getAttribute(name) : null;
}

export function text(doc: Document, local: string, index = 0): string | undefined {
  return all(doc, local)[index]?.textContent ?? undefined;
}

/** Minutes between an instant attribute and the Assertion's IssueInstant (what overrides are relative to). */
export function minutesAfterIssue(doc: Document, local: string, name: string, index = 0): number {
  const issued = Date.parse(attr(doc, 'Assertion', 'IssueInstant') ?? '');
  const value = Date.parse(attr(doc, local, name, index) ?? '');
  return Math.round(((value - issued) / 60_000) * 100) / 100;
}

/** Minutes between an instant attribute and the wall clock now. */
export function minutesFromNow(doc: Document, local: string, name: string, index = 0): number {
  const value = Date.parse(attr(doc, local, name, index) ?? '');
  return Math.round((value - Date.now()) / 60_000);
}

export function claimValues(doc: Document | Element, claim: string): string[][] {
  return all(doc, 'Attribute')
    .filter((a) => a.getAttribute('Name') === claim)
    .map((a) => all(a, 'AttributeValue').map((v) => v.textContent ?? ''));
}

/** Element local names directly under the first `local`. */
export function childNames(doc: Document, local: string): string[] {
  const el = all(doc, local)[0];
  return el ? childrenOf(el).map((c) => c.localName ?? '') : [];
}

/** Verifies every Signature with `certPem` only; returns the ids their References point at. */
export function verifiedIds(xml: string, doc: Document, certPem: string): string[] {
  return all(doc, 'Signature').map((s) => verifyWithXmlCrypto(xml, certPem, s));
}

export function idpCertificate(tenant: 'main' | 'other' = 'main'): string {
  const idp = scenarioIdp();
  return tenant === 'main'
    ? idp.tenant.signingMaterial(idp.app).certificatePem
    : idp.otherTenant.signingMaterial(idp.otherApp).certificatePem;
}

/** Decrypts the EncryptedAssertion with the SP's key (the scenario must have been built by `build`). */
export function decryptAssertion(doc: Document): Promise<{ xml: string; doc: Document }> {
  const encryptedData = all(doc, 'EncryptedData')[0];
  if (!encryptedData) throw new Error('no EncryptedData');
  const options = {
    key: spEncryption.privateKeyPem,
    disallowDecryptionWithInsecureAlgorithm: false,
    warnInsecureAlgorithm: false,
  };
  return new Promise((resolve, reject) =>
    xmlenc.decrypt(serializeXml(encryptedData), options, (error, result) =>
      error ? reject(error) : resolve({ xml: result, doc: parseXml(result) }),
    ),
  );
}
