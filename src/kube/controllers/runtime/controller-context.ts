import type { Clock, Random } from '../../../clock/index.ts';
import type { KubeApi } from '../../apiserver/kube-api.ts';
import type { EventRecorder } from './event-recorder.ts';

/** What every in-cluster controller is started with. Controllers stop when `signal` aborts. */
export interface ControllerContext {
  api: KubeApi;
  clock: Clock;
  random: Random;
  events: EventRecorder;
  signal: AbortSignal;
}
