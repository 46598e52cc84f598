/**
 * @module What every step of the browser target (a login start, a delivery, a probe, a person's
 * sign-in) works with — the IdP's origin, the time limit per step, the origins the run may contact —
 * and the one hop rule they all apply (classifyHop, as HTTP mode does).
 */
import type { OriginPolicy } from '../../http/origin-policy.js';
import { classifyHop, type HopKind } from '../classify-hop.js';

export interface StepContext {
  /** The origin of the IdP's Login URL: login starts stop there; it serves the delivery pages. */
  readonly idpOrigin: string;
  /** Per step (a login start, a delivery, a probe). */
  readonly timeoutMs: number;
  /** The origins a login start is held to: the run's, or else the login URL's and the IdP's. */
  readonly policy: OriginPolicy;
  /** The run's origins, when it named them (see BrowserTargetOptions.allowedOrigins). */
  readonly allows: ((url: string) => boolean) | undefined;
  /** Bytes of each reply body kept as evidence (undefined: spReply's default). */
  readonly excerptBytes: number | undefined;
}

/** See classifyHop: the rule HTTP mode applies too; `policy` undefined lets any http(s) origin through. */
export function classifyStep(steps: StepContext, url: string, policy: OriginPolicy | undefined): HopKind {
  return classifyHop(url, { idpOrigin: steps.idpOrigin, allows: policy && ((u) => policy.allows(u)) });
}
