/** @module The core scenario groups, composed explicitly so a missing import is a compile error. */
import type { ScenarioGroup } from '../define.js';
import nameId from './name-id.js';
import conditions from './conditions.js';
import conditionsTime from './conditions-time.js';
import clockSkewProbes from './clock-skew-probes.js';
import audience from './audience.js';
import authnStatement from './authn-statement.js';
import response from './response.js';
import status from './status.js';

export const groups: readonly ScenarioGroup[] = [
  nameId,
  conditions,
  conditionsTime,
  clockSkewProbes,
  audience,
  authnStatement,
  response,
  status,
];
