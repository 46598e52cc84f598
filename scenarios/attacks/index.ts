/** @module The attacks scenario groups, composed explicitly so a missing import is a compile error. */
import type { ScenarioGroup } from '../define.js';
import signature from './signature.js';
import signatureKeys from './signature-keys.js';
import xsw from './xsw.js';
import xswVariants from './xsw-variants.js';
import c14n from './c14n.js';
import c14nSignature from './c14n-signature.js';
import algorithms from './algorithms.js';
import xmlParsing from './xml-parsing.js';
import xmlWellformedness from './xml-wellformedness.js';
import encryption from './encryption.js';
import app from './app.js';
import appReplies from './app-replies.js';

export const groups: readonly ScenarioGroup[] = [
  signature,
  signatureKeys,
  xsw,
  xswVariants,
  c14n,
  c14nSignature,
  algorithms,
  xmlParsing,
  xmlWellformedness,
  encryption,
  app,
  appReplies,
];
