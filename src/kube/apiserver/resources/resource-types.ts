import { parseApiVersion } from '../../object.ts';
import { builtinResourceTypes } from './builtin.ts';
import type { ResourceType } from './resource-type.ts';

/**
 * The resources the server serves right now: the built-ins plus those of established CRDs. Discovery, routing and
 * OpenAPI read it; it tells listeners when it changes so cached discovery documents are rebuilt.
 */
export class ResourceTypes {
  #types: ResourceType[] = builtinResourceTypes();
  #byPath = new Map<string, ResourceType>();
  #listeners = new Set<() => void>();
  #generation = 0;

  constructor() {
    this.#reindex();
  }

  /** Increases on every change, so documents derived from the set can be cached by it. */
  get generation(): number {
    return this.#generation;
  }

  all(): readonly ResourceType[] {
    return this.#types;
  }

  /** By URL parts: group "" for core, version, plural. */
  byResource(group: string, version: string, plural: string): ResourceType | undefined {
    return this.#byPath.get(`${group}/${version}/${plural}`);
  }

  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    const { group, version } = parseApiVersion(apiVersion);
    return this.#types.find((t) => t.group === group && t.version === version && t.kind === kind);
  }

  /** The storage key shared by every version of a resource. */
  storageKey(type: Pick<ResourceType, 'group' | 'plural'>): string {
    return `${type.group}/${type.plural}`;
  }

  groupVersions(): { group: string; version: string }[] {
    const seen = new Map<string, { group: string; version: string }>();
    for (const t of this.#types) seen.set(`${t.group}/${t.version}`, { group: t.group, version: t.version });
    return [...seen.values()];
  }

  /** Replaces every type served for a CRD (all its versions) with `types`; an empty list removes them. */
  setCustomResource(crdName: string, types: ResourceType[]): void {
    this.#types = [...this.#types.filter((t) => t.crd?.name !== crdName), ...types];
    this.#reindex();
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #reindex(): void {
    this.#byPath = new Map(this.#types.map((t) => [`${t.group}/${t.version}/${t.plural}`, t]));
    this.#generation++;
    for (const listener of this.#listeners) listener();
  }
}
