/**
 * How apimachinery's field.Error prints a bad value (`ErrorBody`): strings quoted with %q, numbers and booleans
 * bare, nil as "null", string slices and maps in Go syntax (%#v). Other objects have no faithful rendering
 * outside Go, so they print as JSON.
 */
export function formatGoValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isGoPrintable(value)) return value.toGo();
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return `[]string{${value.map(goQuote).join(', ')}}`;
  }
  if (typeof value === 'object' && Object.values(value).every((v) => typeof v === 'string')) {
    const entries = Object.entries(value as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[string]string{${entries.map(([k, v]) => `${goQuote(k)}:${goQuote(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** A value that knows its own Go rendering, e.g. a metav1.LabelSelector printed with %#v. */
export interface GoPrintable {
  toGo(): string;
}

function isGoPrintable(value: unknown): value is GoPrintable {
  return typeof value === 'object' && value !== null && typeof (value as { toGo?: unknown }).toGo === 'function';
}

/** Go's %q for the strings we meet (JSON escaping agrees with Go for printable text). */
export function goQuote(value: string): string {
  return JSON.stringify(value);
}
