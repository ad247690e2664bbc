import { canonicalJson } from '../../../json/json-equal.ts';
import type { KubeApi } from '../../apiserver/kube-api.ts';
import type { KubeObject } from '../../object.ts';
import { safeEncodeString } from '../deployment/pod-template-hash.ts';
import { clone } from '../endpointslice/pod.ts';
import { newControllerRef } from '../runtime/controller-ref.ts';
import type { ControllerRevision, PodTemplateSpec } from './types.ts';

/** history.ControllerRevisionHashLabel: the hash of a revision's data, on the ControllerRevision itself. */
export const REVISION_DATA_HASH_LABEL = 'controller.kubernetes.io/hash';

/** 32-bit FNV-1 (Go's hash/fnv New32: multiply, then xor), which history.HashControllerRevision uses. */
export function fnv32(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (const byte of bytes) {
    hash = Math.imul(hash, 0x01000193) >>> 0;
    hash ^= byte;
  }
  return hash >>> 0;
}

/**
 * history.HashControllerRevision (K: pkg/controller/history/controller_history.go): FNV-1 over the revision's raw
 * data, then the decimal collision count when there is one, Sum32 printed in decimal and safe-encoded. Our raw data
 * is canonical JSON (keys sorted), so names have the real shape but not a real cluster's bytes.
 */
export function hashRevisionData(data: unknown, collisionCount?: number): string {
  const encoder = new TextEncoder();
  let hash = fnv32(encoder.encode(canonicalJson(data)));
  if (collisionCount !== undefined) hash = fnv32(encoder.encode(String(collisionCount)), hash);
  return safeEncodeString(String(hash));
}

/**
 * getPatch (K: pkg/controller/statefulset/stateful_set_utils.go, daemon/update.go): what a revision records is
 * the pod template alone, as a strategic merge patch that replaces it: {"spec":{"template":{…,"$patch":"replace"}}}.
 */
export function templatePatch(template: PodTemplateSpec): { spec: { template: Record<string, unknown> } } {
  return { spec: { template: { ...clone(template), $patch: 'replace' } } };
}

/** ApplyRevision: the template a revision recorded (the patch without its directive). */
export function templateOf(revision: ControllerRevision): PodTemplateSpec {
  const template = { ...((revision.data as { spec: { template: Record<string, unknown> } }).spec.template ?? {}) };
  delete template['$patch'];
  return clone(template) as unknown as PodTemplateSpec;
}

/** history.ControllerRevisionName: prefix-hash, the prefix cut to 223 characters so the name fits 253. */
export function revisionName(prefix: string, hash: string): string {
  return `${prefix.slice(0, 223)}-${hash}`;
}

/** SortControllerRevisions: by revision number, then creation time, then name. */
export function sortRevisions(revisions: ControllerRevision[]): ControllerRevision[] {
  return [...revisions].sort(
    (a, b) =>
      a.revision - b.revision ||
      Date.parse(a.metadata.creationTimestamp ?? '') - Date.parse(b.metadata.creationTimestamp ?? '') ||
      (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0),
  );
}

/** FindEqualRevisions / EqualRevision: same recorded data (JSON equality, key order ignored). */
export function equalRevisions(revisions: ControllerRevision[], data: unknown): ControllerRevision[] {
  const wanted = canonicalJson(data);
  return revisions.filter((r) => canonicalJson(r.data) === wanted);
}

/** nextRevision: one more than the highest revision number, 1 for the first. */
export function nextRevisionNumber(sorted: ControllerRevision[]): number {
  return sorted.length === 0 ? 1 : sorted[sorted.length - 1]!.revision + 1;
}

export interface CreateRevisionOptions {
  api: KubeApi;
  owner: KubeObject;
  name: string;
  labels: Record<string, string>;
  data: unknown;
  revision: number;
  fieldManager: string;
}

/** Creates a ControllerRevision owned by `owner`, or returns the existing one of that name (the caller checks data). */
export function createRevision(options: CreateRevisionOptions): { created: boolean; revision: ControllerRevision } {
  const { api, owner } = options;
  const existing = api.get('apps/v1', 'ControllerRevision', owner.metadata.namespace, options.name);
  if (existing) return { created: false, revision: existing as ControllerRevision };
  const created = api.create(
    {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: options.name,
        namespace: owner.metadata.namespace!,
        labels: options.labels,
        ownerReferences: [newControllerRef(owner)],
      },
      data: clone(options.data),
      revision: options.revision,
    },
    { fieldManager: options.fieldManager },
  ) as ControllerRevision;
  return { created: true, revision: created };
}

/** UpdateControllerRevision: gives an old revision a new number (a rollback makes it the newest again). */
export function renumberRevision(
  api: KubeApi,
  revision: ControllerRevision,
  number: number,
  fieldManager: string,
): ControllerRevision {
  if (revision.revision === number) return revision;
  return api.update({ ...clone(revision), revision: number }, { fieldManager }) as ControllerRevision;
}

/**
 * truncateHistory (statefulset and daemon controllers): deletes the oldest revisions that no pod, and neither the
 * current nor the update revision, uses, keeping revisionHistoryLimit (default 10) of them.
 */
export function truncateHistory(options: {
  api: KubeApi;
  revisions: ControllerRevision[];
  live: Set<string>;
  limit: number;
}): void {
  const historic = sortRevisions(options.revisions).filter((r) => !options.live.has(r.metadata.name!));
  const excess = historic.length - options.limit;
  for (const revision of historic.slice(0, Math.max(0, excess))) {
    options.api.delete('apps/v1', 'ControllerRevision', revision.metadata.namespace, revision.metadata.name!, {
      preconditions: { uid: revision.metadata.uid! },
    });
  }
}
