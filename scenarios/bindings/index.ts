/** @module The bindings scenario groups, composed explicitly so a missing import is a compile error. */
import type { ScenarioGroup } from '../define.js';
import relayState from './relay-state.js';
import openRedirect from './open-redirect.js';
import encoding from './encoding.js';
import destination from './destination.js';

export const groups: readonly ScenarioGroup[] = [relayState, openRedirect, encoding, destination];
