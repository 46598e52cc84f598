/**
 * @module XML Signature Wrapping XSW1–XSW8 (docs/attacks.md §B), exactly as SAML Raider builds them: the
 * signed part stays intact (its signature still verifies with K) while the part an SP may read names
 * the victim. XSW1/2 wrap a signed Response (sign=R), XSW3–8 a signed Assertion (sign=A); each also
 * runs on a baseline where both are signed (sign=both), as attack variants.
 */
import { defineScenarios } from '../define.js';
import type { DomMutation, NegativeControl, ScenarioInput } from '../types.js';
import { xsw1, xsw2, xsw3, xsw4, xsw5, xsw6, xsw7, xsw8 } from '../mutations/xsw.js';
import { SAML_RAIDER, SOMOROVSKY, core, signingVariants } from './common.js';

const USE_SIGNED =
  'The SP MUST use exactly the element its signature references (by the ID of its root) and MUST NOT read identity from any other element.';

function xsw(
  slug: string,
  title: string,
  mutation: DomMutation,
  signed: 'response' | 'assertion',
  control: NegativeControl,
): ScenarioInput {
  return {
    slug,
    title,
    requirement: USE_SIGNED,
    fix: 'Verify the signature, then read identity only from the element it references (by its unique ID, resolved by the verifier); refuse duplicate IDs and a Response with more than one Assertion.',
    refs: [core('5.4.2'), SOMOROVSKY, SAML_RAIDER],
    level: 'must',
    expect: 'no-victim-session',
    control,
    response: { sign: signed },
    mutations: [mutation],
    variants: signingVariants(signed),
    tags: ['signature', 'xsw'],
  };
}

export default defineScenarios('attacks/xsw', [
  xsw(
    'xsw1-response-copy-in-signature',
    'Sends an evil Response (ID _evil_response_ID, victim) whose Signature holds the signed original as its last child (XSW1)',
    xsw1(),
    'response',
    [{ sp: 'naive-xsw-dom-reader' }, { sp: 'naive-verify-response-signature-only' }],
  ),
  xsw(
    'xsw2-response-copy-before-signature',
    'Sends an evil Response (ID _evil_response_ID, victim) with the signed original just before its Signature (XSW2)',
    xsw2(),
    'response',
    [{ sp: 'naive-xsw-dom-reader' }, { sp: 'naive-verify-response-signature-only' }],
  ),
  xsw(
    'xsw3-assertion-sibling',
    'Inserts an unsigned victim Assertion (ID _evil_assertion_ID) before the signed one (XSW3)',
    xsw3(),
    'assertion',
    [
      { sp: 'naive-read-first-assertion' },
      { sp: 'naive-any-valid-signature' },
      { sp: 'naive-xsw-first-reader' },
      { sp: 'naive-unverified-multiple-assertions' },
      { sp: 'naive-any-valid-signature-response-required' },
    ],
  ),
  xsw(
    'xsw4-assertion-wraps-signed',
    'Appends an unsigned victim Assertion and moves the signed Assertion inside it (XSW4)',
    xsw4(),
    'assertion',
    [
      { sp: 'naive-any-valid-signature' },
      { sp: 'naive-unverified-multiple-assertions' },
      { sp: 'naive-any-valid-signature-response-required' },
    ],
  ),
  xsw(
    'xsw5-clean-copy-after',
    'Swaps the signed Assertion in place (ID _evil_assertion_ID) and appends a clean unsigned copy with the signed ID (XSW5)',
    xsw5(),
    'assertion',
    [
      { sp: 'naive-any-valid-signature' },
      { sp: 'naive-xsw-first-reader' },
      { sp: 'naive-xsw-dom-reader' },
      { sp: 'naive-unverified-multiple-assertions' },
      { sp: 'naive-any-valid-signature-response-required' },
    ],
  ),
  xsw(
    'xsw6-clean-copy-in-signature',
    'Swaps the signed Assertion in place (ID _evil_assertion_ID) and puts a clean copy inside its Signature (XSW6)',
    xsw6(),
    'assertion',
    [
      { sp: 'naive-xsw-first-reader' },
      { sp: 'naive-xsw-dom-reader' },
      { sp: 'naive-unverified-multiple-assertions' },
    ],
  ),
  xsw(
    'xsw7-extensions-duplicate-id',
    'Puts a victim copy of the Assertion with the same ID in a no-namespace <Extensions> before it (XSW7)',
    xsw7(),
    'assertion',
    [{ sp: 'naive-xsw-first-reader' }],
  ),
  xsw(
    'xsw8-object-duplicate-id',
    'Swaps the signed Assertion in place and puts a clean same-ID copy in a no-namespace <Object> of its Signature (XSW8)',
    xsw8(),
    'assertion',
    [{ sp: 'naive-xsw-first-reader' }, { sp: 'naive-xsw-dom-reader' }],
  ),
]);
