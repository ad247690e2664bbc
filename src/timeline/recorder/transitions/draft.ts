import type { KubeObject } from '../../../kube/object.ts';
import type { TimelineEvent } from '../../event.ts';

/** An event before the recorder stamps it with the clock. */
export type Draft = Omit<TimelineEvent, 'at'>;

/**
 * Turns one observed change of an object into the transitions it represents. `object` undefined: deleted;
 * `previous` undefined: first seen (on the recorder's initial list, or created later).
 */
export type Transitions = (object: KubeObject | undefined, previous: KubeObject | undefined) => Draft[];

export function subjectOf(object: KubeObject): string {
  const { namespace, name } = object.metadata;
  return namespace ? `${namespace}/${name}` : (name ?? '');
}

/** A nested field of plain JSON, or undefined. */
export function at(object: unknown, ...path: (string | number)[]): unknown {
  let value: unknown = object;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The first 7 characters of a commit, as Argo CD shows revisions. */
export function short(revision: string | undefined): string {
  return revision ? revision.slice(0, 7) : '(none)';
}
