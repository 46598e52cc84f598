/**
 * @module The mock's config file (JSON or YAML): tenant, users, groups and enterprise apps. Validated
 * with zod; every problem is reported with the path of the bad field (`apps[0].replyUrls[1].url`).
 */
import { extname } from 'node:path';
import { parseYamlText } from '../util/yaml.js';
import * as z from 'zod';
import { appSchema } from '../model/app.js';
import { groupSchema, userSchema } from '../model/user.js';
import { tenantSchema } from '../model/tenant.js';
import { MockIdpError } from '../errors.js';
import { readBoundedFileSync } from '../util/bounded-read.js';

export const MAX_CONFIG_BYTES = 5_000_000;

export const configSchema = z.strictObject({
  tenant: tenantSchema.partial().optional(),
  /** Keep the built-in users (B.Simon, the user without mail, the guest) beside the configured ones. */
  includeDefaultUsers: z.boolean().default(true),
  groups: z.array(groupSchema.partial({ objectId: true })).default([]),
  /** Users are merged into existing ones by UPN, so only the fields written change (no defaults here). */
  users: z.array(withoutDefaults(userSchema).partial().required({ userPrincipalName: true })).default([]),
  apps: z
    .array(
      appSchema.partial({ appId: true, objectId: true, displayName: true }).extend({
        /** SP metadata file to apply as "Upload metadata file" (path relative to the config file). */
        spMetadataFile: z.string().optional(),
      }),
    )
    .default([]),
});
export type ConfigFile = z.infer<typeof configSchema>;

/** The same object schema with every `.default()` removed, for partial updates that must not reset fields. */
function withoutDefaults<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      field instanceof z.ZodDefault ? field.removeDefault() : field,
    ]),
  ) as { [K in keyof T]: T[K] extends z.ZodDefault<infer Inner> ? Inner : T[K] };
  return z.strictObject(shape);
}

export function parseConfigText(text: string, sourceName: string): ConfigFile {
  let raw: unknown;
  const isJson = extname(sourceName).toLowerCase() === '.json' || /^\s*[{[]/.test(text);
  try {
    raw = isJson ? JSON.parse(text) : parseYamlText(text);
  } catch (error) {
    throw new MockIdpError(
      'INVALID_CONFIG',
      `${sourceName}: not valid ${isJson ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new MockIdpError('INVALID_CONFIG', formatIssues(sourceName, parsed.error), {
      fields: parsed.error.issues.map((issue) => formatPath(issue.path)),
    });
  }
  return parsed.data;
}

export function loadConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    // Bounded while reading: `--config /dev/zero` must fail at once, not fill memory.
    text = readBoundedFileSync(path, MAX_CONFIG_BYTES).toString('utf8');
  } catch (error) {
    throw new MockIdpError('INVALID_CONFIG', `cannot read config file ${path}: ${(error as Error).message}`);
  }
  return parseConfigText(text, path);
}

export function formatIssues(sourceName: string, error: z.ZodError): string {
  const lines = error.issues.slice(0, 10).map((issue) => `  ${formatPath(issue.path)}: ${issue.message}`);
  const more = error.issues.length > 10 ? `\n  … and ${error.issues.length - 10} more` : '';
  return `${sourceName}: invalid configuration\n${lines.join('\n')}${more}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}
