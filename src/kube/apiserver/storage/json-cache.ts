/**
 * The JSON text of stored objects, computed once per stored version: stored objects are never mutated, so a list,
 * a get and every watcher of a change share one serialization.
 */
const cache = new WeakMap<object, string>();

export function jsonOf(object: object): string {
  let text = cache.get(object);
  if (text === undefined) {
    text = JSON.stringify(object);
    cache.set(object, text);
  }
  return text;
}
