import type { ResourceType } from '../resources/resource-type.ts';
import type { ApiContext } from './api-context.ts';
import { deleteObject } from './delete.ts';
import type { DeleteOptions } from './options.ts';
import { list } from './read.ts';

/** DELETE on a collection: deletes every object the selectors match; answers with the list of what was deleted. */
export function deleteCollection(
  ctx: ApiContext,
  type: ResourceType,
  namespace: string | undefined,
  query: URLSearchParams,
  options: DeleteOptions,
) {
  const listed = list(ctx, type, namespace, query);
  const items = listed.items.map(
    (item) => deleteObject(ctx, type, item.metadata.namespace, item.metadata.name!, options).object,
  );
  return { ...listed, metadata: { resourceVersion: String(ctx.store.revision) }, items };
}
