/**
 * @module Making untrusted text (SP replies, scenario strings) safe to print and short enough to read.
 * A hostile SP can put terminal escape sequences or bidi overrides in its reply; they are removed
 * before anything reaches a terminal, a CI log or a Markdown table.
 */

// C0 controls except tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate marks
// ("Trojan Source") that can make a line read differently from what it contains.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function stripControl(text: string): string {
  return text.replace(UNSAFE, '');
}

/** One line, whitespace collapsed, at most `max` characters (with an ellipsis when cut). */
export function oneLine(text: string, max = 200): string {
  const flat = stripControl(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** "850 ms", "12.3 s", "2 min 05 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** The id without its last path segment: `profiles/4.1.4.3/recipient-mismatch` → `profiles/4.1.4.3`. */
export function idPrefix(id: string): string {
  const cut = id.lastIndexOf('/');
  return cut > 0 ? id.slice(0, cut) : id;
}
