/**
 * Go's `strconv.Atoi` for annotation values: an optional sign and decimal digits, nothing else (no spaces, no
 * `1e3`, no `0x`), within the 64-bit range. `undefined` where Atoi returns an error.
 */
export function parseGoInt(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}
