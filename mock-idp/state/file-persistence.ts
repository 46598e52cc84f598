/**
 * @module Persistence of the mock's state in a directory (default `.samlspec/`), so a restart gives the
 * same tenant, apps and certificates and an SP configured once keeps working.
 *
 * Layout: `state.json` (which tenant is the default), and per tenant `tenants/<tid>/tenant.json`,
 * `directory.json`, `apps/<appId>.json`, `certs/<certId>.pem`, `keys/<certId>.key.pem` (0600) and
 * `keys/pairwise.secret` (0600). Private keys are written only here and never served or logged.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

export interface StatePersistence {
  readonly location: string | undefined;
  readJson(relativePath: string): unknown;
  writeJson(relativePath: string, value: unknown): void;
  readSecret(relativePath: string): string | undefined;
  writeSecret(relativePath: string, value: string): void;
  readText(relativePath: string): string | undefined;
  writeText(relativePath: string, value: string): void;
  list(relativeDir: string): string[];
  remove(relativePath: string): void;
}

export class FileStatePersistence implements StatePersistence {
  constructor(readonly location: string) {
    mkdirSync(location, { recursive: true, mode: 0o700 });
  }

  readJson(relativePath: string): unknown {
    const text = this.readText(relativePath);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new Error(
        `state file ${join(this.location, relativePath)} is not valid JSON: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  writeJson(relativePath: string, value: unknown): void {
    this.writeText(relativePath, `${JSON.stringify(value, null, 2)}\n`);
  }

  readText(relativePath: string): string | undefined {
    const path = join(this.location, relativePath);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  }

  writeText(relativePath: string, value: string, mode = 0o644): void {
    const path = join(this.location, relativePath);
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
    // Write then rename, so a crash never leaves a half-written state file behind.
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, value, { mode });
    chmodSync(temporary, mode);
    renameSync(temporary, path);
  }

  readSecret(relativePath: string): string | undefined {
    return this.readText(relativePath);
  }

  writeSecret(relativePath: string, value: string): void {
    this.writeText(relativePath, value, 0o600);
  }

  list(relativeDir: string): string[] {
    const path = join(this.location, relativeDir);
    return existsSync(path) ? readdirSync(path).sort() : [];
  }

  remove(relativePath: string): void {
    rmSync(join(this.location, relativePath), { force: true });
  }
}

/** Keeps state in memory only: for in-process use in tests, where nothing should touch the disk. */
export class MemoryStatePersistence implements StatePersistence {
  readonly location = undefined;
  private readonly files = new Map<string, string>();

  readJson(relativePath: string): unknown {
    const text = this.files.get(relativePath);
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  }
  writeJson(relativePath: string, value: unknown): void {
    this.files.set(relativePath, JSON.stringify(value));
  }
  readText(relativePath: string): string | undefined {
    return this.files.get(relativePath);
  }
  writeText(relativePath: string, value: string): void {
    this.files.set(relativePath, value);
  }
  readSecret(relativePath: string): string | undefined {
    return this.files.get(relativePath);
  }
  writeSecret(relativePath: string, value: string): void {
    this.files.set(relativePath, value);
  }
  list(relativeDir: string): string[] {
    const prefix = `${relativeDir.replace(/\/$/, '')}/`;
    return [...this.files.keys()]
      .filter((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes('/'))
      .map((k) => k.slice(prefix.length))
      .sort();
  }
  remove(relativePath: string): void {
    this.files.delete(relativePath);
  }
}
