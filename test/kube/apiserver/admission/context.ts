import { ManualClock, Random } from '../../../../src/clock/index.ts';
import type { AdmissionContext } from '../../../../src/kube/apiserver/admission/index.ts';
import type { KubeObject } from '../../../../src/kube/object.ts';

/** A deterministic admission context: cluster IPs 10.96.0.10, .11 …; node ports 30000, 30001 …. */
export function context(options: { operation?: 'CREATE' | 'UPDATE'; old?: KubeObject } = {}): AdmissionContext {
  let ip = 10;
  let port = 30000;
  return {
    operation: options.operation ?? 'CREATE',
    ...(options.old ? { old: options.old } : {}),
    clock: new ManualClock(0),
    random: new Random(1),
    allocateClusterIP: () => `10.96.0.${ip++}`,
    allocateNodePort: () => port++,
  };
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}
