/**
 * resource.Quantity as integers, exactly (K: apimachinery/pkg/api/resource/quantity.go): cpu in millicores
 * (MilliValue) and everything else in units (Value), both rounded up as Kubernetes rounds them. Decimal arithmetic
 * is done on BigInt so "0.1" cpu is 100m, not 100.00000000000001m.
 */
const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/;

/** The quantity times 10^scale, rounded up; undefined when the text is not a quantity. */
export function scaledQuantity(value: unknown, scale: number): number | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  const match = QUANTITY.exec(text.trim());
  if (!match || (match[2] === '' && !match[3])) return undefined;
  const [, sign, whole = '', fraction = '', exponent, suffix = ''] = match;
  let numerator = BigInt(`${whole}${fraction}` || '0');
  let denominator = 10n ** BigInt(fraction.length);
  const power10 = scale + (exponent ? Number(exponent.slice(1)) : (decimalSuffixes[suffix] ?? 0));
  if (suffix in binarySuffixes) numerator *= 2n ** BigInt(binarySuffixes[suffix]!);
  if (power10 >= 0) numerator *= 10n ** BigInt(power10);
  else denominator *= 10n ** BigInt(-power10);
  const quotient = numerator / denominator;
  const rounded = numerator % denominator === 0n ? quotient : quotient + 1n;
  return Number(sign === '-' ? -rounded : rounded);
}

/** The amount of one named resource in its scheduler unit: millicores for cpu, units for the rest. */
export function resourceAmount(name: string, value: unknown): number {
  return scaledQuantity(value, name === 'cpu' ? 3 : 0) ?? 0;
}

/**
 * Any quantity in milli-units, exactly (Quantity.MilliValue): how admission compares and sums amounts of any
 * resource (requests ≤ limits, QoS), so 100m + 200m equals 300m as Quantity.Cmp says.
 */
export function milliQuantity(value: unknown): number | undefined {
  return scaledQuantity(value, 3);
}
