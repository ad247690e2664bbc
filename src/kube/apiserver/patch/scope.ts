import type { JsonObject } from '../../object.ts';
import { FieldSet } from './field-set.ts';
import { isJsonObject } from './json.ts';

/**
 * Which part of an object a write may touch: the main resource never sets `status`, the `status` subresource sets
 * only `status` (the reset fields of the API server's registry strategies).
 */
export function scopeConfig(config: JsonObject, subresource: string | undefined): JsonObject {
  if (subresource === 'status') {
    const metadata = isJsonObject(config.metadata) ? config.metadata : {};
    const identity: JsonObject = {};
    if (metadata.name !== undefined) identity.name = metadata.name;
    if (metadata.namespace !== undefined) identity.namespace = metadata.namespace;
    const scoped: JsonObject = { metadata: identity };
    for (const key of ['apiVersion', 'kind', 'status']) if (config[key] !== undefined) scoped[key] = config[key];
    return scoped;
  }
  if (subresource) return config;
  const { status: _status, ...rest } = config;
  return rest;
}

export function scopeSet(set: FieldSet, subresource: string | undefined): FieldSet {
  const status = set.children.get('f:status');
  if (subresource === 'status') {
    const scoped = new FieldSet();
    if (status) scoped.children.set('f:status', status.clone());
    return scoped;
  }
  if (subresource || !status) return set;
  const scoped = set.clone();
  scoped.children.delete('f:status');
  return scoped;
}
