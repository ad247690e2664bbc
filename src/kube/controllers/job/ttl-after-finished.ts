import type { ControllerContext } from '../runtime/controller-context.ts';
import { Informer, keyOf } from '../runtime/informer.ts';
import { logError, WorkQueue } from '../runtime/work-queue.ts';
import { findCondition, isJobFinished, type Job } from './job-types.ts';

const MANAGER = 'ttl-after-finished-controller';

/**
 * The TTL-after-finished controller (K: pkg/controller/ttlafterfinished): a finished Job with
 * ttlSecondsAfterFinished is deleted (foreground, so its pods go first) that many seconds after its Complete or
 * Failed condition's lastTransitionTime.
 */
export function startTtlAfterFinishedController(ctx: ControllerContext): void {
  const { api, clock, signal } = ctx;
  const jobs = new Informer<Job>(api, 'batch/v1', 'Job');
  const queue = new WorkQueue({ clock, signal, process: sync, onError: logError(MANAGER) });
  const enqueue = (j: Job) => {
    if (j.spec.ttlSecondsAfterFinished !== undefined && isJobFinished(j))
      queue.add(keyOf(j.metadata.namespace, j.metadata.name!));
  };
  jobs.on({ added: enqueue, updated: (_o, j) => enqueue(j) }).start(signal);

  function sync(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const job = jobs.get(namespace, name);
    if (!job || job.metadata.deletionTimestamp || !isJobFinished(job)) return;
    const ttl = job.spec.ttlSecondsAfterFinished;
    if (ttl === undefined) return;
    const finished = findCondition(job, 'Complete') ?? findCondition(job, 'Failed');
    const expireAt = Date.parse(finished!.lastTransitionTime) + ttl * 1000;
    if (clock.now() < expireAt) {
      queue.addAfter(key, expireAt - clock.now());
      return;
    }
    api.delete('batch/v1', 'Job', namespace, name, {
      propagationPolicy: 'Foreground',
      preconditions: { uid: job.metadata.uid! },
    });
  }
}
