/**
 * @module Turns a ResponseDraft into the bytes that are posted: hooks before signing, signing per the
 * app's signing option (assertion first, then encryption, then the response), hooks after signing and
 * on the serialized text. The scenario engine reuses exactly this pipeline for its mutations.
 *
 * The signatures go into the draft's own document (sign-on-dom.ts), so after this the draft is the
 * signed response; the bytes are the ones serializing the draft and signing that text with
 * signElement would give, which is what the string path does wherever the DOM signer declines.
 */
import type { Document } from '@xmldom/xmldom';
import type { ResponseDraft } from './build-response.js';
import { encryptAssertions, type EncryptionSettings } from './encrypt.js';
import { PendingXml } from './pending-xml.js';
import type { SigningAlgorithm, SigningKey } from './sign.js';

export type SigningOption = 'assertion' | 'response' | 'both' | 'none';

export interface ResponseHooks {
  /** Changes to the DOM before anything is signed (covered by the signatures). */
  beforeSign?(doc: Document, draft: ResponseDraft): void;
  /**
   * Changes to the DOM after signing (breaks or sidesteps the signatures, as attacks need): the signed
   * draft itself, or the signed text parsed back where a step left the response as text.
   */
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
  // The draft's own DOM is signed in place (sign-on-dom.ts) and serialized once at the end; a step
  // on text (encryption, or a signature the DOM signer leaves to signElement) makes it text until the
  // next step wants a DOM. Either way the bytes are those of serializing once and signing the text.
  const response = new PendingXml(draft.document);
  const signAssertion =
    (signing.option === 'assertion' || signing.option === 'both') && draft.assertionId !== '';
  const signResponse = signing.option === 'response' || signing.option === 'both';
  const signOptions = (elementId: string) => ({ key: signing.key, algorithm: signing.algorithm, elementId });
  if (signAssertion) response.sign(signOptions(draft.assertionId));
  if (options.encryption) response.setText(await encryptAssertions(response.text(), options.encryption));
  if (signResponse) response.sign(signOptions(draft.responseId));
  if (hooks?.afterSign) hooks.afterSign(response.document(), draft);
  let xml = response.text();
  if (hooks?.serialized) xml = hooks.serialized(xml, draft);
  return xml;
}
