/**
 * @module Protocol-level mutations beyond the generic verbs: status codes, extra conditions, audiences
 * and attributes, instants relative to the run's clock, layout changes made before signing, and a second
 * assertion that the IdP legitimately signs (multiple-assertion cases, Profiles §4.1.4.2).
 */
import { randomUUID } from 'node:crypto';
import type { Document, Element } from '@xmldom/xmldom';
import { signedText, parseXml } from '../../mock-idp/internal.js';
import { copyOf } from './copy-node.js';
import type { DomMutation, MutationContext, RelativeTime, TextMutation } from '../types.js';
import {
  all,
  childrenOf,
  insertAfter,
  one,
  remove,
  replaceText,
  rootOf,
  SAML_NS,
  SAMLP_NS,
  setText,
  signatureOf,
} from './dom.js';

const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;

/** `offset` from the run's clock as a SAML instant (millisecond UTC, as Entra writes them). */
export function instantAt(offset: RelativeTime): (ctx: MutationContext) => string {
  const match = /^([+-])(\d+(?:\.\d+)?)([smh])$/.exec(offset);
  if (!match) throw new Error(`invalid relative time ${offset}`);
  const ms = (match[1] === '-' ? -1 : 1) * Number(match[2]) * UNIT_MS[match[3] as keyof typeof UNIT_MS];
  return (ctx) => new Date(ctx.now.getTime() + ms).toISOString();
}

function dom(name: string, apply: (doc: Document, ctx: MutationContext) => void): DomMutation {
  return { name, stage: 'before-sign', apply };
}

function samlElement(doc: Document, localName: string, text?: string): Element {
  const el = doc.createElementNS(SAML_NS, localName);
  if (text !== undefined) el.appendChild(doc.createTextNode(text));
  return el;
}

/** Sets the top-level StatusCode, optionally with a nested StatusCode and a StatusMessage (Core §3.2.2.2). */
export function setStatus(code: string, options: { subCode?: string; message?: string } = {}): DomMutation {
  return dom(`set status ${code.replace(/.*:/, '')}`, (doc) => {
    const status = one(doc, 'Status');
    for (const c of childrenOf(status)) remove(c);
    const top = doc.createElementNS(SAMLP_NS, 'samlp:StatusCode');
    top.setAttribute('Value', code);
    if (options.subCode !== undefined) {
      const sub = doc.createElementNS(SAMLP_NS, 'samlp:StatusCode');
      sub.setAttribute('Value', options.subCode);
      top.appendChild(sub);
    }
    status.appendChild(top);
    if (options.message !== undefined) {
      const message = doc.createElementNS(SAMLP_NS, 'samlp:StatusMessage');
      message.appendChild(doc.createTextNode(options.message));
      status.appendChild(message);
    }
  });
}

/** Adds a second AudienceRestriction (a conjunction with the first, Core §2.5.1.4). */
export function addAudienceRestriction(audience: string): DomMutation {
  return dom(`add <AudienceRestriction> for ${audience}`, (doc) => {
    const restriction = samlElement(doc, 'AudienceRestriction');
    restriction.appendChild(samlElement(doc, 'Audience', audience));
    insertAfter(restriction, one(doc, 'AudienceRestriction'));
  });
}

/** Adds another Audience to the existing AudienceRestriction (a disjunction, Core §2.5.1.4). */
export function addAudience(audience: string, position: 'before' | 'after' = 'before'): DomMutation {
  return dom(`add <Audience> ${audience} ${position} the SP's`, (doc) => {
    const existing = one(doc, 'Audience');
    const added = samlElement(doc, 'Audience', audience);
    if (position === 'before') existing.parentNode!.insertBefore(added, existing);
    else insertAfter(added, existing);
  });
}

/** Adds `<Condition xsi:type="ext:<type>"/>` of an extension schema no SP understands (Core §2.5.1). */
export function addUnknownCondition(type: string): DomMutation {
  return dom(`add unknown <Condition> ${type}`, (doc) => {
    const condition = samlElement(doc, 'Condition');
    condition.setAttributeNS(XMLNS_NS, 'xmlns:xsi', XSI_NS);
    condition.setAttributeNS(XMLNS_NS, 'xmlns:ext', 'urn:samlspec:conditions');
    condition.setAttributeNS(XSI_NS, 'xsi:type', `ext:${type}`);
    one(doc, 'Conditions').appendChild(condition);
  });
}

/** Appends one more `<Attribute>` element, even if one with this Name exists already. */
export function addAttribute(name: string, values: readonly string[]): DomMutation {
  return dom(`add <Attribute> ${name}`, (doc) => appendAttribute(doc, name, values));
}

function appendAttribute(doc: Document, name: string, values: readonly string[]): void {
  const attribute = samlElement(doc, 'Attribute');
  attribute.setAttribute('Name', name);
  for (const v of values) attribute.appendChild(samlElement(doc, 'AttributeValue', v));
  one(doc, 'AttributeStatement').appendChild(attribute);
}

/** Pretty-prints the response before signing: whitespace between elements, covered by the signature. */
export function indentBeforeSigning(): DomMutation {
  return dom('indent elements before signing', (doc) => {
    const indent = (el: Element, depth: number): void => {
      const kids = childrenOf(el);
      if (kids.length === 0 || kids.length !== countChildNodes(el)) return;
      for (const kid of kids) {
        el.insertBefore(doc.createTextNode(`\n${'  '.repeat(depth + 1)}`), kid);
        indent(kid, depth + 1);
      }
      el.appendChild(doc.createTextNode(`\n${'  '.repeat(depth)}`));
    };
    indent(rootOf(doc), 0);
  });
}

function countChildNodes(el: Element): number {
  let n = 0;
  for (let c = el.firstChild; c; c = c.nextSibling) n++;
  return n;
}

export interface SecondAssertion {
  /** Whose identity the second assertion carries. */
  subject: 'baseline' | 'victim';
  /** Where it goes relative to the first assertion. */
  position?: 'before' | 'after';
  /** A different Audience (an assertion the IdP issued for another SP). */
  audience?: string;
}

/**
 * A second assertion, cloned from the first after signing, given its own ID (and SessionIndex), changed as
 * asked, and signed by the IdP's own key: an assertion the IdP could legitimately have issued.
 */
export function addSignedAssertion(options: SecondAssertion): TextMutation {
  const position = options.position ?? 'after';
  return {
    name: `add a second IdP-signed assertion for the ${options.subject} (${position})`,
    stage: 'serialized',
    apply(xml, ctx) {
      const doc = parseXml(xml);
      const first = one(doc, 'Assertion');
      const second = copyOf(first);
      remove(signatureOf(second));
      const id = `_${randomUUID()}`;
      second.setAttribute('ID', id);
      for (const statement of all(second, 'AuthnStatement')) statement.setAttribute('SessionIndex', id);
      if (options.subject === 'victim') replaceText(second, ctx.identities.baseline, ctx.identities.victim);
      if (options.audience !== undefined)
        for (const a of all(second, 'Audience')) setText(a, options.audience);
      if (position === 'before') first.parentNode!.insertBefore(second, first);
      else insertAfter(second, first);
      return signedText(doc, { key: ctx.keys.idp, algorithm: 'sha256', elementId: id });
    },
  };
}

/**
 * Rewrites every text node equal to the baseline user's identity (NameID, emailaddress, name claims), or
 * only the NameID's, e.g. to change its case or move it to another domain. Done before signing, so
 * the IdP legitimately asserts the result.
 */
export function rewriteIdentity(
  map: (baseline: string) => string,
  where: 'everywhere' | 'NameID' = 'everywhere',
): DomMutation {
  return dom(`rewrite the baseline identity (${where})`, (doc, ctx) => {
    const root = where === 'NameID' ? one(doc, 'NameID') : rootOf(doc);
    const to = map(ctx.identities.baseline);
    if (replaceText(root, ctx.identities.baseline, to) === 0)
      throw new Error('rewriteIdentity: the baseline identity does not occur in the response');
  });
}

/** Entra's group overage claim: groups.link to the user's Graph memberships, built from the token's own ids. */
export function addGroupsOverageLink(): DomMutation {
  return dom('add the groups.link overage claim', (doc) => {
    const value = (claim: string): string => {
      const attribute = all(doc, 'Attribute').find((a) => a.getAttribute('Name') === claim);
      return attribute ? (all(attribute, 'AttributeValue')[0]?.textContent ?? '') : '';
    };
    const tenant = value('http://schemas.microsoft.com/identity/claims/tenantid');
    const user = value('http://schemas.microsoft.com/identity/claims/objectidentifier');
    appendAttribute(doc, 'http://schemas.microsoft.com/claims/groups.link', [
      `https://graph.windows.net/${tenant}/users/${user}/getMemberObjects`,
    ]);
  });
}
