/**
 * @module Which transport each scenario reaches the SP through: the caller's own (tests), a fresh context of
 * the run's Chromium (browser mode), or plain HTTP with a cookie jar. Every one is held to the named origins.
 */
import { HttpTarget } from '../targets/http-target.js';
import type { SpTarget } from '../targets/types.js';
import type { BrowserRun } from '../targets/browser/browser-run.js';
import type { OriginPolicy } from '../http/origin-policy.js';
import type { RunConfig } from './run-config.js';

export interface SpTargetChoice {
  /** The mock IdP's Login URL: every transport stops the flow there. */
  idpLoginUrl: string;
  allowedOrigins: OriginPolicy;
  browser: BrowserRun | undefined;
  custom: ((idpLoginUrl: string) => SpTarget) | undefined;
}

/** Makes a new target per call (one per scenario run and calibration step). */
export function spTargetFactory(config: RunConfig, choice: SpTargetChoice): () => SpTarget {
  const { idpLoginUrl, allowedOrigins, browser, custom } = choice;
  return () =>
    custom?.(idpLoginUrl) ??
    browser?.createTarget(config.sp.loginUrl, idpLoginUrl, allowedOrigins) ??
    new HttpTarget({
      loginUrl: config.sp.loginUrl,
      idpLoginUrl,
      timeoutMs: Math.min(10_000, config.run.timeoutMs),
      allowedOrigins,
    });
}
