/** @module The SP profiles (`--profile`), by name. */
import { atlassian } from './atlassian.js';
import { generic } from './generic.js';
import { hanko } from './hanko.js';
import { heroku } from './heroku.js';
import { sentry } from './sentry.js';
import type { SpProfile, SpProfileName } from './types.js';

export const SP_PROFILES: Readonly<Record<SpProfileName, SpProfile>> = {
  generic,
  heroku,
  sentry,
  atlassian,
  hanko,
};

export const SP_PROFILE_NAMES = Object.keys(SP_PROFILES) as SpProfileName[];

export type { SpProfile, SpProfileName } from './types.js';
