/**
 * @module Reads the SP's AuthnRequests as the mock IdP does (parseSamlMessage, then parseAuthnRequest), once
 * per request template. An SP sends the same AuthnRequest at every SP-initiated sign-in but for its ID and
 * IssueInstant, and a catalog run reads a few hundred of them; parsing each with the DOM parser was about a
 * twentieth of the harness's CPU.
 *
 * The proof that a cached reading holds for a new request is textual: both texts are the same once the
 * values of the root element's own ID and IssueInstant attributes are cut out, and both values (old and new)
 * are plain tokens (letters, digits, `_ . : -`), which a parser reads back exactly as written (no entity,
 * no character reference, no whitespace to normalize). Then the documents differ in those two attribute
 * values only, and so do their readings; the new ID still gets Entra's check (AADSTS7500529). Anything the
 * cut cannot be sure of (another prefix or attribute syntax, a value with other characters, a start tag that
 * does not end where expected) is read in full, as is every request that fails to read.
 */
import {
  checkSamlId,
  parseAuthnRequest,
  parseSamlMessage,
  type ParsedAuthnRequest,
} from '../../mock-idp/internal.js';

/** Values a parser returns exactly as written. */
const PLAIN_VALUE = /^[A-Za-z0-9_.:-]+$/;
/** An optional BOM and XML declaration, then the AuthnRequest's start tag up to its first attribute. */
const ROOT_START = /^\uFEFF?(?:<\?xml[^?<>]*\?>)?\s*<(?:[A-Za-z_][\w.-]*:)?AuthnRequest(?=\s)/;
/** One attribute with a value free of markup and references, from `lastIndex`. */
const ATTRIBUTE = /\s+([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<&]*)"|'([^'<&]*)')/y;
const TAG_END = /\s*\/?>/y;
const MAX_TEMPLATES = 32;

interface Cut {
  /** The text without the two values (their quotes kept). */
  template: string;
  id: string;
  issueInstant: string;
}

export class AuthnRequestReader {
  readonly #readings = new Map<string, ParsedAuthnRequest>();

  /** Templates read so far, and requests served from one. */
  get templates(): number {
    return this.#readings.size;
  }
  get hits(): number {
    return this.#hits;
  }
  #hits = 0;

  /** parseAuthnRequest(parseSamlMessage(xml)), from the template's reading when there is one. Throws as they do. */
  read(xml: string): ParsedAuthnRequest {
    const cut = cutIdAndInstant(xml);
    const known = cut && this.#readings.get(cut.template);
    if (cut && known) {
      checkSamlId(cut.id);
      this.#hits++;
      return { ...known, id: cut.id, issueInstant: cut.issueInstant };
    }
    const reading = parseAuthnRequest(parseSamlMessage(xml));
    if (
      cut &&
      this.#readings.size < MAX_TEMPLATES &&
      reading.id === cut.id &&
      reading.issueInstant === cut.issueInstant
    )
      this.#readings.set(cut.template, reading);
    return reading;
  }
}

/** The root's own ID and IssueInstant values cut out of the text, when that can be done with certainty. */
export function cutIdAndInstant(xml: string): Cut | undefined {
  const start = ROOT_START.exec(xml);
  if (!start) return undefined;
  const found: Array<{ name: string; at: number; value: string }> = [];
  let at = start[0].length;
  for (;;) {
    ATTRIBUTE.lastIndex = at;
    const attribute = ATTRIBUTE.exec(xml);
    if (!attribute) break;
    const value = attribute[2] ?? attribute[3] ?? '';
    const name = attribute[1]!;
    if (name === 'ID' || name === 'IssueInstant') {
      // The value ends right before the closing quote, the match's last character.
      found.push({ name, at: ATTRIBUTE.lastIndex - 1 - value.length, value });
    }
    at = ATTRIBUTE.lastIndex;
  }
  TAG_END.lastIndex = at;
  if (!TAG_END.test(xml)) return undefined;
  const id = found.filter((f) => f.name === 'ID');
  const instant = found.filter((f) => f.name === 'IssueInstant');
  if (id.length !== 1 || instant.length !== 1) return undefined;
  if (!PLAIN_VALUE.test(id[0]!.value) || !PLAIN_VALUE.test(instant[0]!.value)) return undefined;
  let template = '';
  let from = 0;
  for (const { at: valueAt, value } of found) {
    template += xml.slice(from, valueAt);
    from = valueAt + value.length;
  }
  template += xml.slice(from);
  return { template, id: id[0]!.value, issueInstant: instant[0]!.value };
}
