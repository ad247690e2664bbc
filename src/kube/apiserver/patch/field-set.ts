import { canonicalJson } from '../../../json/json-equal.ts';
import type { Json, JsonObject } from '../../object.ts';
import { PatchError } from './errors.ts';
import { isJsonObject } from './json.ts';

/**
 * A set of field paths, stored as the trie Kubernetes serialises as `fieldsV1`. Children are keyed by their
 * canonical path-element string: `f:<field>`, `k:<json of key fields>`, `v:<json value>`, `i:<index>`.
 * A node is a `member` when the path to it is itself in the set (the `.` entry of fieldsV1).
 */
export class FieldSet {
  member = false;
  readonly children = new Map<string, FieldSet>();

  static fromPaths(paths: readonly (readonly string[])[]): FieldSet {
    const set = new FieldSet();
    for (const path of paths) set.insert(path);
    return set;
  }

  insert(path: readonly string[]): void {
    let node: FieldSet = this;
    for (const element of path) node = node.child(element);
    node.member = true;
  }

  child(element: string): FieldSet {
    let next = this.children.get(element);
    if (!next) {
      next = new FieldSet();
      this.children.set(element, next);
    }
    return next;
  }

  has(path: readonly string[]): boolean {
    let node: FieldSet | undefined = this;
    for (const element of path) {
      node = node.children.get(element);
      if (!node) return false;
    }
    return node.member;
  }

  get empty(): boolean {
    if (this.member) return false;
    for (const child of this.children.values()) if (!child.empty) return false;
    return true;
  }

  /** Every member path, depth first in sorted order. */
  paths(prefix: string[] = []): string[][] {
    const out: string[][] = this.member ? [prefix] : [];
    for (const element of sortedElements(this.children.keys())) {
      out.push(...(this.children.get(element) as FieldSet).paths([...prefix, element]));
    }
    return out;
  }

  clone(): FieldSet {
    const copy = new FieldSet();
    copy.member = this.member;
    for (const [element, child] of this.children) copy.children.set(element, child.clone());
    return copy;
  }

  union(other: FieldSet): FieldSet {
    const out = this.clone();
    out.member ||= other.member;
    for (const [element, child] of other.children) {
      const mine = out.children.get(element);
      out.children.set(element, mine ? mine.union(child) : child.clone());
    }
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    out.member = this.member && other.member;
    for (const [element, child] of this.children) {
      const theirs = other.children.get(element);
      if (!theirs) continue;
      const both = child.intersection(theirs);
      if (!both.empty) out.children.set(element, both);
    }
    return out;
  }

  /** Members of this set that are not members of `other` (membership is per path, not per subtree). */
  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    out.member = this.member && !other.member;
    for (const [element, child] of this.children) {
      const theirs = other.children.get(element);
      const rest = theirs ? child.difference(theirs) : child.clone();
      if (!rest.empty) out.children.set(element, rest);
    }
    return out;
  }

  equals(other: FieldSet): boolean {
    return this.difference(other).empty && other.difference(this).empty;
  }

  /** The `fieldsV1` JSON form. */
  toFieldsV1(): JsonObject {
    const out: JsonObject = {};
    if (this.member && this.children.size > 0) out['.'] = {};
    for (const element of sortedElements(this.children.keys())) {
      const child = this.children.get(element) as FieldSet;
      if (!child.empty) out[element] = child.toFieldsV1();
    }
    return out;
  }

  static fromFieldsV1(json: Json | undefined, where = 'managedFields'): FieldSet {
    const set = new FieldSet();
    if (json === undefined || json === null) return set;
    if (!isJsonObject(json)) throw new PatchError(`${where}: fieldsV1 must be an object`);
    for (const [key, value] of Object.entries(json)) {
      if (key === '.') {
        set.member = true;
        continue;
      }
      const child = FieldSet.fromFieldsV1(value, where);
      if (isJsonObject(value) && Object.keys(value).length === 0) child.member = true;
      set.children.set(canonicalElement(key, where), child);
    }
    return set;
  }
}

const ELEMENT_RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

function sortedElements(elements: Iterable<string>): string[] {
  return [...elements].sort((a, b) => {
    const rank = (ELEMENT_RANK[a[0] ?? ''] ?? 9) - (ELEMENT_RANK[b[0] ?? ''] ?? 9);
    return rank !== 0 ? rank : a < b ? -1 : a > b ? 1 : 0;
  });
}

export function fieldElement(name: string): string {
  return `f:${name}`;
}

/** `k:{"name":"web"}` with key fields in name order, as structured-merge-diff writes them. */
export function keyElement(keys: Record<string, Json>): string {
  const sorted: JsonObject = {};
  for (const name of Object.keys(keys).sort()) sorted[name] = keys[name] as Json;
  return `k:${JSON.stringify(sorted)}`;
}

export function valueElement(value: Json): string {
  return `v:${canonicalJson(value)}`;
}

function canonicalElement(element: string, where: string): string {
  const kind = element.slice(0, 2);
  try {
    if (kind === 'k:') {
      const keys = JSON.parse(element.slice(2)) as Json;
      if (isJsonObject(keys)) return keyElement(keys);
    } else if (kind === 'v:') {
      return valueElement(JSON.parse(element.slice(2)) as Json);
    } else if (kind === 'f:' || kind === 'i:') {
      return element;
    }
  } catch (error) {
    throw new PatchError(`${where}: fieldsV1 key ${JSON.stringify(element)} is not valid JSON`, { cause: error });
  }
  throw new PatchError(`${where}: fieldsV1 key ${JSON.stringify(element)} must start with f:, k:, v: or i:`);
}

/** A path as Kubernetes prints it in conflicts: `.spec.containers[name="web"].image`, `.metadata.finalizers[="x"]`. */
export function describeFieldPath(path: readonly string[]): string {
  return path
    .map((element) => {
      const body = element.slice(2);
      switch (element[0]) {
        case 'f':
          return `.${body}`;
        case 'k': {
          const keys = JSON.parse(body) as JsonObject;
          return `[${Object.entries(keys)
            .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
            .join(',')}]`;
        }
        case 'v':
          return `[=${body}]`;
        default:
          return `[${body}]`;
      }
    })
    .join('');
}
