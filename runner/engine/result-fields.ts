/**
 * @module What every result says of its scenario and flow, whichever way it came about: judged by the
 * engine, skipped or timed out by the scheduler, or run in a later phase. One place, so the reports
 * describe a scenario the same way in every result.
 */
import type { Flow, ScenarioResult } from '../../reports/types.js';
import type { Scenario } from '../../scenarios/types.js';

export type ScenarioFields = Pick<
  ScenarioResult,
  'id' | 'flow' | 'level' | 'expect' | 'title' | 'requirement' | 'refs' | 'tags'
>;

export function scenarioFields(scenario: Scenario, flow: Flow): ScenarioFields {
  return {
    id: scenario.id,
    flow,
    level: scenario.level,
    expect: scenario.expect,
    title: scenario.title,
    requirement: scenario.requirement,
    refs: [...scenario.refs],
    tags: [...(scenario.tags ?? [])],
  };
}
