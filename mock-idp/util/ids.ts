/** @module Identifier generation: Entra's `_`+GUID SAML ids, injectable so tests are deterministic. */
import { randomUUID } from 'node:crypto';

export interface IdGenerator {
  /** A lowercase GUID, as Entra uses for tenants, apps, objects, request and correlation ids. */
  guid(): string;
  /** A SAML xs:ID value: `_` + GUID (Entra's Response, Assertion and metadata ids). */
  samlId(): string;
}

export const randomIds: IdGenerator = {
  guid: () => randomUUID(),
  samlId: () => `_${randomUUID()}`,
};

/** Ids from a counter, for tests and golden files: `00000000-0000-4000-8000-000000000001`, ... */
export function sequentialIds(start = 1): IdGenerator {
  let next = start;
  const guid = (): string => {
    const n = (next++).toString(16).padStart(12, '0');
    return `00000000-0000-4000-8000-${n}`;
  };
  return { guid, samlId: () => `_${guid()}` };
}
