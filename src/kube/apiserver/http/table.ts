import type { KubeObject } from '../../object.ts';
import type { ResourceType } from '../resources/resource-type.ts';
import type { ApiContext } from '../rest/api-context.ts';
import { type Column, columnsFor } from './table-columns.ts';

/** kubectl get asks for `application/json;as=Table;v=v1;g=meta.k8s.io` and prints the server's columns. */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => part.includes('as=Table') && part.includes('g=meta.k8s.io'));
}

/**
 * A meta.k8s.io/v1 Table with the columns the real server's printers produce for the kind
 * (K: pkg/printers/internalversion/printers.go), or the CRD's additionalPrinterColumns.
 */
export function toTable(
  ctx: ApiContext,
  type: ResourceType,
  items: KubeObject[],
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number },
  query: URLSearchParams,
) {
  const columns: Column[] = columnsFor(ctx, type);
  const include = query.get('includeObject') ?? 'Metadata';
  const now = ctx.clock.now();
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: columns.map(({ name, type: t, format, priority, description }) => ({
      name,
      type: t,
      format: format ?? '',
      description: description ?? '',
      priority: priority ?? 0,
    })),
    rows: items.map((item) => ({
      cells: columns.map((c) => c.cell(item, now)),
      ...(include === 'None'
        ? {}
        : {
            object:
              include === 'Object'
                ? item
                : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: item.metadata },
          }),
    })),
  };
}
