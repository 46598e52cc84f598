/** @module Reporter configuration errors: a stable `code` the CLI maps to exit 2 (tests assert on it). */

export type ReporterConfigErrorCode =
  /** A `--reporter` name that is not registered. */
  | 'UNKNOWN_REPORTER'
  /** The HTML report's template files are not where the build should have put them. */
  | 'TEMPLATE_NOT_FOUND';

export class ReporterConfigError extends Error {
  constructor(
    readonly code: ReporterConfigErrorCode,
    message: string,
    /** For UNKNOWN_REPORTER: the names that would have worked, so the CLI can suggest them. */
    readonly validNames: readonly string[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ReporterConfigError';
  }
}
