import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../errors.js';
import { configFromFlags, type RunFlags } from '../commands/run-command.js';
import { discoverConfigFile, discoveredIdpSection, withDiscoveredConfig } from './config-discovery.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'samlspec-discovery-'));
const quiet = (): void => undefined;

describe('config discovery', () => {
  it('finds samlspec.config.yaml, .yml or .json in the directory, and nothing elsewhere', () => {
    for (const name of ['samlspec.config.yaml', 'samlspec.config.yml', 'samlspec.config.json']) {
      const here = dir();
      writeFileSync(join(here, name), name.endsWith('.json') ? '{}' : 'sp: {}\n');
      expect(discoverConfigFile(here)).toBe(join(here, name));
    }
    const empty = dir();
    writeFileSync(join(empty, 'samlspec.run.yaml'), 'sp: {}\n');
    expect(discoverConfigFile(empty)).toBeUndefined();
  });

  it('refuses two candidates rather than pick one', () => {
    const here = dir();
    writeFileSync(join(here, 'samlspec.config.yaml'), 'sp: {}\n');
    writeFileSync(join(here, 'samlspec.config.json'), '{}');
    expect(() => discoverConfigFile(here)).toThrow(HarnessError);
    expect(() => discoverConfigFile(here)).toThrow(/more than one samlspec config file/);
  });

  it('is the run configuration when --config is not given; flags still win; --config still chooses', () => {
    const here = dir();
    writeFileSync(
      join(here, 'samlspec.config.yaml'),
      'sp: { metadata: sp.xml, probe: /me }\nidp: { port: 7999 }\nrun: { workers: 2, shard: 1/3, tags: [xsw] }\n',
    );
    const lines: string[] = [];
    const flags = withDiscoveredConfig<RunFlags>({ workers: 3 }, (line) => lines.push(line), here);
    expect(lines[0]).toMatch(/samlspec\.config\.yaml/);
    const config = configFromFlags([], flags);
    expect(config.sp.metadata).toBe('sp.xml');
    expect(config.idp.port).toBe(7999);
    expect(config.run.workers).toBe(3);
    expect(config.run.shard).toEqual({ current: 1, total: 3 });
    expect(config.run.tags).toEqual(['xsw']);
    const explicit = withDiscoveredConfig({ config: 'other.yaml' }, quiet, here);
    expect(explicit.config).toBe('other.yaml');
  });

  it("gives the idp commands only the settings the file's idp section names, validated", () => {
    const here = dir();
    writeFileSync(
      join(here, 'samlspec.config.yaml'),
      'sp: { metadata: sp.xml }\nidp: { port: 7081, stateDir: st }\n',
    );
    expect(discoveredIdpSection(quiet, here)).toEqual({ port: 7081, stateDir: 'st' });
    const bad = dir();
    writeFileSync(join(bad, 'samlspec.config.json'), '{"idp": {"port": "x"}}');
    expect(() => discoveredIdpSection(quiet, bad)).toThrow(/idp: invalid configuration\n {2}port/);
    expect(discoveredIdpSection(quiet, dir())).toBeUndefined();
  });
});
