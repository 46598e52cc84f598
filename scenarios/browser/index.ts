/** @module The browser-only scenario groups (run with --browser; HTTP mode skips them). */
import type { ScenarioGroup } from '../define.js';
import cookies from './cookies.js';

export const groups: readonly ScenarioGroup[] = [cookies];
