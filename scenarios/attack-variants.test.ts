/**
 * @module The catalog's attack variants as data: only on forgeries and policy rejections, short unique
 * names, each a different layout, and each built in every flow and under every signing option a run may
 * calibrate to (a variant that does not choose its own option takes the flow's).
 */
import { describe, expect, it } from 'vitest';
import { buildScenarioResponse } from '../runner/engine/scenario-response.js';
import { SP_ACS_URL, SP_ENTITY_ID, scenarioIdp } from '../runner/engine/test-support/scenario-harness.js';
import { scenarios } from './index.js';
import { variantsOf } from './test-support/variants.js';

const withVariants = scenarios.filter((s) => s.variants);
const OPTIONS = ['assertion', 'response', 'both'] as const;

/** The XML without what differs between any two builds: generated IDs, instants, digests, signature values. */
function layout(xml: string): string {
  return xml
    .replace(/(_[a-z_]+_ID)_[0-9a-f]{12}\b/g, '$1')
    .replace(/[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}/g, 'GUID')
    .replace(/"\d{4}-\d\d-\d\dT[^"]*"/g, '"T"')
    .replace(/>[A-Za-z0-9+/=\s]{40,}</g, '><');
}

describe('attack variants', () => {
  it('are carried by the forgeries this change is about', () => {
    const ids = withVariants.map((s) => s.id);
    for (const id of [
      'attacks/xml/multiple-roots-signed-assertion-first',
      'attacks/xsw/xsw1-response-copy-in-signature',
      'attacks/xsw/xsw8-object-duplicate-id',
      'attacks/xsw/signature-relocated-to-response',
      'attacks/c14n/nameid-comment-truncation',
      'attacks/c14n/email-attribute-comment-truncation',
    ])
      expect(ids).toContain(id);
  });

  it.each(withVariants.map((s) => [s.id, s] as const))(
    '%s: a forgery or rejection, with short unique names',
    (_id, scenario) => {
      expect(scenario.expect).not.toBe('accept');
      const names = scenario.variants!.map((v) => v.name);
      expect(new Set(names).size).toBe(names.length);
      for (const name of names) expect(name).toMatch(/^[A-Za-z][\w ,'-]{2,39}$/);
      // A variant that changes nothing would be the scenario twice.
      for (const v of scenario.variants!) expect(v.response ?? v.mutations, v.name).toBeDefined();
    },
  );

  it.each(withVariants.map((s) => [s.id, s] as const))(
    '%s: every variant builds, in each flow and calibrated option, and no two build the same layout',
    async (_id, scenario) => {
      const idp = scenarioIdp();
      for (const flow of scenario.flows) {
        const target = {
          acsUrl: SP_ACS_URL,
          audience: SP_ENTITY_ID,
          inResponseTo: flow === 'sp-initiated' ? '_request-1' : undefined,
        };
        for (const option of OPTIONS) {
          const shapes = new Set<string>();
          for (const [name, single] of variantsOf(scenario)) {
            const { xml } = await buildScenarioResponse(single, target, idp, new Date(), option);
            expect(xml.length, `${name} (${flow}, ${option})`).toBeGreaterThan(0);
            shapes.add(layout(xml));
            // The comparison means something only if the same variant always has the same layout.
            const again = await buildScenarioResponse(single, target, idp, new Date(), option);
            expect(layout(again.xml), `${name} (${flow}, ${option})`).toBe(layout(xml));
          }
          const explicit = scenario.variants!.every((v) => v.response?.sign !== undefined);
          if (!explicit || option === 'assertion') expect(shapes.size).toBe(scenario.variants!.length);
        }
      }
    },
  );
});
