/** @module The profiles scenario groups, composed explicitly so a missing import is a compile error. */
import type { ScenarioGroup } from '../define.js';
import assertionContent from './assertion-content.js';
import issuer from './issuer.js';
import multipleAssertions from './multiple-assertions.js';
import subjectConfirmation from './subject-confirmation.js';
import inResponseTo from './in-response-to.js';
import postBindingRules from './post-binding-rules.js';
import unsolicited from './unsolicited.js';

export const groups: readonly ScenarioGroup[] = [
  postBindingRules,
  assertionContent,
  issuer,
  multipleAssertions,
  subjectConfirmation,
  inResponseTo,
  unsolicited,
];
