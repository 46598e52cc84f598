/**
 * @module Tags that tell the engine how to sign a scenario's response when the scenario does not pick
 * a signing option itself (runner/engine/signing-options.ts).
 */

/** Always the app's own option (Entra's default): the scenario checks what Entra sends out of the box. */
export const AS_CONFIGURED_TAG = 'entra-default';

/**
 * The attack works on the Assertion's signature: when calibration settled on "Sign SAML response" (no
 * assertion signature), the response is signed "Sign SAML response and assertion" instead.
 */
export const SIGNED_ASSERTION_TAG = 'needs-signed-assertion';
