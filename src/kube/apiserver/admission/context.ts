import type { Clock, Random } from '../../../clock/index.ts';
import type { KubeObject } from '../../object.ts';

/** What admission needs from the API server: the operation, the stored object on update, time and allocators. */
export interface AdmissionContext {
  operation: 'CREATE' | 'UPDATE';
  /** The stored object, on UPDATE. */
  old?: KubeObject;
  clock: Clock;
  random: Random;
  /** A free address from the service CIDR, e.g. "10.96.0.12". */
  allocateClusterIP(): string;
  /** A free port from the node port range 30000–32767. */
  allocateNodePort(): number;
}
