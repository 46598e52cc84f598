import { describe, expect, it } from 'vitest';
import { scenarios } from '../../scenarios/index.js';
import type { IdGenerator } from '../../mock-idp/internal.js';
import { buildScenarioResponse } from './scenario-response.js';
import { scenarioIdp, SP_ACS_URL, SP_ENTITY_ID } from './test-support/scenario-harness.js';

const target = { acsUrl: SP_ACS_URL, audience: SP_ENTITY_ID, inResponseTo: '_request-1' };
const ids = (xml: string): string[] => [...xml.matchAll(/ ID="([^"]+)"/g)].map((m) => m[1]!);

describe('buildScenarioResponse: the baseline beside the sent response', () => {
  // A scenario that changes the response before signing: sent and baseline differ, ids must not.
  const mutated = scenarios.find((s) => s.mutations?.some((m) => m.stage === 'before-sign'))!;

  it('is built when first read (a pass is never reported in full), with the ids of the sent response', async () => {
    const shared = scenarioIdp();
    let drawn = 0;
    const counting: IdGenerator = {
      guid: () => (drawn++, shared.ids.guid()),
      samlId: () => (drawn++, shared.ids.samlId()),
    };
    const built = await buildScenarioResponse(mutated, target, { ...shared, ids: counting }, new Date());
    expect(typeof Object.getOwnPropertyDescriptor(built, 'baselineXml')?.get).toBe('function');
    const drawnForTheResponse = drawn;
    const baseline = built.baselineXml;
    // Read later, it replays the response's ids instead of drawing new ones.
    expect(drawn).toBe(drawnForTheResponse);
    expect(ids(baseline)).toEqual(ids(built.xml));
    expect(baseline).not.toBe(built.xml);
    expect(built.baselineXml).toBe(baseline);
  });
});
