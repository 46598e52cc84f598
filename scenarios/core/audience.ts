/** @module SAML Core §2.5.1.4 — AudienceRestriction: the SP must be among the audiences of every restriction. */
import { defineScenarios } from '../define.js';
import { setElementText } from '../mutations/basic.js';
import { addAudience, addAudienceRestriction } from '../mutations/protocol.js';
import type { SpecRef } from '../types.js';

const OTHER_SP = 'https://other-sp.example.net/saml/metadata';
const core = { doc: 'saml-core', section: '2.5.1.4' } as const satisfies SpecRef;
const profile = { doc: 'saml-profiles', section: '4.1.4.2' } as const satisfies SpecRef;

export default defineScenarios('core/2.5.1.4', [
  {
    slug: 'audience-other-sp',
    title: "Sends an assertion whose only Audience is another SP's entity ID",
    requirement: 'The SP MUST reject an assertion whose AudienceRestriction does not name it as an Audience.',
    fix: 'Refuse the assertion unless an Audience in its AudienceRestriction equals your own entity ID exactly (the Identifier configured on the Entra app).',
    refs: [core, profile],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-audience-check' }],
    response: { audience: OTHER_SP },
    tags: ['audience'],
  },
  {
    slug: 'second-restriction-other-sp',
    title: 'Sends an assertion with a second AudienceRestriction that names only another SP',
    requirement:
      'Each AudienceRestriction MUST be satisfied (multiple restrictions form a conjunction); the SP MUST reject the assertion.',
    fix: 'Evaluate every AudienceRestriction: each must list your entity ID, and one that does not makes the assertion invalid.',
    refs: [
      {
        ...core,
        quote:
          'multiple <AudienceRestriction> elements MAY be included in a single assertion, and each MUST be evaluated independently',
      },
    ],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-audience-check' }],
    mutations: [addAudienceRestriction(OTHER_SP)],
    tags: ['audience'],
  },
  {
    slug: 'audience-among-several',
    title: 'Sends an AudienceRestriction that lists another SP first and this SP second',
    requirement:
      'Audiences within one restriction form a disjunction; the SP SHOULD accept an assertion that lists it among several audiences.',
    fix: 'Within one AudienceRestriction, accept the assertion when any Audience equals your entity ID; do not require it to be the first or the only one.',
    refs: [core],
    level: 'should',
    expect: 'accept',
    control: [{ sp: 'overstrict-first-audience-only' }],
    mutations: [addAudience(OTHER_SP, 'before')],
    tags: ['audience'],
  },
  {
    slug: 'audience-trailing-slash-differs',
    title: "Sends an Audience that differs from the SP's entity ID only by a trailing slash",
    requirement:
      'Audience is compared as a URI, character for character; the SP MUST reject an Audience that is not exactly its entity ID.',
    fix: 'Compare Audience with your entity ID as an exact string (no trimming, trailing-slash or case normalisation) and refuse it otherwise.',
    refs: [core, { doc: 'saml-core', section: '1.3.2' }],
    level: 'must',
    expect: 'reject',
    control: [{ sp: 'naive-no-audience-check' }],
    mutations: [
      setElementText('Audience', (ctx) =>
        ctx.audience.endsWith('/') ? ctx.audience.slice(0, -1) : `${ctx.audience}/`,
      ),
    ],
    tags: ['audience'],
  },
]);
