/**
 * @module Turns a ResponseDraft into the bytes that are posted: hooks before signing, signing per the
 * app's signing option (assertion first, then encryption, then the response), hooks after signing and
 * on the serialized text. The scenario engine reuses exactly this pipeline for its mutations.
 */
import type { Document } from '@xmldom/xmldom';
import { parseXml, serializeXml } from '../util/xml.js';
import type { ResponseDraft } from './build-response.js';
import { encryptAssertions, type EncryptionSettings } from './encrypt.js';
import { signElement, type SigningAlgorithm, type SigningKey } from './sign.js';

export type SigningOption = 'assertion' | 'response' | 'both' | 'none';

export interface ResponseHooks {
  /** Changes to the DOM before anything is signed (covered by the signatures). */
  beforeSign?(doc: Document, draft: ResponseDraft): void;
  /** Changes to the DOM after signing (breaks or sidesteps the signatures, as attacks need). */
  afterSign?(doc: Document, draft: ResponseDraft): void;
  /** Changes to the final text (for attacks a DOM cannot express: DTDs, comments in odd places, bytes). */
  serialized?(xml: string, draft: ResponseDraft): string;
}

export interface FinishOptions {
  signing: { option: SigningOption; algorithm: SigningAlgorithm; key: SigningKey };
  encryption?: EncryptionSettings | undefined;
  hooks?: ResponseHooks | undefined;
}

export async function finishResponse(draft: ResponseDraft, options: FinishOptions): Promise<string> {
  const { hooks, signing } = options;
  hooks?.beforeSign?.(draft.document, draft);
  let xml = serializeXml(draft.document);
  const signAssertion =
    (signing.option === 'assertion' || signing.option === 'both') && draft.assertionId !== '';
  const signResponse = signing.option === 'response' || signing.option === 'both';
  if (signAssertion)
    xml = signElement(xml, { key: signing.key, algorithm: signing.algorithm, elementId: draft.assertionId });
  if (options.encryption) xml = await encryptAssertions(xml, options.encryption);
  if (signResponse)
    xml = signElement(xml, { key: signing.key, algorithm: signing.algorithm, elementId: draft.responseId });
  if (hooks?.afterSign) {
    const signed = parseXml(xml);
    hooks.afterSign(signed, draft);
    xml = serializeXml(signed);
  }
  if (hooks?.serialized) xml = hooks.serialized(xml, draft);
  return xml;
}
