/**
 * @module The run configuration: which SP to test and how to tell whether it signed someone in, where
 * the mock IdP listens, and what to report. From CLI flags, a config file (JSON or YAML), or both
 * (flags win). Validated with zod so every mistake names its field.
 */
import * as z from 'zod';
import {
  formatIssues,
  DEFAULT_STATE_DIR,
  DEFAULT_APP_NAME,
  readBoundedFileSync,
  parseYamlText,
} from '../../mock-idp/internal.js';
import { HarnessError } from '../errors.js';
import { SP_PROFILE_NAMES, type SpProfileName } from '../../scenarios/sp-profiles/index.js';
import { shardSchema } from './shard.js';
import { refreshHookProblem } from './refresh-hook.js';

/** Where the mock IdP listens unless told otherwise (`run`, `demo` and `idp` alike). */
export const DEFAULT_IDP_PORT = 7080;

/** The CLI's names for Entra's three Signing Options. */
export const SIGNING_OPTION_NAMES = ['assertion', 'response', 'response-and-assertion'] as const;
export type SigningOptionName = (typeof SIGNING_OPTION_NAMES)[number];

export const DEFAULT_REPORTERS = ['console', 'json', 'junit', 'html', 'markdown'] as const;

const spSchema = z
  .strictObject({
    /** Which product the SP works like: the Entra tutorial's app settings and expectations (scenarios/sp-profiles). */
    profile: z.enum(SP_PROFILE_NAMES as [SpProfileName, ...SpProfileName[]]).default('generic'),
    /** SP metadata: a file path or an http(s) URL... */
    metadata: z.string().min(1).optional(),
    /** ...or the Basic SAML Configuration typed by hand: the SP's entity ID (Identifier) and ACS URL (Reply URL). */
    entityId: z.string().min(1).optional(),
    acsUrl: z.url().optional(),
    /** Where SP-initiated sign-in starts (without it, only IdP-initiated flows run). */
    loginUrl: z.url().optional(),
    /** The SP's page that starts sign-out (single logout scenarios; without it they are skipped). */
    logoutUrl: z.url().optional(),
    /** Session probe: 2xx only with a session, showing who is signed in (absolute, or a path on the ACS origin). */
    probe: z.string().optional(),
    /** Alternative oracles when the SP has no probe: a regex the final URL matches, or a text the page shows. */
    successUrl: z.string().optional(),
    successText: z.string().optional(),
    /** The SP's email domain, for domain-mismatch scenarios. */
    domain: z.string().optional(),
    /** Does the SP accept IdP-initiated (unsolicited) responses? Default: as its profile says. */
    idpInitiated: z.boolean().optional(),
    /** Where IdP-initiated sign-in must land (profiles with Relay State = the instance URL). */
    instanceUrl: z.url().optional(),
    /** A regex whose first group is the account id the probe page shows (account-lifecycle scenarios). */
    accountPattern: z.string().min(1).refine(isRegex, 'must be a valid regular expression').optional(),
    /**
     * How the SP is told to re-read the IdP metadata after the certificate rollover phase
     * (runner/run/refresh-hook.ts): a URL to POST, `wait:SECONDS`, or a command. Without it the rollover
     * scenarios are skipped.
     */
    refreshIdpMetadata: z
      .string()
      .superRefine((value, ctx) => {
        const problem = refreshHookProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
  })
  .refine((sp) => sp.metadata !== undefined || (sp.entityId !== undefined && sp.acsUrl !== undefined), {
    message: 'give the SP metadata (--sp-metadata), or its entity ID and ACS URL (--sp-entity-id, --acs-url)',
    path: ['metadata'],
  });

export const runConfigSchema = z.strictObject({
  sp: spSchema,
  idp: z
    .strictObject({
      port: z.number().int().min(0).max(65535).default(DEFAULT_IDP_PORT),
      host: z.string().default('127.0.0.1'),
      baseUrl: z.url().optional(),
      stateDir: z.string().default(DEFAULT_STATE_DIR),
      app: z.string().default(DEFAULT_APP_NAME),
      config: z.string().optional(),
      /**
       * Entra's Signing Option for every scenario that does not choose its own: fixes it and skips
       * calibration's search (the SP must still accept it). Default: calibrated per flow.
       */
      signingOption: z.enum(SIGNING_OPTION_NAMES).optional(),
    })
    .prefault({}),
  run: z
    .strictObject({
      scenarios: z.array(z.string()).default([]),
      /** Beside the id prefixes: a regex (case-insensitive) on id and title, and tags (any of them). */
      grep: z.string().min(1).refine(isRegex, 'must be a valid regular expression').optional(),
      tags: z.array(z.string().min(1)).default([]),
      /** Run only shard i of n of the planned scenario runs ("2/4"); merge the shards' reports with merge-reports. */
      shard: shardSchema.optional(),
      reporters: z.array(z.string()).default([...DEFAULT_REPORTERS]),
      outputDir: z.string().default('reports-out'),
      strict: z.boolean().default(false),
      /** Stop scheduling after this many findings (failing results); the report says the limit stopped it. */
      maxFailures: z.number().int().min(1).optional(),
      workers: z.number().int().min(1).max(64).default(4),
      timeoutMs: z.number().int().min(1000).default(30_000),
      /** 'browser': drive the SP with headless Chromium (real cookies, scripts, redirects). */
      mode: z.enum(['http', 'browser']).default('http'),
      /** Browser mode's Chromium executable (default: SAMLSPEC_CHROMIUM, then /usr/bin/chromium-headless-shell, then /usr/bin/chromium). */
      browserPath: z.string().min(1).optional(),
      /** Browser mode: which scenarios keep a JPEG of the SP's final page (fail, error, inconclusive by default). */
      screenshots: z.enum(['failures', 'all', 'off']).default('failures'),
      quiet: z.boolean().default(false),
      /** Keep the SP's Set-Cookie values (session cookies) in the reports; by default they are redacted. */
      keepSecrets: z.boolean().default(false),
      /** Evidence in the JSON and HTML reports: 'failures' leaves passes' and skips' transcripts out; 'all' keeps them. */
      evidence: z.enum(['failures', 'all']).default('failures'),
      /** How long to wait for an SP that stopped answering to come back (a supervisor restarting it), in ms. */
      spRecoveryMs: z.number().int().min(0).default(10_000),
    })
    .prefault({}),
});
export type RunConfig = z.infer<typeof runConfigSchema>;
export type RunConfigInput = z.input<typeof runConfigSchema>;

/**
 * The defaults the schema gives (the sp section has one; its other fields are the target's own): the help texts and the commands that share a
 * setting (`idp`, `merge-reports`) read them here, so each default is written once, in the schema.
 */
export const SP_DEFAULTS = { profile: runConfigSchema.shape.sp.shape.profile.parse(undefined) };
export const IDP_DEFAULTS = runConfigSchema.shape.idp.parse(undefined);
export const RUN_DEFAULTS = runConfigSchema.shape.run.parse(undefined);

export function parseRunConfig(raw: unknown, source: string): RunConfig {
  const parsed = runConfigSchema.safeParse(raw);
  if (!parsed.success) throw new HarnessError('BAD_CONFIG', formatIssues(source, parsed.error));
  return parsed.data;
}

/** A run configuration is a few hundred bytes; anything past this is not one. */
export const MAX_RUN_CONFIG_BYTES = 1_000_000;

export function readRunConfigFile(path: string): unknown {
  let text: string;
  try {
    // Bounded while reading: `--config /dev/zero` fails at once instead of filling memory.
    text = readBoundedFileSync(path, MAX_RUN_CONFIG_BYTES).toString('utf8');
  } catch (error) {
    throw new HarnessError('BAD_CONFIG', `cannot read config file ${path}: ${(error as Error).message}`);
  }
  try {
    return /\.json$/i.test(path) ? JSON.parse(text) : parseYamlText(text);
  } catch (error) {
    throw new HarnessError(
      'BAD_CONFIG',
      `${path}: not valid ${/\.json$/i.test(path) ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
}

/** Deep-merges flag values over the file's (flags win; undefined flags leave the file's value). */
export function mergeConfig(file: unknown, flags: RunConfigInput | Record<string, unknown>): unknown {
  if (!isObject(file)) return flags;
  const out: Record<string, unknown> = { ...file };
  for (const [key, value] of Object.entries(flags)) {
    if (value === undefined) continue;
    out[key] = isObject(value) && isObject(out[key]) ? mergeConfig(out[key], value) : value;
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
