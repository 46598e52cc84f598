import { describe, expect, it } from 'vitest';
import { runConfigSchema } from '../run/run-config.js';
import { RUN_TARGET_OPTIONS, SHARED_RUN_OPTIONS } from './run-options.js';

/**
 * The run configuration's settings no flag sets, each with where it comes from instead. The schema is
 * written as zod (its cross-field rule and exact output types need that) and the table points into it
 * with compiler-checked paths; this list closes the loop the other way: a new schema field must get a
 * flag or a line here.
 */
const NOT_A_FLAG: Record<string, string> = {
  'sp.successUrl': 'config file only: an oracle for SPs without a probe page',
  'sp.successText': 'config file only: an oracle for SPs without a probe page',
  'idp.config': 'config file only: the mock IdP users and apps file',
  'run.scenarios': 'the ID_PREFIX arguments',
  'run.spRecoveryMs': 'config file only: how long a restarted SP may take',
};

/** `section.key` of every field of the schema's three sections. */
function schemaSettings(): string[] {
  const sections = {
    sp: runConfigSchema.shape.sp.shape,
    idp: runConfigSchema.shape.idp.unwrap().shape,
    run: runConfigSchema.shape.run.unwrap().shape,
  };
  return Object.entries(sections).flatMap(([section, shape]) =>
    Object.keys(shape).map((key) => `${section}.${key}`),
  );
}

describe('run option table and config schema', () => {
  const flagged = [...RUN_TARGET_OPTIONS, ...SHARED_RUN_OPTIONS].flatMap((spec) =>
    spec.config ? [spec.config.join('.')] : [],
  );

  it('sets every schema setting by one flag, or names where the setting comes from instead', () => {
    const settings = schemaSettings();
    expect(settings.filter((s) => !flagged.includes(s) && !(s in NOT_A_FLAG))).toEqual([]);
    // A setting listed as not a flag that has one (or that the schema lost) is a stale line.
    expect(Object.keys(NOT_A_FLAG).filter((s) => flagged.includes(s) || !settings.includes(s))).toEqual([]);
  });

  it('maps no two flags to one setting', () => {
    expect(new Set(flagged).size).toBe(flagged.length);
  });
});
