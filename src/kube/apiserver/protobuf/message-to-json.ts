import type protobuf from 'protobufjs';

const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';

/**
 * Kubernetes types whose JSON form differs from their protobuf message (K: their MarshalJSON methods):
 * times become RFC 3339 strings, quantities and durations strings, int-or-string a number or a string, and raw
 * JSON blobs (RawExtension, FieldsV1, apiextensions JSON) their parsed content.
 */
const SPECIAL: Record<string, (message: Record<string, unknown>) => unknown> = {
  [`${META}.Time`]: (m) => time(m, false),
  [`${META}.MicroTime`]: (m) => time(m, true),
  [`${META}.Duration`]: (m) => goDuration(Number(m['duration'] ?? 0)),
  'k8s.io.apimachinery.pkg.api.resource.Quantity': (m) => m['string'],
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': (m) =>
    Number(m['type'] ?? 0) === 1 ? m['strVal'] : Number(m['intVal'] ?? 0),
  'k8s.io.apimachinery.pkg.runtime.RawExtension': (m) => rawJson(m['raw']),
  [`${META}.FieldsV1`]: (m) => rawJson(m['Raw']),
  [`${META}.Verbs`]: (m) => m['items'] ?? [],
};

export function messageToJson(message: unknown, type: protobuf.Type): unknown {
  const special = SPECIAL[type.fullName.slice(1)];
  if (special) return special(message as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  const values = message as Record<string, unknown>;
  for (const field of type.fieldsArray) {
    const value = values[field.name];
    if (value === undefined || value === null) continue;
    field.resolve();
    const converted = field.repeated ? repeated(value as unknown[], field) : single(value, field);
    if (converted !== undefined) out[field.name] = converted;
  }
  return out;
}

function repeated(values: unknown[], field: protobuf.Field): unknown {
  if (values.length === 0) return undefined;
  const entry = field.resolvedType as protobuf.Type | null;
  if (entry && isMapEntry(entry)) {
    const map: Record<string, unknown> = {};
    const valueField = entry.fields['value']!;
    valueField.resolve();
    for (const item of values as Record<string, unknown>[]) {
      map[String(item['key'])] = scalarOrMessage(item['value'], valueField, true);
    }
    return map;
  }
  return values.map((v) => scalarOrMessage(v, field, true));
}

function single(value: unknown, field: protobuf.Field): unknown {
  return scalarOrMessage(value, field, false);
}

/** Zero-valued scalars outside lists and maps count as unset (see decodeKubernetesProtobuf). */
function scalarOrMessage(value: unknown, field: protobuf.Field, keepZero: boolean): unknown {
  const type = field.resolvedType;
  if (type && 'fieldsArray' in type) return messageToJson(value, type as protobuf.Type);
  if (value instanceof Uint8Array)
    return value.length === 0 && !keepZero ? undefined : Buffer.from(value).toString('base64');
  const scalar = typeof value === 'object' && value !== null && 'low' in value ? Number(String(value)) : value;
  if (!keepZero && (scalar === '' || scalar === 0 || scalar === false)) return undefined;
  return typeof scalar === 'bigint' ? Number(scalar) : scalar;
}

function isMapEntry(type: protobuf.Type): boolean {
  return type.name.endsWith('Entry') && type.fieldsArray.length === 2 && 'key' in type.fields && 'value' in type.fields;
}

function time(message: Record<string, unknown>, micro: boolean): string | undefined {
  const seconds = Number(String(message['seconds'] ?? 0));
  const nanos = Number(message['nanos'] ?? 0);
  if (seconds === 0 && nanos === 0) return undefined;
  const iso = new Date(seconds * 1000).toISOString();
  return micro
    ? iso.replace(/\.\d{3}Z$/, `.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`)
    : iso.replace(/\.\d{3}Z$/, 'Z');
}

function rawJson(raw: unknown): unknown {
  if (!(raw instanceof Uint8Array) || raw.length === 0) return undefined;
  return JSON.parse(Buffer.from(raw).toString('utf8'));
}

/** Go's time.Duration String(): "1h2m3s", "1.5s", "0s". */
export function goDuration(nanoseconds: number): string {
  if (nanoseconds === 0) return '0s';
  const sign = nanoseconds < 0 ? '-' : '';
  let ns = Math.abs(nanoseconds);
  if (ns < 1e9) return `${sign}${ns >= 1e6 ? `${ns / 1e6}ms` : ns >= 1e3 ? `${ns / 1e3}µs` : `${ns}ns`}`;
  const hours = Math.floor(ns / 3.6e12);
  ns -= hours * 3.6e12;
  const minutes = Math.floor(ns / 6e10);
  ns -= minutes * 6e10;
  const seconds = ns / 1e9;
  return `${sign}${hours ? `${hours}h` : ''}${hours || minutes ? `${minutes}m` : ''}${seconds}s`;
}
