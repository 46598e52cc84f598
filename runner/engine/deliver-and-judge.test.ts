/**
 * The judge path with the real session-probe oracle, in front of a small in-memory SP: a delivery signs
 * the user in once (its replay cache refuses the same response again), a reset forgets the session.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../scenarios/types.js';
import { HarnessError } from '../errors.js';
import { sessionProbe } from '../oracles/session-probe.js';
import type { Delivery, SpReply, SpTarget } from '../targets/types.js';
import {
  askOracle,
  clip,
  deliverAndJudge,
  MAX_EVIDENCE_CHARS,
  type RunContext,
} from './deliver-and-judge.js';
import type { RunEnvironment } from './run-environment.js';

const ACS = 'https://sp.example/acs';
const PROBE = 'https://sp.example/me';
const identities = { baseline: 'b.simon@contoso.com', victim: 'admin@contoso.com' };

class OneTimeSp implements SpTarget {
  readonly kind = 'http';
  private session: string | undefined;
  private readonly seen = new Set<string>();
  constructor(private readonly accepts: boolean) {}
  startLogin(): never {
    throw new Error('not used');
  }
  async deliver(delivery: Delivery): Promise<SpReply> {
    const fresh = !this.seen.has(delivery.samlResponse);
    this.seen.add(delivery.samlResponse);
    if (this.accepts && fresh) this.session = identities.baseline;
    return page(this.accepts && fresh ? 302 : 403, ACS, '');
  }
  async fetchPage(url: string): Promise<SpReply> {
    return this.session ? page(200, url, `{"user":"${this.session}"}`) : page(302, url, '');
  }
  async reset(): Promise<void> {
    this.session = undefined;
  }
  async close(): Promise<void> {}
}

function page(status: number, url: string, body: string): SpReply {
  return { status, url, headers: {}, bodyExcerpt: body, hops: [] };
}

function context(target: SpTarget): RunContext {
  const env = { oracle: sessionProbe(PROBE) } as unknown as RunEnvironment;
  return { scenario: {} as Scenario, flow: 'idp-initiated', env, target, signing: undefined, evidence: {} };
}

const sent = { xml: '<Response/>', baselineXml: '<Response/>', acsUrl: ACS, relayState: undefined };
const delivery = { acsUrl: ACS, samlResponse: 'PFJlc3BvbnNlLz4=' };

describe('deliverAndJudge', () => {
  it('delivers, asks the oracle and keeps what was sent, the reply and the probe', async () => {
    const ctx = context(new OneTimeSp(true));
    const judged = await deliverAndJudge(ctx, sent, { identities, send: () => ctx.target.deliver(delivery) });
    expect(judged.verdict).toMatchObject({ login: 'accepted', identity: 'baseline' });
    expect(ctx.evidence.responseSent).toMatchObject({ acsUrl: ACS, deliveries: 1 });
    expect(ctx.evidence.spReply?.status).toBe(302);
    expect(ctx.evidence.probe?.status).toBe(200);
  });

  it('judges a replay on the second delivery, in a new session', async () => {
    const ctx = context(new OneTimeSp(true));
    const judged = await deliverAndJudge(ctx, sent, {
      identities,
      send: () => ctx.target.deliver(delivery),
      replay: true,
    });
    expect(judged.verdict.login).toBe('rejected');
    expect(ctx.evidence.responseSent?.deliveries).toBe(2);
    expect(ctx.evidence.spReply?.status).toBe(403);
  });

  it('refuses to judge a replay whose first delivery was not accepted (never a vacuous pass)', async () => {
    const ctx = context(new OneTimeSp(false));
    const error = await deliverAndJudge(ctx, sent, {
      identities,
      send: () => ctx.target.deliver(delivery),
      replay: true,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarnessError);
    expect((error as HarnessError).code).toBe('ORACLE_INCONCLUSIVE');
  });

  it('counts deliveries on from the ordinal given (a lifecycle sign-in)', async () => {
    const ctx = context(new OneTimeSp(true));
    await deliverAndJudge(ctx, sent, { identities, send: () => ctx.target.deliver(delivery), ordinal: 3 });
    expect(ctx.evidence.responseSent?.deliveries).toBe(3);
  });
});

describe('askOracle', () => {
  it('keeps the probe but no reply: nothing was sent to the SP', async () => {
    const ctx = context(new OneTimeSp(true));
    const judged = await askOracle(ctx, page(0, '', ''), identities);
    expect(judged.verdict.login).toBe('rejected');
    expect(ctx.evidence.probe?.status).toBe(302);
    expect(ctx.evidence.spReply).toBeUndefined();
  });
});

describe('clip', () => {
  it('keeps short evidence whole and marks a cut', () => {
    expect(clip('<x/>')).toBe('<x/>');
    const long = clip('x'.repeat(MAX_EVIDENCE_CHARS + 10));
    expect(long.startsWith('x'.repeat(MAX_EVIDENCE_CHARS))).toBe(true);
    expect(long.length).toBeGreaterThan(MAX_EVIDENCE_CHARS + 10);
  });
});
