/**
 * @module Persistence of the mock's state in a directory (default `.samlspec/`), so a restart gives the
 * same tenant, apps and certificates and an SP configured once keeps working. Several processes may
 * share one directory: changes run in `transaction()` under a cross-process lock (state-lock.ts), every
 * file is written to a temporary sibling and renamed into place, and operational problems (the path is a
 * file, a damaged state file, no permission) are MockIdpError STATE_UNUSABLE with the path in the message.
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
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { MockIdpError } from '../errors.js';
import { LOCK_FILE, withStateLock } from './state-lock.js';

export interface StatePersistence {
  readonly location: string | undefined;
  /** Other processes may change it meanwhile: re-read before a change (true for a directory). */
  readonly shared: boolean;
  /** Runs `fn` holding the state's cross-process lock (re-entrant); memory state just runs it. */
  transaction<T>(fn: () => T): T;
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
  readonly shared = true;
  #temporaries = 0;

  constructor(readonly location: string) {
    try {
      mkdirSync(location, { recursive: true, mode: 0o700 });
      if (!statSync(location).isDirectory())
        throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    } catch (error) {
      throw unusable(`cannot use ${location} as the state directory`, error);
    }
  }

  transaction<T>(fn: () => T): T {
    return withStateLock(join(this.location, LOCK_FILE), fn);
  }

  readJson(relativePath: string): unknown {
    const text = this.readText(relativePath);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new MockIdpError(
        'STATE_UNUSABLE',
        `state file ${join(this.location, relativePath)} is damaged (not valid JSON: ${(error as Error).message}); restore it or remove the state directory to start over`,
        { cause: error },
      );
    }
  }

  writeJson(relativePath: string, value: unknown): void {
    this.writeText(relativePath, `${JSON.stringify(value, null, 2)}\n`);
  }

  readText(relativePath: string): string | undefined {
    const path = join(this.location, relativePath);
    try {
      return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    } catch (error) {
      throw unusable(`cannot read state file ${path}`, error);
    }
  }

  writeText(relativePath: string, value: string, mode = 0o644): void {
    const path = join(this.location, relativePath);
    // Write then rename, so a crash never leaves a half-written state file behind and a reader in
    // another process sees the old file or the new one, never a torn one. The temporary name is unique
    // per process and write.
    const temporary = `${path}.${process.pid}.${++this.#temporaries}.tmp`;
    try {
      mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
      writeFileSync(temporary, value, { mode });
      chmodSync(temporary, mode);
      renameSync(temporary, path);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw unusable(`cannot write state file ${path}`, error);
    }
  }

  readSecret(relativePath: string): string | undefined {
    return this.readText(relativePath);
  }

  writeSecret(relativePath: string, value: string): void {
    this.writeText(relativePath, value, 0o600);
  }

  list(relativeDir: string): string[] {
    const path = join(this.location, relativeDir);
    try {
      return existsSync(path) ? readdirSync(path).sort() : [];
    } catch (error) {
      throw unusable(`cannot list ${path}`, error);
    }
  }

  remove(relativePath: string): void {
    rmSync(join(this.location, relativePath), { force: true });
  }
}

function unusable(what: string, error: unknown): MockIdpError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOTDIR' || code === 'EEXIST'
      ? 'a file is in the way (not a directory)'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'a directory is in the way'
          : (code ?? (error as Error).message);
  return new MockIdpError('STATE_UNUSABLE', `${what}: ${reason}`, { cause: error });
}

/** Keeps state in memory only: for in-process use in tests, where nothing should touch the disk. */
export class MemoryStatePersistence implements StatePersistence {
  readonly location = undefined;
  readonly shared = false;
  transaction<T>(fn: () => T): T {
    return fn();
  }
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
  /** An independent copy: changes to either are not seen by the other. */
  copy(): MemoryStatePersistence {
    const copy = new MemoryStatePersistence();
    for (const [path, text] of this.files) copy.files.set(path, text);
    return copy;
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
