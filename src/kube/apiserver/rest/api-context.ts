import type { Clock, Random } from '../../../clock/index.ts';
import type { ResourceTypes } from '../resources/resource-types.ts';
import type { SchemaRegistry } from '../schema/index.ts';
import type { Store } from '../storage/store.ts';
import type { ServiceAllocators } from './allocators.ts';

/** Everything a request handler needs; built once per API server. */
export interface ApiContext {
  store: Store;
  clock: Clock;
  random: Random;
  types: ResourceTypes;
  schemas: SchemaRegistry;
  allocators: ServiceAllocators;
  /** Ends every open watch stream cleanly, as a real server's watch timeout does; clients resume from their last revision. */
  openWatches: Set<() => void>;
}

/** The outcome of a write: the object as stored (or as it would be, for dry runs) and warnings for the client. */
export interface WriteResult {
  object: import('../../object.ts').KubeObject;
  /** 201 Created, 200 OK, or 202 Accepted (deletion pending). */
  status: number;
  warnings: string[];
}
