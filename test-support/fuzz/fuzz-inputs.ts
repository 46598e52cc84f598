/**
 * @module The fuzzer's inputs: raw HTTP requests for the mock IdP, generated from a seed (mulberry32),
 * so a run is reproducible from its seed and count alone. Every route and both bindings, with hostile
 * XML (DTDs, entities, external entities, XInclude, deep nesting, huge and NUL-laden documents), bad
 * encodings (base64, DEFLATE, percent-escapes, UTF-8, charsets), ACS URLs the app does not register,
 * malformed cookies, undecodable path parameters, admin API bodies and HTTP framing garbage. This file
 * picks a family by weight; each family is its own file (fuzz-binding-inputs, fuzz-page-inputs,
 * fuzz-admin-inputs, fuzz-http-garbage).
 *
 * URLs a hostile document points at are the loopback canary (which counts any fetch) or an address in
 * TEST-NET-2, which the network guard refuses before a packet leaves: the mock must fetch neither.
 */
import type { FuzzContext, FuzzInput, FuzzRequest } from './fuzz-context.js';
import { segment } from './fuzz-raw-http.js';
import type { Rng } from './fuzz-rng.js';
import { bindingRequest, type BindingCategory } from './fuzz-binding-inputs.js';
import { launchRequest, metadataRequest, routeRequest, signInFormRequest } from './fuzz-page-inputs.js';
import { adminRequest } from './fuzz-admin-inputs.js';
import { httpGarbage } from './fuzz-http-garbage.js';

export type { FuzzContext, FuzzRequest } from './fuzz-context.js';
export { seededRng, type Rng } from './fuzz-rng.js';

export type FuzzCategory =
  BindingCategory | 'routes' | 'sign-in-form' | 'metadata' | 'launch' | 'admin' | 'http-garbage';

const WEIGHTS: ReadonlyArray<readonly [FuzzCategory, number]> = [
  ['redirect-binding', 16],
  ['post-binding', 14],
  ['hostile-xml', 16],
  ['unregistered-acs', 8],
  ['cookies', 8],
  ['routes', 10],
  ['sign-in-form', 6],
  ['metadata', 5],
  ['launch', 5],
  ['admin', 6],
  ['http-garbage', 6],
];
const TOTAL_WEIGHT = WEIGHTS.reduce((n, [, w]) => n + w, 0);

export function nextRequest(rng: Rng, ctx: FuzzContext): FuzzRequest {
  let roll = rng() * TOTAL_WEIGHT;
  let category: FuzzCategory = WEIGHTS[0]![0];
  for (const [name, weight] of WEIGHTS) {
    if ((roll -= weight) < 0) {
      category = name;
      break;
    }
  }
  return build(category, rng, ctx);
}

function build(category: FuzzCategory, rng: Rng, ctx: FuzzContext): FuzzRequest {
  // Drawn first for every category, as the seeds' recorded runs expect: a run is reproducible from its seed.
  const saml2 = `/${segment(rng, ctx.tenantId)}/saml2`;
  const made = generate(category, rng, ctx, saml2);
  return {
    category,
    raw: made.raw,
    summary: `${made.summary}: ${made.raw.subarray(0, 160).toString('latin1').split('\r\n')[0]}`,
  };
}

/** The families that need no SAML endpoint path (the binding families get the one drawn first). */
const FAMILIES: Readonly<
  Record<Exclude<FuzzCategory, BindingCategory>, (rng: Rng, ctx: FuzzContext) => FuzzInput>
> = {
  routes: routeRequest,
  'sign-in-form': signInFormRequest,
  metadata: metadataRequest,
  launch: launchRequest,
  admin: adminRequest,
  'http-garbage': httpGarbage,
};

function generate(category: FuzzCategory, rng: Rng, ctx: FuzzContext, saml2: string): FuzzInput {
  return category in FAMILIES
    ? FAMILIES[category as keyof typeof FAMILIES](rng, ctx)
    : bindingRequest(category as BindingCategory, rng, ctx, saml2);
}
