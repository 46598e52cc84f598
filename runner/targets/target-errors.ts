/**
 * @module The harness errors both targets raise the same way: an SP-initiated flow without a login URL,
 * and a hop to an origin the run may not contact (recorded with the path that led there, never followed).
 */
import type { HttpExchange } from '../../reports/types.js';
import { HarnessError } from '../errors.js';
import type { OriginPolicy } from '../http/origin-policy.js';

export function requireLoginUrl(loginUrl: string | undefined): string {
  if (!loginUrl)
    throw new HarnessError('BAD_CONFIG', 'SP-initiated flows need the SP login URL (--login-url)');
  return loginUrl;
}

export function offOriginError(
  url: string,
  hops: readonly HttpExchange[],
  policy: OriginPolicy,
): HarnessError {
  const path = hops.map((h) => `${h.method} ${h.url} → ${h.status}`).join(', ');
  return new HarnessError(
    'OFF_ORIGIN',
    `the SP sent the browser to ${url.slice(0, 300)}, which is not one of the origins this run may contact (${policy.describe()}); samlspec did not follow it${path ? ` (after ${path})` : ''}`,
  );
}
