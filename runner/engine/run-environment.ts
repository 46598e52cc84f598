/**
 * @module What every scenario run of one `samlspec run` shares: the mock IdP prepared for the SP, how
 * to open a target, the oracle, the clock, and what calibration found. Its own file so the engine's
 * parts (run-scenario, run-lifecycle, start-flow, deliver-and-judge) depend on it, not on each other.
 */
import type { Flow, SigningOption } from '../../reports/types.js';
import type { Oracle } from '../oracles/types.js';
import type { SpTarget } from '../targets/types.js';
import type { ScenarioIdp } from './scenario-response.js';

export interface RunEnvironment {
  idp: ScenarioIdp;
  createTarget(): SpTarget;
  /**
   * Browser mode writing artifacts: a target that records a Playwright trace of its scenario, for the
   * traced repeat of a scenario that failed (trace-failures.ts).
   */
  createTracedTarget?: (() => SpTarget) | undefined;
  oracle: Oracle;
  now(): Date;
  /** Reads the account id from the SP's page (first capture group); account scenarios need it. */
  accountPattern?: RegExp | undefined;
  /**
   * What calibration found: each flow's signing option, and whether the SP signs the baseline user in
   * with a given option. Without it (calibration itself, unit tests) the app's option is used and every
   * verdict stands as the oracle gave it.
   */
  baseline?: BaselineGate | undefined;
}

export interface BaselineGate {
  /** The flow's calibrated (or fixed) option; undefined when the flow was not calibrated. */
  optionFor(flow: Flow): SigningOption | undefined;
  /** Whether the SP signs the baseline user in, in this flow, signed this way (memoized deliveries). */
  accepts(flow: Flow, option: SigningOption): Promise<boolean>;
}
