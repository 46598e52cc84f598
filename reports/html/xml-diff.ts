/**
 * @module What a scenario changed: the sent response and its baseline, both pretty-printed, as a line
 * diff. Each line is one string whose first character is the op (' ', '+', '-'), so a line both documents
 * share is embedded once, and the JSON in the HTML report stays compact for a few hundred scenarios.
 *
 * Attack scenarios send huge responses on purpose (a 1 MB attribute, 10 000-deep nesting). Those are not
 * pretty-printed or diffed at all: the page shows a raw excerpt instead, so one scenario cannot make the
 * report hundreds of megabytes or take seconds to build.
 */
import { Buffer } from 'node:buffer';
import { diffLines } from './line-diff.js';
import { prettyXml } from './xml-pretty.js';

export type XmlDiff = { lines: string[]; added: number; removed: number } | { omitted: string };

/** Documents longer than this (characters) are not pretty-printed or diffed. */
export const MAX_DIFF_CHARS = 64 * 1024;
/** Nor are documents that pretty-print to more lines than this (a SAML response is about 100). */
export const MAX_DIFF_LINES = 2000;
/** Beyond this many insertions plus deletions, the changed middle shows as removed-all, added-all. */
export const MAX_DIFF_EDITS = 2000;

export function xmlDiff(baselineXml: string, sentXml: string): XmlDiff {
  const biggest = Math.max(baselineXml.length, sentXml.length);
  if (biggest > MAX_DIFF_CHARS) {
    return {
      omitted: `${sizes(sentXml, baselineXml)}: too large to pretty-print and diff (the limit is ${MAX_DIFF_CHARS / 1024} KB each). The raw XML is below.`,
    };
  }
  const before = prettyXml(baselineXml, MAX_DIFF_LINES);
  const after = before && prettyXml(sentXml, MAX_DIFF_LINES);
  if (!before || !after) {
    return {
      omitted: `${sizes(sentXml, baselineXml)}: more than ${MAX_DIFF_LINES.toLocaleString('en-US')} lines once pretty-printed, too long to diff. The raw XML is below.`,
    };
  }
  const lines: string[] = [];
  let added = 0;
  let removed = 0;
  for (const { op, text } of diffLines(before, after, MAX_DIFF_EDITS)) {
    if (op === '+') added++;
    else if (op === '-') removed++;
    lines.push(op + text);
  }
  return { lines, added, removed };
}

function sizes(sentXml: string, baselineXml: string): string {
  const bytes = (xml: string): string => Buffer.byteLength(xml, 'utf8').toLocaleString('en-US');
  return `The response is ${bytes(sentXml)} bytes and its baseline ${bytes(baselineXml)} bytes`;
}
