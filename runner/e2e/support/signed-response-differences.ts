/**
 * @module How a control's findings change when the SP also requires a signed Response (see
 * signed-response-controls.e2e.test.ts): the cases that send Entra's default as-is fail in addition;
 * a layout the signed Response itself rules out drops out, with the reason.
 */

/** Scenarios that send an unsigned Response on purpose (Entra's default option). */
export const DEFAULT_REFUSED_IDS: readonly string[] = [
  'profiles/4.1.4.5/entra-default-response',
  'entra/signing/sign-assertion-sha256',
  'bindings/3.5.5.2/destination-missing-unsigned-response',
];

export const SIGNED_RESPONSE_DIFFERENCES: Readonly<
  Record<string, { gone: readonly string[]; added: readonly string[] }>
> = {};
