/**
 * @module Generic mutations (verbs): change, remove or add attributes, elements and text of the
 * response, by element local name and position, at a chosen stage. Family-specific mutations (XSW,
 * signatures, canonicalization, raw XML) live in their own files beside this one.
 */
import type { Document, Element } from '@xmldom/xmldom';
import type { DomMutation, MutationContext, TextMutation } from '../types.js';
import { all, one, remove, replaceText, rootOf, setText } from './dom.js';

type Stage = DomMutation['stage'];

export interface Target {
  /** Local name of the element, e.g. 'SubjectConfirmationData'. */
  element: string;
  /** Which one in document order (default 0). `'all'` for every one. */
  index?: number | 'all';
}

function targets(doc: Document, target: Target | string): Element[] {
  const t = typeof target === 'string' ? { element: target } : target;
  if (t.index === 'all') return all(doc, t.element);
  return [one(doc, t.element, t.index ?? 0)];
}

function dom(name: string, stage: Stage, apply: (doc: Document, ctx: MutationContext) => void): DomMutation {
  return { name, stage, apply };
}

export function setAttr(
  target: Target | string,
  attribute: string,
  value: string | ((ctx: MutationContext) => string),
  stage: Stage = 'before-sign',
): DomMutation {
  return dom(`set @${attribute} on ${describe(target)}`, stage, (doc, ctx) => {
    for (const el of targets(doc, target))
      el.setAttribute(attribute, typeof value === 'function' ? value(ctx) : value);
  });
}

export function removeAttr(
  target: Target | string,
  attribute: string,
  stage: Stage = 'before-sign',
): DomMutation {
  return dom(`remove @${attribute} from ${describe(target)}`, stage, (doc) => {
    for (const el of targets(doc, target)) el.removeAttribute(attribute);
  });
}

export function removeElement(target: Target | string, stage: Stage = 'before-sign'): DomMutation {
  return dom(`remove ${describe(target)}`, stage, (doc) => {
    for (const el of targets(doc, target)) remove(el);
  });
}

export function setElementText(
  target: Target | string,
  text: string | ((ctx: MutationContext) => string),
  stage: Stage = 'before-sign',
): DomMutation {
  return dom(`set text of ${describe(target)}`, stage, (doc, ctx) => {
    for (const el of targets(doc, target)) setText(el, typeof text === 'function' ? text(ctx) : text);
  });
}

/** Adds an element built by `build` as the last child of (or before/after) the target. */
export function insertElement(
  target: Target | string,
  build: (doc: Document, ctx: MutationContext) => Element,
  position: 'append' | 'prepend' | 'before' | 'after' = 'append',
  stage: Stage = 'before-sign',
): DomMutation {
  return dom(`insert into ${describe(target)} (${position})`, stage, (doc, ctx) => {
    const el = targets(doc, target)[0]!;
    const node = build(doc, ctx);
    if (position === 'append') el.appendChild(node);
    else if (position === 'prepend') el.insertBefore(node, el.firstChild);
    else if (position === 'before') el.parentNode!.insertBefore(node, el);
    else if (el.nextSibling) el.parentNode!.insertBefore(node, el.nextSibling);
    else el.parentNode!.appendChild(node);
  });
}

/**
 * SWAP (docs/attacks.md §0): every text node whose whole value is the baseline user's identity becomes the
 * victim's. After signing, this is tampering; before signing, it is an IdP legitimately asserting the victim.
 */
export function swapIdentity(stage: Stage = 'after-sign'): DomMutation {
  return dom('swap baseline identity for the victim', stage, (doc, ctx) => {
    if (replaceText(rootOf(doc), ctx.identities.baseline, ctx.identities.victim) === 0) {
      throw new Error('swapIdentity: the baseline identity does not occur in the response');
    }
  });
}

/** A raw text edit on the serialized response, for what a DOM cannot express. */
export function editText(name: string, edit: (xml: string, ctx: MutationContext) => string): TextMutation {
  return { name, stage: 'serialized', apply: edit };
}

function describe(target: Target | string): string {
  const t = typeof target === 'string' ? { element: target } : target;
  return `<${t.element}>${t.index === undefined ? '' : `[${t.index}]`}`;
}
