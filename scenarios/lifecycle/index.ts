/** @module Account-lifecycle scenario groups (several sign-ins each). */
import type { ScenarioGroup } from '../define.js';
import { accounts, assignment, jit } from './accounts.js';

export const groups: readonly ScenarioGroup[] = [jit, accounts, assignment];
