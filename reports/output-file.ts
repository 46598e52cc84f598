/** @module Where a file-writing reporter writes, and writing so that a crash never leaves half a report. */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** The common options of every file-writing reporter. */
export interface FileReporterOptions {
  /** Directory to write into; created when missing. */
  outputDir: string;
  /** File name, relative to outputDir (or absolute). Each reporter has its own default. */
  outputFile?: string;
}

export function outputPath(options: FileReporterOptions, defaultFile: string): string {
  return resolve(options.outputDir, options.outputFile ?? defaultFile);
}

/** Write to a temporary sibling, then rename: readers see the old report or the new one, never a torn one. */
export async function writeReportFile(path: string, content: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content, 'utf8');
  await rename(temporary, path);
  return path;
}
