/**
 * @module What a scenario changed: the sent response and its baseline, both pretty-printed, as a line
 * diff. Each line is one string whose first character is the op (' ', '+', '-'), which keeps the JSON
 * embedded in the HTML report compact for a few hundred scenarios.
 */
import { diffLines } from './line-diff.js';
import { prettyXml } from './xml-pretty.js';

export type XmlDiff = { lines: string[]; added: number; removed: number } | { omitted: string };

/** Beyond this size (a deliberately huge payload), pretty-printing and diffing would slow the report down. */
export const MAX_DIFF_CHARS = 512 * 1024;

export function xmlDiff(baselineXml: string, sentXml: string): XmlDiff {
  const biggest = Math.max(baselineXml.length, sentXml.length);
  if (biggest > MAX_DIFF_CHARS) {
    return {
      omitted: `The response is ${Math.round(biggest / 1024)} KB, too large to diff; see the raw XML.`,
    };
  }
  const diff = diffLines(prettyXml(baselineXml), prettyXml(sentXml));
  return {
    lines: diff.map((l) => l.op + l.text),
    added: diff.filter((l) => l.op === '+').length,
    removed: diff.filter((l) => l.op === '-').length,
  };
}
