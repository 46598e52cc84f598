/** @module Parsers for CLI option values, with errors that name the option. */
import { InvalidArgumentError } from 'commander';
import { EVIDENCE_POLICIES, isEvidencePolicy, type EvidencePolicy } from '../reports/lean-report.js';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return port;
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}

/** `--evidence failures|all`: how much evidence the JSON and HTML reports keep. */
export function parseEvidence(value: string): EvidencePolicy {
  if (!isEvidencePolicy(value)) throw new InvalidArgumentError(`must be ${EVIDENCE_POLICIES.join(' or ')}`);
  return value;
}

/** Repeatable, comma-separated list options (`--reporter json,html --reporter junit`). */
export const list = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];
