import { LineCounter, parseAllDocuments, type Tags } from 'yaml';
import type { Manifest } from './types.ts';

/** Where and why a document could not become a Kubernetes object. */
export interface ParseProblem {
  line: number;
  reason: string;
}

export interface ParsedDocuments {
  /** Objects decoded before the first problem (Argo CD keeps reading up to the first failure). */
  objects: Manifest[];
  problem: ParseProblem | undefined;
}

/**
 * YAML as Kubernetes reads it (sigs.k8s.io/yaml over go-yaml v2): YAML 1.1 scalars (`yes`/`on` are booleans, `0755`
 * is octal), duplicate keys are an error, but timestamps and `1:20` stay strings because go-yaml v2 decodes them as
 * strings into interface{} and has no base-60 numbers.
 */
const customTags = (tags: Tags): Tags =>
  tags.filter((tag) => {
    const { tag: name, format } = tag as { tag?: string; format?: string };
    return name !== 'tag:yaml.org,2002:timestamp' && format !== 'TIME';
  });

/**
 * Splits a multi-document YAML (or JSON) text into objects the way Argo CD's `splitYAMLOrJSON` and
 * `kube.SplitYAML` do: empty documents are skipped; a document that is not a mapping with a `kind` is a problem
 * (apimachinery's "Object 'Kind' is missing").
 */
export function parseDocuments(text: string): ParsedDocuments {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { version: '1.1', customTags, lineCounter, uniqueKeys: true });
  const objects: Manifest[] = [];
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) {
      const line = error.linePos?.[0].line ?? lineCounter.linePos(error.pos[0]).line;
      return { objects, problem: { line, reason: firstLine(error.message) } };
    }
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) continue;
    const line = lineCounter.linePos(doc.contents?.range[0] ?? doc.range[0]).line;
    const reason = objectProblem(value);
    if (reason) return { objects, problem: { line, reason } };
    objects.push(value as Manifest);
  }
  return { objects, problem: undefined };
}

/** Why a decoded value is not a Kubernetes object, or undefined when it is one. */
export function objectProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `expected a Kubernetes object (a mapping), got ${Array.isArray(value) ? 'a list' : typeof value}`;
  }
  const kind = (value as Manifest)['kind'];
  if (kind === undefined || kind === '' || kind === null) return "Object 'Kind' is missing";
  if (typeof kind !== 'string') return "Object 'kind' must be a string";
  const apiVersion = (value as Manifest)['apiVersion'];
  if (apiVersion !== undefined && typeof apiVersion !== 'string') return "Object 'apiVersion' must be a string";
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
