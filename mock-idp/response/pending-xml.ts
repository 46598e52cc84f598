/**
 * @module A response while finishResponse works on it: held as the DOM or as text, and turned into
 * the other only when the next step needs it. Signing stays on the DOM (sign-on-dom.ts) as long as
 * it can; where it cannot, the text is signed with signElement and the response stays text until a
 * step needs a DOM again, so such a response takes exactly the string path it always took.
 */
import { parseXml, serializeXml, type Document } from '../util/xml.js';
import { domSigningEnabled, signOnDom } from './sign-on-dom.js';
import { signElement, type SignElementOptions } from './sign.js';

/**
 * Text with these characters is not parsed back for signing: the parser turns them into LF (XML line
 * ends), while signElement, given the text, keeps them (as character references).
 */
const LINE_END_CHARS = /[\r\u0085\u2028\u2029]/;

export class PendingXml {
  private doc: Document | undefined;
  private xml: string | undefined;

  constructor(doc: Document) {
    this.doc = doc;
  }

  /** The DOM, parsed from the text if the response is held as text; changes to it are the response's. */
  document(): Document {
    if (!this.doc) {
      this.doc = parseXml(this.xml!);
      this.xml = undefined;
    }
    return this.doc;
  }

  text(): string {
    return this.xml ?? serializeXml(this.doc!);
  }

  /** Replaces the response with this text (a step that works on text, such as encryption). */
  setText(xml: string): void {
    this.xml = xml;
    this.doc = undefined;
  }

  sign(options: SignElementOptions): void {
    // Text from a string step is parsed for the DOM signer (cheaper than signElement's own parse and
    // serialization); the serializer writes back what it read, line ends aside.
    if (this.xml !== undefined && domSigningEnabled() && !LINE_END_CHARS.test(this.xml)) this.document();
    if (this.doc && signOnDom(this.doc, options)) return;
    this.setText(signElement(this.text(), options));
  }
}
