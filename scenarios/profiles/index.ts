/** @module The profiles scenario groups, composed explicitly so a missing import is a compile error. */
import type { ScenarioGroup } from '../define.js';

export const groups: readonly ScenarioGroup[] = [];
