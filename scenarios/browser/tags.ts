/** @module Tags that change how the runner treats a scenario (browser mode). */

/** Only a real browser can judge it: HTTP mode skips it and says to run with --browser. */
export const BROWSER_ONLY_TAG = 'browser-only';

/** The browser signs in on the mock IdP's own sign-in page, typing and clicking as a person would. */
export const INTERACTIVE_SIGN_IN_TAG = 'interactive-sign-in';
