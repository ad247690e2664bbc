import { canonicalJson } from '../../../json/json-equal.ts';
import type { PodTemplate } from '../replicaset/types.ts';
import { HASH_LABEL } from './types.ts';

/** The characters rand.SafeEncodeString maps onto: no vowels, no 0/1/3, so no words (K: apimachinery util/rand). */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** 32-bit FNV-1a (Go's hash/fnv New32a). */
export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** rand.SafeEncodeString: each character's code point modulo 27 picks from ALPHANUMS. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += ALPHANUMS[(ch.codePointAt(0) ?? 0) % ALPHANUMS.length];
  return out;
}

/**
 * The pod-template-hash of a template and collisionCount, as controller.ComputeHash builds it: FNV-32a over the
 * template, then (when collisionCount is set) 8 bytes holding it as a little-endian uint32, the decimal Sum32
 * safe-encoded (K: pkg/controller/controller_utils.go ComputeHash).
 *
 * What is hashed differs: Kubernetes feeds FNV a go-spew dump of its Go PodTemplateSpec struct, whose bytes depend
 * on the struct layout of each Kubernetes release (hashes change across upgrades). We feed canonical JSON (keys
 * sorted), so names have the real shape and alphabet and are stable, but are not byte-identical to a real cluster's.
 * Nothing relies on equality with real hashes: the controllers find a revision's ReplicaSet by comparing templates.
 */
export function computeHash(template: PodTemplate, collisionCount?: number): string {
  let hash = fnv32a(new TextEncoder().encode(canonicalJson(template)));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(bytes, hash);
  }
  return safeEncodeString(String(hash));
}

/**
 * Templates equal once the pod-template-hash label is dropped from both (deployment_util.go EqualIgnoreHash).
 * Semantic equality treats a missing and an empty label map alike.
 */
export function equalIgnoringHash(a: PodTemplate, b: PodTemplate): boolean {
  return canonicalJson(withoutHash(a)) === canonicalJson(withoutHash(b));
}

function withoutHash(template: PodTemplate): PodTemplate {
  const labels = { ...(template.metadata?.labels ?? {}) };
  delete labels[HASH_LABEL];
  const metadata = { ...(template.metadata ?? {}) };
  if (Object.keys(labels).length > 0) metadata.labels = labels;
  else delete metadata.labels;
  return { ...template, metadata };
}
