/**
 * @module The package's main entry (`import ... from 'samlspec'`): the mock IdP's in-process API
 * (also at 'samlspec/mock-idp') and the runner as a library — runScenarios() with its options and the
 * report types it resolves to.
 */
export * from '../mock-idp/index.js';
export { runScenarios } from './run-scenarios.js';
export type {
  RunScenariosOptions,
  RunScenariosResult,
  SpSettings,
  StartedSp,
  MockIdpForSp,
} from './run-scenarios.js';
export { EXIT, HarnessError } from './errors.js';
export type { HarnessErrorCode } from './errors.js';
export type { RunConfig, RunConfigInput, SigningOptionName } from './run/run-config.js';
export type { ShardSpec } from './run/shard.js';
// The report, as the JSON reporter writes it. (SigningOption is the mock IdP's, exported above; the
// report's is the same without 'none'.)
export type {
  RunReport,
  RunSummary,
  RunError,
  ReportShard,
  ScenarioResult,
  Outcome,
  Level,
  Flow,
  Expectation,
  ReportRef,
  Verdict,
  Evidence,
  HttpExchange,
  SpReplyEvidence,
  FlowCalibration,
  BaselineAttempt,
  SpDownEvent,
} from '../reports/types.js';
