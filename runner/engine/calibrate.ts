/**
 * @module Calibration: before the catalog, per flow, find the signing option with which the SP signs
 * the baseline user in — the app's own (Entra's default) first, then the portal's other options, as a
 * vendor would change the setting in Entra. The first one accepted is the flow's option for every
 * scenario that does not choose its own, and the gate of the no-vacuous-pass rule: a refusal counts
 * only where the same flow and option's baseline is accepted. Deliveries are memoized, so asking again
 * about an option (a scenario that picks one) costs one delivery at most.
 */
import type {
  BaselineAttempt,
  Flow,
  FlowCalibration,
  ScenarioResult,
  SigningOption,
} from '../../reports/types.js';
import type { Scenario } from '../../scenarios/types.js';
import { HarnessError } from '../errors.js';
import { runScenario } from './run-scenario.js';
import type { BaselineGate, RunEnvironment } from './run-environment.js';
import { PORTAL_LABEL, SEARCH_ORDER } from './signing-options.js';

export interface CalibrationOptions {
  /** The app's configured option (Entra's default unless the user changed it). */
  configured: SigningOption;
  algorithm: 'sha256' | 'sha1';
  /** --signing-option: only this option, no search. */
  fixed?: SigningOption | undefined;
}

/** The synthetic positive control each calibration or liveness delivery sends. */
export function baselineScenario(option: SigningOption, algorithm: 'sha256' | 'sha1'): Scenario {
  return {
    id: 'calibration/baseline',
    title: `Sends the baseline response for B.Simon, "${PORTAL_LABEL[option]}" (${algorithm})`,
    requirement: 'The SP signs the baseline user in: the positive control every refusal is judged against.',
    refs: [{ doc: 'saml-profiles', section: '4.1.4.5' }],
    level: 'must',
    expect: 'accept',
    flows: ['sp-initiated', 'idp-initiated'],
    response: { sign: option, signatureAlgorithm: algorithm },
    fix: "Trust the IdP's signing certificate from its federation metadata and accept what Entra signs.",
  };
}

export class Calibration implements BaselineGate {
  readonly #env: RunEnvironment;
  readonly #options: CalibrationOptions;
  readonly #attempts = new Map<string, Promise<BaselineAttempt>>();
  readonly #chosen = new Map<Flow, SigningOption>();
  readonly #results: FlowCalibration[] = [];

  constructor(env: RunEnvironment, options: CalibrationOptions) {
    // Calibration deliveries are judged as they are: no gate of their own.
    this.#env = { ...env, baseline: undefined };
    this.#options = options;
  }

  get results(): readonly FlowCalibration[] {
    return this.#results;
  }

  optionFor(flow: Flow): SigningOption | undefined {
    return this.#chosen.get(flow);
  }

  async accepts(flow: Flow, option: SigningOption): Promise<boolean> {
    return (await this.attempt(flow, option)).accepted;
  }

  /** One baseline delivery, memoized per flow and option. */
  attempt(flow: Flow, option: SigningOption): Promise<BaselineAttempt> {
    const key = `${flow}:${option}`;
    let pending = this.#attempts.get(key);
    if (!pending) {
      pending = this.#deliver(flow, option);
      this.#attempts.set(key, pending);
    }
    return pending;
  }

  /** A fresh baseline delivery (not memoized): the liveness check. */
  async recheck(flow: Flow): Promise<{ attempt: BaselineAttempt; result: ScenarioResult }> {
    const option = this.#chosen.get(flow) ?? this.#options.configured;
    const result = await runScenario(baselineScenario(option, this.#options.algorithm), flow, this.#env);
    return { attempt: toAttempt(option, this.#options.algorithm, result, false), result };
  }

  /**
   * Finds the flow's option. `unsolicitedFallback`: for the IdP-initiated flow when the SP-initiated
   * one is calibrated and the user did not declare IdP-initiated support — refusing every unsolicited
   * response then means "SP-initiated only", not a broken flow.
   */
  async calibrate(flow: Flow, unsolicitedFallback = false): Promise<FlowCalibration> {
    const { configured, fixed } = this.#options;
    const order = fixed ? [fixed] : [configured, ...SEARCH_ORDER.filter((o) => o !== configured)];
    const attempts: BaselineAttempt[] = [];
    let chosen: SigningOption | undefined;
    for (const option of order) {
      const attempt = await this.attempt(flow, option);
      attempts.push(attempt);
      if (attempt.accepted) {
        chosen = option;
        break;
      }
    }
    const configuredRefused = attempts.some((a) => a.option === configured && !a.accepted);
    let result: FlowCalibration;
    if (chosen) {
      this.#chosen.set(flow, chosen);
      result = {
        flow,
        status: fixed ? 'fixed' : 'calibrated',
        option: chosen,
        configuredOption: configured,
        configuredRefused,
        summary: acceptedSummary(flow, chosen, configured, configuredRefused, Boolean(fixed)),
        attempts,
      };
    } else {
      const spOnly = flow === 'idp-initiated' && unsolicitedFallback;
      result = {
        flow,
        status: spOnly ? 'sp-initiated-only' : 'refused',
        configuredOption: configured,
        configuredRefused,
        summary: spOnly
          ? 'SP-initiated only: the SP refuses every unsolicited (IdP-initiated) response, with every signing option; only the checks that it refuses them run in this flow'
          : `${flow}: the SP signed the baseline user in with no signing option (${order.map((o) => `"${PORTAL_LABEL[o]}"`).join(', ')} refused), so no scenario of this flow can be judged — check the SP's IdP settings (metadata, certificate) and the probe`,
        attempts,
      };
    }
    this.#results.push(result);
    return result;
  }

  async #deliver(flow: Flow, option: SigningOption): Promise<BaselineAttempt> {
    const { algorithm } = this.#options;
    const result = await runScenario(baselineScenario(option, algorithm), flow, this.#env);
    // Entra refusing the SP's AuthnRequest is a configuration problem: no SP-initiated scenario can run.
    if (result.error?.code === 'IDP_REFUSED_REQUEST')
      throw new HarnessError(
        'IDP_REFUSED_REQUEST',
        `before the run, an SP-initiated sign-in failed: ${result.error.message}`,
      );
    // The SP leading the browser off the named origins is a configuration problem too: nothing is followed.
    if (result.error?.code === 'OFF_ORIGIN')
      throw new HarnessError('OFF_ORIGIN', `before the run (${flow}): ${result.error.message}`);
    // A browser that cannot open a page judges nothing: its failure must not read as the SP refusing.
    if (result.error?.code === 'BROWSER_FAILED')
      throw new HarnessError('BROWSER_FAILED', `before the run (${flow}): ${result.error.message}`);
    if (result.error?.code === 'TARGET_UNREACHABLE' || result.error?.code === 'TIMEOUT')
      throw new HarnessError(
        'TARGET_UNREACHABLE',
        `before the run, the SP could not be reached (${flow}): ${result.error.message}`,
      );
    return toAttempt(option, algorithm, result, true);
  }
}

function toAttempt(
  option: SigningOption,
  algorithm: 'sha256' | 'sha1',
  result: ScenarioResult,
  keepEvidence: boolean,
): BaselineAttempt {
  return {
    option,
    algorithm,
    accepted: result.outcome === 'pass',
    because:
      result.outcome === 'error' ? `harness error: ${result.error?.message ?? result.actual}` : result.actual,
    ...(keepEvidence ? { evidence: result.evidence } : {}),
  };
}

function acceptedSummary(
  flow: Flow,
  chosen: SigningOption,
  configured: SigningOption,
  configuredRefused: boolean,
  fixed: boolean,
): string {
  if (fixed)
    return `${flow}: signing option fixed to "${PORTAL_LABEL[chosen]}" (--signing-option); the SP accepts it`;
  if (!configuredRefused)
    return `${flow}: the SP accepts the app's signing option "${PORTAL_LABEL[configured]}"`;
  return `${flow}: this SP needs "${PORTAL_LABEL[chosen]}"; the app's "${PORTAL_LABEL[configured]}" (Entra's default) is refused — every scenario that does not choose its own option is signed "${PORTAL_LABEL[chosen]}"`;
}
