import type { TimelineComponent, TimelineEvent } from './event.ts';

/** A named predicate over events: what expectations and waitFor look for, with words for their messages. */
export interface Matcher {
  /** E.g. "application letsgo-dev Synced". */
  readonly description: string;
  test(event: TimelineEvent): boolean;
}

export function matcher(description: string, test: (event: TimelineEvent) => boolean): Matcher {
  return { description, test };
}

/** Any event of a component and type, optionally narrowed by a predicate. */
export function where(
  component: TimelineComponent,
  type: string,
  predicate: (event: TimelineEvent) => boolean = () => true,
  description = `${component} ${type}`,
): Matcher {
  return matcher(description, (e) => e.component === component && e.type === type && predicate(e));
}

/**
 * Whether an event's subject names `name`: `argocd/web` matches 'argocd/web' and 'web' (a bare name matches in any
 * namespace, since scenarios usually know only the name).
 */
export function subjectIs(subject: string, name: string): boolean {
  return subject === name || (!name.includes('/') && subject.endsWith(`/${name}`));
}

/**
 * Whether an image reference is the one asked for: the same reference, the same after a registry host
 * (`letsgo/backend:v2` matches `127.0.0.1:5001/letsgo/backend:v2`), or only a tag (`:v2`).
 */
export function imageMatches(actual: string, wanted: string): boolean {
  if (actual === wanted) return true;
  if (wanted.startsWith(':') || wanted.startsWith('@')) return actual.endsWith(wanted);
  return actual.endsWith(`/${wanted}`);
}

/** A field of `data` as a string ('' when absent). */
export function field(event: TimelineEvent, name: string): string {
  const value = event.data?.[name];
  return value === undefined || value === null ? '' : String(value);
}
