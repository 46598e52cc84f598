/**
 * @module Negative controls many scenarios share, named once (scenarios name their controls in their own
 * entries, scenarios/types.ts `control`): whatever a forged or broken signature should stop, an SP that
 * verifies nothing lets through, and a forgery signed with a key of the attacker's choosing also gets past
 * an SP that takes its key from the message or from another tenant.
 */
import type { NegativeControl } from './types.js';

/** The SPs that verify no signature at all (three ways of not doing it). */
export const SIGNATURE_UNCHECKED = [
  { sp: 'naive-no-signature-check' },
  { sp: 'naive-xml-unverified' },
  { sp: 'naive-unverified-multiple-assertions' },
] as const satisfies NegativeControl;

/** SIGNATURE_UNCHECKED, plus the SPs that verify with a key the message names or another tenant's key. */
export const KEY_NOT_PINNED = [
  { sp: 'naive-no-signature-check' },
  { sp: 'naive-trust-keyinfo-cert' },
  { sp: 'naive-xml-unverified' },
  { sp: 'naive-unverified-multiple-assertions' },
  { sp: 'naive-foreign-tenant' },
] as const satisfies NegativeControl;
